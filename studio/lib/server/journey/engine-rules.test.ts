import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	defaultSettings,
	type JourneyDefinition,
	type JourneyNode,
	type JourneySettings
} from '../../journey/definition';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { forgetChannelSettings } from '../messaging/channel-settings-service';
import { configureSecretBox } from '../messaging/secret-box';
import { insertCustomer, insertEvent, insertWorkspace } from '../segment/segment-fixture';
import { forgetLiveJourneys, processDueEnrollments, processNewEvents } from './engine-service';
import { processSegmentChanges } from './entry-service';
import { insertSegment } from '../segment/segment-repository';
import { createJourney, publishJourney, saveDraft } from './journey-service';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// 22:00 in Shanghai (UTC+8) is 14:00 UTC.
const T0 = Date.UTC(2026, 10, 23, 14, 0, 0);

/** entry (Signed Up) -> [middle...] -> exit, chained through each node's first output. */
function chain(middle: JourneyNode[], settings: Partial<JourneySettings> = {}): JourneyDefinition {
	const nodes: JourneyNode[] = [
		{ id: 'in', type: 'entry_event', event: 'Signed Up', filters: [] },
		...middle,
		{ id: 'out', type: 'exit' }
	];
	const outputOf = (n: JourneyNode) =>
		n.type === 'wait_event'
			? 'timed_out'
			: n.type === 'goal'
				? 'not_converted'
				: n.type === 'split'
					? n.variants[0]!.key
					: 'next';
	const edges = nodes
		.slice(0, -1)
		.map((n, i) => ({ from: n.id, output: outputOf(n), to: nodes[i + 1]!.id }));
	for (const n of middle)
		if (n.type === 'split')
			for (const key of [
				...n.variants.slice(1).map((v) => v.key),
				...(n.holdout ? ['holdout'] : [])
			])
				edges.push({ from: n.id, output: key, to: 'out' });
	return { version: 1, nodes, edges, settings: { ...defaultSettings(), ...settings } };
}

const email: JourneyNode = {
	id: 'mail',
	type: 'email',
	subject: 'Hi',
	body: 'Hello',
	products: null
};

