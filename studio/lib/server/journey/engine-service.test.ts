import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyDefinition, JourneyNode } from '../../journey/definition';
import { defaultSettings } from '../../journey/definition';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { testDatabases } from '../db/testing';
import { forgetChannelSettings } from '../messaging/channel-settings-service';
import { configureSecretBox } from '../messaging/secret-box';
import { insertCustomer, insertEvent, insertWorkspace } from '../segment/segment-fixture';
import { forgetLiveJourneys, processDueEnrollments, processNewEvents } from './engine-service';
import { journeyStats } from './journey-stats';
import { changeJourneyStatus, createJourney, publishJourney } from './journey-service';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

/** Abandoned cart, small: wait an hour for the order of the same cart, else email, then exit. */
function cartJourney(): JourneyDefinition {
	const nodes: JourneyNode[] = [
		{ id: 'start', type: 'entry_event', event: 'Product Added', filters: [] },
		{
			id: 'wait',
			type: 'wait_event',
			event: 'Order Completed',
			filters: [],
			timeoutMinutes: 60,
			matchKey: 'cart_id'
		},
		{
			id: 'mail',
			type: 'email',
			subject: 'Hi {{first_name}}, your cart {{entry.cart_id}}',
			body: '<p>Come back</p>\n<p>Note: {{entry.note}}</p>',
			products: null
		},
		{ id: 'points', type: 'award_points', points: 50, reason: 'cart reminder' },
		{ id: 'done', type: 'exit' },
		{ id: 'bought', type: 'exit' }
	];
	return {
		version: 1,
		nodes,
		edges: [
			{ from: 'start', output: 'next', to: 'wait' },
			{ from: 'wait', output: 'happened', to: 'bought' },
			{ from: 'wait', output: 'timed_out', to: 'mail' },
			{ from: 'mail', output: 'next', to: 'points' },
			{ from: 'points', output: 'next', to: 'done' }
		],
		settings: { ...defaultSettings(), reEntry: { kind: 'cooldown', days: 7 } }
	};
}

