import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyDefinition, JourneyNode } from '../../journey/definition';
import { defaultSettings } from '../../journey/definition';
import type { StepWhy, TraceRun } from '../../journey/trace';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { forgetChannelSettings } from '../messaging/channel-settings-service';
import { configureSecretBox } from '../messaging/secret-box';
import { insertCustomer, insertEvent, insertWorkspace } from '../segment/segment-fixture';
import { forgetLiveJourneys, processDueEnrollments, processNewEvents } from './engine-service';
import { customersAtNode, customerTrace, parseNodeCustomersQuery } from './journey-trace';
import { createJourney, publishJourney, saveDraft } from './journey-service';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

/** Big carts go through an A/B split to an email; small ones to a webhook; all then wait. */
function checkoutJourney(conditionLabel: string): JourneyDefinition {
	const nodes: JourneyNode[] = [
		{ id: 'start', type: 'entry_event', event: 'Checkout Started', filters: [] },
		{
			id: 'big',
			type: 'condition',
			label: conditionLabel,
			match: 'all',
			checks: [
				{ kind: 'entry_property', filter: { key: 'total', operator: 'gt', value: 50 } },
				{ kind: 'entry_property', filter: { key: 'country', operator: 'eq', value: 'FR' } }
			]
		},
		{
			id: 'ab',
			type: 'split',
			mode: 'ab',
			variants: [
				{ key: 'a', weight: 0.4 },
				{ key: 'b', weight: 0.4 }
			],
			holdout: 0.2
		},
		{
			id: 'mail_a',
			type: 'email',
			label: 'Reminder A',
			subject: 'Your cart misses you',
			body: '<p>Come back</p>',
			products: null
		},
		{
			id: 'mail_b',
			type: 'email',
			subject: 'Still thinking, {{first_name}}?',
			body: '<p>Come back</p>',
			products: null
		},
		{ id: 'hook', type: 'webhook', url: 'https://example.com/hook', body: '{"small": true}' },
		{
			id: 'wait',
			type: 'wait_event',
			event: 'Order Completed',
			filters: [],
			timeoutMinutes: 60
		},
		{ id: 'done', type: 'exit' }
	];
	return {
		version: 1,
		nodes,
		edges: [
			{ from: 'start', output: 'next', to: 'big' },
			{ from: 'big', output: 'yes', to: 'ab' },
			{ from: 'big', output: 'no', to: 'hook' },
			{ from: 'ab', output: 'a', to: 'mail_a' },
			{ from: 'ab', output: 'b', to: 'mail_b' },
			{ from: 'ab', output: 'holdout', to: 'done' },
			{ from: 'mail_a', output: 'next', to: 'wait' },
			{ from: 'mail_b', output: 'next', to: 'wait' },
			{ from: 'hook', output: 'next', to: 'wait' },
			{ from: 'wait', output: 'happened', to: 'done' },
			{ from: 'wait', output: 'timed_out', to: 'done' }
		],
		settings: defaultSettings()
	};
}

const SPLIT_TARGET: Record<string, string> = { a: 'mail_a', b: 'mail_b', holdout: 'done' };