describe.each(testDatabases())('journey rules on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let n = 0;

	beforeAll(async () => {
		if (skip) return;
		configureSecretBox({ secret: 'rules-test' });
		({ db, close } = await open());
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

	async function live(definition: JourneyDefinition, timeZone = 'UTC', workspaceId?: number) {
		const ws = workspaceId ?? (await insertWorkspace(db, `rules-${n++}`));
		await db.updateTable('workspace').set({ time_zone: timeZone }).where('id', '=', ws).execute();
		const created = await createJourney(db, ws, { name: 'Rules', definition }, null, T0);
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		const published = await publishJourney(db, ws, created.value.id, null, T0);
		if (!published.ok) throw new Error(JSON.stringify(published.error));
		forgetLiveJourneys();
		await processNewEvents(db, T0 - HOUR);
		return { ws, journeyId: created.value.id };
	}

	async function outcomes(journeyId: number, customerId: number) {
		const rows = await db
			.selectFrom('journey_step')
			.select(['node_id', 'outcome'])
			.where('journey_id', '=', journeyId)
			.where('customer_id', '=', customerId)
			.where('outcome', '<>', 'entered')
			.orderBy('id')
			.execute();
		return rows.map((r) => `${r.node_id}:${r.outcome}`);
	}

	async function run(journeyId: number, customerId: number) {
		return db
			.selectFrom('enrollment')
			.select(['status', 'node_id', 'wake_at'])
			.where('journey_id', '=', journeyId)
			.where('customer_id', '=', customerId)
			.executeTakeFirst();
	}

	it.skipIf(skip)('holds messages through quiet hours in the customer’s own zone', async () => {
		const { ws, journeyId } = await live(
			chain([email], { quietHours: { startHour: 21, endHour: 8 } }),
			'Asia/Shanghai'
		);
		const night = await insertCustomer(db, ws, { name: 'night' });
		const york = await insertCustomer(db, ws, {
			name: 'york',
			traits: { timezone: 'America/New_York' }
		});
		await insertEvent(db, ws, night, 'Signed Up', T0);
		await insertEvent(db, ws, york, 'Signed Up', T0);
		await processNewEvents(db, T0 + 2000);
		// 22:00 in Shanghai: the email waits for 08:00 there (00:00 UTC next day).
		expect(await run(journeyId, night)).toMatchObject({ status: 'active', node_id: 'mail' });
		expect(Number((await run(journeyId, night))!.wake_at)).toBe(Date.UTC(2026, 10, 24, 0, 0));
		// 09:00 in New York (her own zone wins): sent at once.
		expect(await outcomes(journeyId, york)).toEqual(['in:next', 'mail:queued', 'out:completed']);
		await processDueEnrollments(db, Date.UTC(2026, 10, 24, 0, 0, 1));
		expect(await outcomes(journeyId, night)).toEqual(['in:next', 'mail:queued', 'out:completed']);
	});

	it.skipIf(skip)('skips messages past the workspace’s daily cap', async () => {
		const { ws, journeyId } = await live(
			chain([email, { ...email, id: 'mail2' }, { ...email, id: 'mail3' }])
		);
		await db
			.insertInto('channel_settings')
			.values({ workspace_id: ws, cap_per_day: 2, updated_at: T0 })
			.execute();
		const busy = await insertCustomer(db, ws, { name: 'busy' });
		await insertEvent(db, ws, busy, 'Signed Up', T0);
		await processNewEvents(db, T0 + 2000);
		expect(await outcomes(journeyId, busy)).toEqual([
			'in:next',
			'mail:queued',
			'mail2:queued',
			'mail3:skipped_cap',
			'out:completed'
		]);
	});

	it.skipIf(skip)('ends runs on the exit event and counts the goal as a conversion', async () => {
		const wait: JourneyNode = {
			id: 'wait',
			type: 'delay',
			delay: { kind: 'duration', minutes: 60 }
		};
		const { ws, journeyId } = await live(
			chain([wait, email], {
				exit: { event: 'Unsubscribed', leftSegmentId: null },
				goal: {
					event: 'Order Completed',
					filters: [{ key: 'total', operator: 'gt', value: 20 }],
					windowDays: 7
				}
			})
		);
		const leaver = await insertCustomer(db, ws, { name: 'leaver' });
		const buyer = await insertCustomer(db, ws, { name: 'buyer' });
		const small = await insertCustomer(db, ws, { name: 'small' });
		for (const c of [leaver, buyer, small]) await insertEvent(db, ws, c, 'Signed Up', T0);
		await processNewEvents(db, T0 + 2000);
		await insertEvent(db, ws, leaver, 'Unsubscribed', T0 + 10 * MINUTE);
		await insertEvent(db, ws, buyer, 'Order Completed', T0 + 10 * MINUTE, { total: 35 });
		await insertEvent(db, ws, small, 'Order Completed', T0 + 10 * MINUTE, { total: 5 });
		await processNewEvents(db, T0 + 11 * MINUTE);
		expect(await run(journeyId, leaver)).toMatchObject({ status: 'exited' });
		expect(await run(journeyId, buyer)).toMatchObject({ status: 'converted' });
		expect(await run(journeyId, small)).toMatchObject({ status: 'active', node_id: 'wait' });
		await processDueEnrollments(db, T0 + 2 * HOUR);
		expect(await outcomes(journeyId, small)).toEqual([
			'in:next',
			'wait:next',
			'mail:queued',
			'out:completed'
		]);
		expect(await outcomes(journeyId, leaver)).toEqual(['in:next', 'wait:exited']);
	});

	it.skipIf(skip)('leaves when the customer leaves the exit segment', async () => {
		const ws = await insertWorkspace(db, `rules-seg-${n++}`);
		const segmentId = await insertSegment(db, {
			workspaceId: ws,
			name: 'VIP',
			description: '',
			definition: {
				version: 1,
				marketing: false,
				root: { type: 'group', op: 'and', children: [] }
			},
			createdBy: null,
			now: T0
		});
		const wait: JourneyNode = {
			id: 'wait',
			type: 'delay',
			delay: { kind: 'duration', minutes: 60 }
		};
		const { journeyId } = await live(
			chain([wait], { exit: { event: null, leftSegmentId: segmentId } }),
			'UTC',
			ws
		);
		const stays = await insertCustomer(db, ws, { name: 'stays' });
		const goes = await insertCustomer(db, ws, { name: 'goes' });
		for (const c of [stays, goes]) await insertEvent(db, ws, c, 'Signed Up', T0);
		await processNewEvents(db, T0 + 2000);
		await processSegmentChanges(db, T0 + 3000); // takes its starting position
		await db
			.insertInto('segment_change')
			.values([
				{
					workspace_id: ws,
					segment_id: segmentId,
					customer_id: goes,
					change: 'left',
					at: T0 + 4000
				},
				{
					workspace_id: ws,
					segment_id: segmentId,
					customer_id: stays,
					change: 'entered',
					at: T0 + 4000
				}
			])
			.execute();
		expect(await processSegmentChanges(db, T0 + 5000)).toBe(2);
		expect(await run(journeyId, goes)).toMatchObject({ status: 'exited' });
		expect(await run(journeyId, stays)).toMatchObject({ status: 'active', node_id: 'wait' });
		expect(await outcomes(journeyId, goes)).toEqual(['in:next', 'wait:exited']);
	});

	it.skipIf(skip)('keeps customers on the version they entered with', async () => {
		const wait: JourneyNode = {
			id: 'wait',
			type: 'delay',
			delay: { kind: 'duration', minutes: 60 }
		};
		const v1 = chain([wait, { ...email, subject: 'Version one' }]);
		const { ws, journeyId } = await live(v1);
		const early = await insertCustomer(db, ws, { name: 'early' });
		await insertEvent(db, ws, early, 'Signed Up', T0);
		await processNewEvents(db, T0 + 2000);
		const v2 = chain([wait, { ...email, subject: 'Version two' }]);
		expect((await saveDraft(db, ws, journeyId, { definition: v2 }, T0 + 3000)).ok).toBe(true);
		const published = await publishJourney(db, ws, journeyId, null, T0 + 3000);
		expect(published.ok && published.value.version).toBe(2);
		const late = await insertCustomer(db, ws, { name: 'late' });
		await insertEvent(db, ws, late, 'Signed Up', T0 + 4000);
		await processNewEvents(db, T0 + 6000);
		await processDueEnrollments(db, T0 + 2 * HOUR);
		const subjects = await db
			.selectFrom('message')
			.select(['customer_id', 'subject'])
			.where('workspace_id', '=', ws)
			.orderBy('customer_id')
			.execute();
		expect(subjects.map((m) => [Number(m.customer_id), m.subject])).toEqual([
			[early, 'Version one'],
			[late, 'Version two']
		]);
	});

	it.skipIf(skip)('splits deterministically and keeps a holdout out of everything', async () => {
		const split: JourneyNode = {
			id: 'ab',
			type: 'split',
			mode: 'ab',
			variants: [
				{ key: 'a', weight: 0.5 },
				{ key: 'b', weight: 0.5 }
			],
			holdout: 0
		};
		const { ws, journeyId } = await live(
			chain([split, email], { holdout: 0.2, reEntry: { kind: 'always' } })
		);
		const ids: number[] = [];
		for (let i = 0; i < 200; i++) {
			const c = await insertCustomer(db, ws, { name: `split-${i}` });
			ids.push(c);
			await insertEvent(db, ws, c, 'Signed Up', T0);
		}
		while ((await processNewEvents(db, T0 + 2000)) > 0);
		const runs = await db
			.selectFrom('enrollment')
			.select(['customer_id', 'status'])
			.where('journey_id', '=', journeyId)
			.execute();
		const held = runs.filter((r) => r.status === 'holdout').length;
		expect(held).toBeGreaterThan(20);
		expect(held).toBeLessThan(60);
		const buckets = await db
			.selectFrom('journey_step')
			.select(['customer_id', 'outcome'])
			.where('journey_id', '=', journeyId)
			.where('node_id', '=', 'ab')
			.where('outcome', 'in', ['a', 'b'])
			.execute();
		expect(buckets.length).toBe(200 - held);
		const messages = await db
			.selectFrom('message')
			.select('customer_id')
			.where('workspace_id', '=', ws)
			.execute();
		// Variant a emails, b goes straight out, the control group gets nothing.
		const a = buckets.filter((b) => b.outcome === 'a').length;
		expect(a).toBeGreaterThan(50);
		expect(a).toBeLessThan(200 - held - 50);
		expect(messages.length).toBe(a);
		// Entering again takes the same branch, and a held-out customer stays held out.
		const first = new Map(buckets.map((b) => [Number(b.customer_id), b.outcome]));
		for (const c of ids.slice(0, 40)) await insertEvent(db, ws, c, 'Signed Up', T0 + DAY);
		while ((await processNewEvents(db, T0 + DAY + 2000)) > 0);
		const again = await db
			.selectFrom('journey_step')
			.select(['customer_id', 'outcome'])
			.where('journey_id', '=', journeyId)
			.where('node_id', '=', 'ab')
			.where('outcome', 'in', ['a', 'b'])
			.where('at', '>=', T0 + DAY)
			.execute();
		expect(again.length).toBeGreaterThan(20);
		for (const step of again) expect(step.outcome).toBe(first.get(Number(step.customer_id)));
		const heldAgain = await db
			.selectFrom('enrollment')
			.select(['customer_id', 'status'])
			.where('journey_id', '=', journeyId)
			.where('entered_at', '>=', T0 + DAY)
			.execute();
		const wasHeld = new Set(
			runs.filter((r) => r.status === 'holdout').map((r) => Number(r.customer_id))
		);
		for (const r of heldAgain)
			expect(r.status === 'holdout').toBe(wasHeld.has(Number(r.customer_id)));
	});
});