describe.each(testDatabases())('the journey engine on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let other = 0;
	let journeyId = 0;
	const ids: Record<string, number> = {};

	beforeAll(async () => {
		if (skip) return;
		configureSecretBox({ secret: 'engine-test-secret' });
		({ db, close } = await open());
		ws = await insertWorkspace(db, 'engine-shop');
		other = await insertWorkspace(db, 'engine-other');
		ids.ana = await insertCustomer(db, ws, { name: 'Ana Lima' });
		ids.bo = await insertCustomer(db, ws, { name: 'Bo' });
		ids.cy = await insertCustomer(db, ws, { name: 'Cy', consent: 'denied' });
		ids.dee = await insertCustomer(db, ws, { name: 'Dee', email: null });
		ids.far = await insertCustomer(db, other, { name: 'Far' });
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

	async function steps(customer: string) {
		return db
			.selectFrom('journey_step')
			.select(['node_id', 'outcome'])
			.where('customer_id', '=', ids[customer]!)
			.where('journey_id', '=', journeyId)
			.orderBy('id')
			.execute();
	}
	async function runOf(customer: string) {
		return db
			.selectFrom('enrollment')
			.selectAll()
			.where('customer_id', '=', ids[customer]!)
			.where('journey_id', '=', journeyId)
			.orderBy('id', 'desc')
			.executeTakeFirst();
	}

	it.skipIf(skip)('publishes only valid journeys and starts from the events after it', async () => {
		const bad = await createJourney(
			db,
			ws,
			{ name: 'Broken', definition: { version: 1, nodes: 'x' } },
			null,
			T0
		);
		expect(bad.ok).toBe(false);
		const created = await createJourney(
			db,
			ws,
			{ name: 'Cart', definition: cartJourney() },
			null,
			T0
		);
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		journeyId = created.value.id;
		const published = await publishJourney(db, ws, journeyId, null, T0);
		expect(published.ok && published.value.version).toBe(1);
		// An event from before the engine first ran is history, not a trigger.
		await insertEvent(db, ws, ids.ana!, 'Product Added', T0 - MINUTE, { cart_id: 'old' });
		expect(await processNewEvents(db, T0)).toBe(0);
		expect(await runOf('ana')).toBeUndefined();
	});

	it.skipIf(skip)(
		'enrols on the event, waits, and matches the order to the same cart',
		async () => {
			await insertEvent(db, ws, ids.ana!, 'Product Added', T0 + MINUTE, {
				cart_id: 'c-ana',
				note: '<script>alert(1)</script>'
			});
			await insertEvent(db, ws, ids.bo!, 'Product Added', T0 + MINUTE, { cart_id: 'c-bo' });
			await insertEvent(db, ws, ids.cy!, 'Product Added', T0 + MINUTE, { cart_id: 'c-cy' });
			await insertEvent(db, ws, ids.dee!, 'Product Added', T0 + MINUTE, { cart_id: 'c-dee' });
			// Another workspace's events never enter this workspace's journeys.
			await insertEvent(db, other, ids.far!, 'Product Added', T0 + MINUTE, { cart_id: 'c-far' });
			expect(await processNewEvents(db, T0 + 2 * MINUTE)).toBe(5);
			expect(await runOf('far')).toBeUndefined();
			const ana = await runOf('ana');
			expect(ana).toMatchObject({
				status: 'active',
				node_id: 'wait',
				waiting_for: 'Order Completed'
			});
			expect(Number(ana!.wake_at)).toBe(T0 + 2 * MINUTE + 60 * MINUTE);
			expect(readJson<{ entry: unknown }>(ana!.context, { entry: null }).entry).toEqual({
				cart_id: 'c-ana',
				note: '<script>alert(1)</script>'
			});

			// Bo orders another cart first (no match), then this one.
			await insertEvent(db, ws, ids.bo!, 'Order Completed', T0 + 3 * MINUTE, { cart_id: 'other' });
			await insertEvent(db, ws, ids.bo!, 'Order Completed', T0 + 4 * MINUTE, { cart_id: 'c-bo' });
			expect(await processNewEvents(db, T0 + 5 * MINUTE)).toBe(2);
			expect(await runOf('bo')).toMatchObject({ status: 'completed', node_id: 'bought' });
			expect((await steps('bo')).map((s) => `${s.node_id}:${s.outcome}`)).toEqual([
				'start:entered',
				'start:next',
				'wait:entered',
				'wait:happened',
				'bought:entered',
				'bought:completed'
			]);
		}
	);

	it.skipIf(skip)('times out on the due timer and queues the email once, with points', async () => {
		expect(await processDueEnrollments(db, T0 + 30 * MINUTE)).toBe(0);
		const now = T0 + 63 * MINUTE;
		// Two workers at once: the claims let each run through once.
		const [a, b] = await Promise.all([
			processDueEnrollments(db, now),
			processDueEnrollments(db, now)
		]);
		expect(a + b).toBe(3);
		expect(await runOf('ana')).toMatchObject({ status: 'completed', node_id: 'done' });
		const messages = await db
			.selectFrom('message')
			.select(['customer_id', 'channel', 'status', 'subject', 'recipient', 'payload'])
			.where('workspace_id', '=', ws)
			.execute();
		expect(messages).toHaveLength(1);
		expect(messages[0]).toMatchObject({
			customer_id: ids.ana,
			channel: 'email',
			status: 'pending',
			subject: 'Hi Ana, your cart c-ana',
			recipient: 'Ana Lima@example.com'
		});
		// The marketer's markup stays markup; customer data in it is escaped.
		const payload = readJson<{ html: string; text: string }>(messages[0]!.payload, {
			html: '',
			text: ''
		});
		expect(payload.html).toBe(
			'<div><p>Come back</p><br>\n<p>Note: &lt;script&gt;alert(1)&lt;/script&gt;</p></div>'
		);
		expect(payload.text).toBe('Come back\nNote: <script>alert(1)</script>');
		// No marketing to the opted-out, no email without an address; the run still goes on.
		expect((await steps('cy')).map((s) => s.outcome)).toContain('skipped_consent');
		expect((await steps('dee')).map((s) => s.outcome)).toContain('skipped_no_email');
		const points = await db
			.selectFrom('customer')
			.select(['id', 'loyalty_points'])
			.where('id', 'in', [ids.ana!, ids.cy!, ids.dee!])
			.execute();
		expect(points.map((p) => Number(p.loyalty_points))).toEqual([50, 50, 50]);
		const entered = (await steps('ana'))
			.filter((s) => s.outcome === 'entered')
			.map((s) => s.node_id);
		expect(entered).toEqual(['start', 'wait', 'mail', 'points', 'done']);
	});

	it.skipIf(skip)('keeps the re-entry cooldown and counts every node', async () => {
		await insertEvent(db, ws, ids.ana!, 'Product Added', T0 + 70 * MINUTE, { cart_id: 'again' });
		await processNewEvents(db, T0 + 72 * MINUTE);
		const runs = await db
			.selectFrom('enrollment')
			.select('id')
			.where('customer_id', '=', ids.ana!)
			.execute();
		expect(runs).toHaveLength(1);
		const stats = await journeyStats(db, ws, journeyId, 30);
		expect(stats.runs).toMatchObject({ total: 4, completed: 4, active: 0 });
		expect(stats.nodes.wait).toMatchObject({ entered: 4, waiting: 0 });
		expect(stats.nodes.wait!.outcomes).toEqual({ happened: 1, timed_out: 3 });
		expect(stats.nodes.mail!.outcomes).toMatchObject({
			queued: 1,
			skipped_consent: 1,
			skipped_no_email: 1
		});
		// Another workspace sees nothing of it.
		expect((await journeyStats(db, other, journeyId, 30)).runs.total).toBe(0);
	});

	it.skipIf(skip)('holds runs of a paused journey and takes no new entries', async () => {
		await insertEvent(db, ws, ids.bo!, 'Product Added', T0 + 8 * 24 * 60 * MINUTE, {
			cart_id: 'p'
		});
		const paused = await changeJourneyStatus(db, ws, journeyId, 'pause', T0);
		expect(paused.ok).toBe(true);
		await processNewEvents(db, T0 + 8 * 24 * 60 * MINUTE + 2 * MINUTE);
		expect(await runOf('bo')).toMatchObject({ status: 'completed' });
		expect((await changeJourneyStatus(db, ws, journeyId, 'pause', T0)).ok).toBe(false);
		expect((await changeJourneyStatus(db, ws, journeyId, 'resume', T0)).ok).toBe(true);
	});
});