describe.each(testDatabases())('journey traces on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let other = 0;
	let journeyId = 0;
	let otherJourneyId = 0;
	const big: number[] = [];
	const small: number[] = [];
	let far = 0;
	let late = 0;

	beforeAll(async () => {
		if (skip) return;
		configureSecretBox({ secret: 'trace-test-secret' });
		({ db, close } = await open());
		ws = await insertWorkspace(db, 'trace-shop');
		other = await insertWorkspace(db, 'trace-other');
		for (let i = 0; i < 10; i++) big.push(await insertCustomer(db, ws, { name: `Big${i}` }));
		for (let i = 0; i < 3; i++) small.push(await insertCustomer(db, ws, { name: `Small${i}` }));
		late = await insertCustomer(db, ws, { name: 'Late' });
		far = await insertCustomer(db, other, { name: 'Far' });
	});
	afterAll(async () => {
		forgetLiveJourneys();
		forgetChannelSettings();
		await close?.();
	});
	beforeEach(() => {
		forgetLiveJourneys();
		forgetChannelSettings();
	});

	async function live(workspaceId: number, name: string): Promise<number> {
		const created = await createJourney(
			db,
			workspaceId,
			{ name, definition: checkoutJourney('Big cart') },
			null,
			T0
		);
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		const published = await publishJourney(db, workspaceId, created.value.id, null, T0);
		if (!published.ok) throw new Error(JSON.stringify(published.error));
		return created.value.id;
	}

	function why<K extends NonNullable<StepWhy>['kind']>(
		run: TraceRun,
		nodeId: string
	): Extract<StepWhy, { kind: K }> {
		const step = run.steps.find((s) => s.nodeId === nodeId);
		if (!step?.why) throw new Error(`no why at ${nodeId}`);
		return step.why as Extract<StepWhy, { kind: K }>;
	}

	it.skipIf(skip)('drives customers through the journey with the engine', async () => {
		journeyId = await live(ws, 'Checkout');
		otherJourneyId = await live(other, 'Other checkout');
		await processNewEvents(db, T0);
		for (const id of big)
			await insertEvent(db, ws, id, 'Checkout Started', T0 + MINUTE, { total: 80, country: 'FR' });
		for (const id of small)
			await insertEvent(db, ws, id, 'Checkout Started', T0 + MINUTE, { total: 32, country: 'FR' });
		await insertEvent(db, other, far, 'Checkout Started', T0 + MINUTE, {
			total: 80,
			country: 'FR'
		});
		expect(await processNewEvents(db, T0 + 2 * MINUTE)).toBe(14);
	});

	it.skipIf(skip)('explains a condition check by check, with the entry values', async () => {
		const trace = await customerTrace(db, ws, small[0]!);
		expect(trace.more).toBe(false);
		expect(trace.runs).toHaveLength(1);
		const run = trace.runs[0]!;
		expect(run).toMatchObject({
			journeyId,
			journeyName: 'Checkout',
			version: 1,
			status: 'active',
			nodeId: 'wait',
			waitingFor: 'Order Completed',
			wakeAt: T0 + 2 * MINUTE + 60 * MINUTE,
			endedAt: null
		});
		expect(run.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
			'start:next',
			'big:no',
			'hook:queued',
			'wait:null'
		]);
		const big = run.steps[1]!;
		expect(big).toMatchObject({ type: 'condition', label: 'Big cart', enteredAt: T0 + 2 * MINUTE });
		// "all" stops at the first failure: the second check was never evaluated.
		expect(why<'condition'>(run, 'big')).toEqual({
			kind: 'condition',
			match: 'all',
			checks: [
				{
					kind: 'entry_property',
					filter: { key: 'total', operator: 'gt', value: 50 },
					actual: '32',
					result: false
				},
				{
					kind: 'entry_property',
					filter: { key: 'country', operator: 'eq', value: 'FR' },
					actual: 'FR',
					result: null
				}
			]
		});
		expect(why<'message'>(run, 'hook')).toMatchObject({
			kind: 'message',
			channel: 'webhook',
			message: { channel: 'webhook', status: 'pending', recipient: 'https://example.com/hook' }
		});
		expect(run.steps[3]).toMatchObject({ type: 'wait_event', outcome: null, at: null, why: null });
	});

	it.skipIf(skip)('shows the split bucket and the message each variant sent', async () => {
		const buckets = new Set<string>();
		for (const id of big) {
			const [run] = (await customerTrace(db, ws, id)).runs;
			const condition = why<'condition'>(run!, 'big');
			expect(condition.checks.map((c) => c.result)).toEqual([true, true]);
			const split = why<'split'>(run!, 'ab');
			expect(split.mode).toBe('ab');
			expect(split.holdout).toBe(split.bucket === 'holdout');
			buckets.add(split.bucket);
			const at = run!.steps.findIndex((s) => s.nodeId === 'ab');
			expect(run!.steps[at]!.outcome).toBe(split.bucket);
			expect(run!.steps[at + 1]!.nodeId).toBe(SPLIT_TARGET[split.bucket]);
			if (split.bucket === 'a') {
				expect(run!.steps[at + 1]).toMatchObject({ type: 'email', label: 'Reminder A' });
				expect(why<'message'>(run!, 'mail_a').message).toMatchObject({
					channel: 'email',
					status: 'pending',
					subject: 'Your cart misses you',
					recipient: `Big${big.indexOf(id)}@example.com`
				});
			}
			if (split.bucket === 'holdout') expect(run!.status).toBe('completed');
		}
		// Ten customers land in more than one bucket (the split is deterministic, so this is stable).
		expect(buckets.size).toBeGreaterThan(1);
	});

	it.skipIf(skip)('shows a failed webhook and a timed-out wait', async () => {
		await db
			.updateTable('message')
			.set({ status: 'failed', error: 'HTTP 500', attempts: 5 })
			.where('workspace_id', '=', ws)
			.where('customer_id', '=', small[0]!)
			.execute();
		while ((await processDueEnrollments(db, T0 + 63 * MINUTE)) > 0);
		const [run] = (await customerTrace(db, ws, small[0]!)).runs;
		expect(run).toMatchObject({ status: 'completed', nodeId: 'done', endedAt: T0 + 63 * MINUTE });
		expect(why<'message'>(run!, 'hook').message).toMatchObject({
			status: 'failed',
			error: 'HTTP 500',
			attempts: 5
		});
		expect(why<'wait'>(run!, 'wait')).toEqual({
			kind: 'wait',
			event: 'Order Completed',
			happened: false,
			timeoutMinutes: 60
		});
		expect(run!.steps.at(-1)).toMatchObject({ nodeId: 'done', type: 'exit', outcome: 'completed' });
	});

	it.skipIf(skip)('reads each run against its own version', async () => {
		const saved = await saveDraft(
			db,
			ws,
			journeyId,
			{ definition: checkoutJourney('Large cart') },
			T0
		);
		expect(saved.ok).toBe(true);
		const published = await publishJourney(db, ws, journeyId, null, T0 + 70 * MINUTE);
		expect(published.ok && published.value.version).toBe(2);
		forgetLiveJourneys();
		await insertEvent(db, ws, late, 'Checkout Started', T0 + 71 * MINUTE, {
			total: 80,
			country: 'FR'
		});
		await processNewEvents(db, T0 + 72 * MINUTE);
		const [run] = (await customerTrace(db, ws, late)).runs;
		expect(run!.version).toBe(2);
		expect(run!.steps.find((s) => s.nodeId === 'big')!.label).toBe('Large cart');
		// The earlier runs keep version 1's label.
		const old = (await customerTrace(db, ws, big[0]!)).runs[0]!;
		expect(old.version).toBe(1);
		expect(old.steps.find((s) => s.nodeId === 'big')!.label).toBe('Big cart');
	});

	it.skipIf(skip)('never shows another workspace’s runs', async () => {
		expect((await customerTrace(db, other, big[0]!)).runs).toEqual([]);
		expect((await customerTrace(db, ws, far)).runs).toEqual([]);
		const theirs = await customerTrace(db, other, far);
		expect(theirs.runs.map((r) => r.journeyId)).toEqual([otherJourneyId]);
		expect(
			await customersAtNode(db, other, journeyId, 'big', { state: 'passed', limit: 10 })
		).toMatchObject({ ok: false, error: { code: 'not_found' } });
		const mine = await customersAtNode(db, ws, journeyId, 'big', { state: 'passed', limit: 100 });
		expect(mine.ok && mine.value.customers.map((c) => c.customerId)).not.toContain(far);
	});

	it.skipIf(skip)('pages through the customers who passed a node, newest first', async () => {
		const seen: number[] = [];
		const sizes: number[] = [];
		let cursor: string | undefined;
		for (;;) {
			const page = await customersAtNode(db, ws, journeyId, 'big', {
				state: 'passed',
				limit: 4,
				cursor
			});
			if (!page.ok) throw new Error(page.error.message);
			sizes.push(page.value.customers.length);
			for (const c of page.value.customers) {
				expect(['yes', 'no']).toContain(c.outcome);
				seen.push(c.customerId);
			}
			if (!page.value.nextCursor) break;
			cursor = page.value.nextCursor;
		}
		// 10 big, 3 small, and the late one on version 2.
		expect(sizes).toEqual([4, 4, 4, 2]);
		expect(new Set(seen).size).toBe(14);
		expect(seen[0]).toBe(late);
		const first = await customersAtNode(db, ws, journeyId, 'big', { state: 'passed', limit: 1 });
		expect(first.ok && first.value.customers[0]).toMatchObject({
			customerId: late,
			name: 'Late',
			email: 'Late@example.com',
			externalId: 'Late',
			outcome: 'yes',
			at: T0 + 72 * MINUTE
		});
	});

	it.skipIf(skip)('lists the runs waiting at a node with since-when and wake time', async () => {
		const all = await customersAtNode(db, ws, journeyId, 'wait', { state: 'waiting', limit: 100 });
		if (!all.ok) throw new Error(all.error.message);
		const waiting = await db
			.selectFrom('enrollment')
			.select('customer_id')
			.where('workspace_id', '=', ws)
			.where('status', '=', 'active')
			.where('node_id', '=', 'wait')
			.execute();
		expect(all.value.customers.map((c) => c.customerId).sort()).toEqual(
			waiting.map((r) => r.customer_id).sort()
		);
		expect(all.value.nextCursor).toBeNull();
		const lateRow = all.value.customers.find((c) => c.customerId === late);
		if (lateRow)
			expect(lateRow).toMatchObject({
				status: 'active',
				at: T0 + 72 * MINUTE,
				wakeAt: T0 + 132 * MINUTE,
				waitingFor: 'Order Completed',
				outcome: null
			});
		// One at a time, the pages add up to the same runs.
		const paged: number[] = [];
		let cursor: string | undefined;
		do {
			const page = await customersAtNode(db, ws, journeyId, 'wait', {
				state: 'waiting',
				limit: 1,
				cursor
			});
			if (!page.ok) throw new Error(page.error.message);
			paged.push(...page.value.customers.map((c) => c.customerId));
			cursor = page.value.nextCursor ?? undefined;
		} while (cursor);
		expect(paged.sort()).toEqual(all.value.customers.map((c) => c.customerId).sort());
		// Nobody waits at a node where runs never stop.
		const none = await customersAtNode(db, ws, journeyId, 'big', { state: 'waiting', limit: 10 });
		expect(none.ok && none.value).toEqual({ customers: [], nextCursor: null });
	});

	it.skipIf(skip)('refuses a bad node id or cursor', async () => {
		expect(
			await customersAtNode(db, ws, journeyId, 'no such!', { state: 'waiting', limit: 10 })
		).toMatchObject({ ok: false, error: { code: 'invalid_query' } });
		expect(
			await customersAtNode(db, ws, journeyId, 'wait', {
				state: 'waiting',
				limit: 10,
				cursor: 'x1'
			})
		).toMatchObject({ ok: false, error: { code: 'invalid_query' } });
	});
});

describe('the node customers query string', () => {
	const parse = (q: string) => parseNodeCustomersQuery(new URLSearchParams(q));

	it('defaults to waiting, 25 at a time', () => {
		expect(parse('')).toEqual({ ok: true, value: { state: 'waiting', limit: 25 } });
		expect(parse('state=passed&limit=100&cursor=42')).toEqual({
			ok: true,
			value: { state: 'passed', limit: 100, cursor: '42' }
		});
	});

	it('refuses what it does not understand', () => {
		for (const q of ['state=gone', 'limit=0', 'limit=101', 'limit=2.5', 'cursor=-1', 'cursor=a'])
			expect(parse(q).ok).toBe(false);
	});
});
