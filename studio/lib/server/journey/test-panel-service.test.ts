import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyTemplate } from '../../journey/templates';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { forgetChannelSettings } from '../messaging/channel-settings-service';
import { configureSecretBox } from '../messaging/secret-box';
import { insertCustomer, insertEvent, insertWorkspace, NOW } from '../segment/segment-fixture';
import { createJourney, publishJourney } from './journey-service';
import { forgetLiveJourneys, processDueEnrollments, processNewEvents } from './engine-service';
import { liveStats, runDryRun, runTest } from './test-panel-service';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** What a run of the engine writes; a test or dry run must leave every count as it was. */
const WRITTEN = [
	'customer',
	'enrollment',
	'journey_step',
	'message',
	'loyalty_ledger',
	'journey_offer'
] as const;

describe.each(testDatabases())('the journey test panel on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let other = 0;
	let journeyId = 0;
	let customerId = 0;

	beforeAll(async () => {
		if (skip) return;
		configureSecretBox({ secret: 'x' });
		forgetChannelSettings();
		({ db, close } = await open());
		ws = await insertWorkspace(db, 'panel');
		other = await insertWorkspace(db, 'panel-other');
		const created = await createJourney(db, ws, { template: 'abandoned_cart' }, null, NOW);
		if (!created.ok) throw new Error(created.error.message);
		journeyId = created.value.id;
		customerId = await insertCustomer(db, ws, { name: 'Ana' });
		const cartEvent = journeyTemplate('abandoned_cart').definition.nodes[0]!;
		if (cartEvent.type !== 'entry_event') throw new Error('the template starts on an event');
		for (let i = 0; i < 6; i++) {
			const id = i === 0 ? customerId : await insertCustomer(db, ws, { name: `p${i}` });
			await insertEvent(db, ws, id, cartEvent.event, NOW - (i + 1) * DAY, { cart_id: `c${i}` });
		}
	});
	afterAll(async () => {
		forgetChannelSettings();
		forgetLiveJourneys();
		await close?.();
	});

	async function rowCounts(): Promise<Record<string, number>> {
		const counts: Record<string, number> = {};
		for (const table of WRITTEN) {
			const row = await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			counts[table] = Number(row.n);
		}
		return counts;
	}

	it.skipIf(skip)(
		'a described customer runs the canvas definition; nothing is written or sent',
		async () => {
			const before = await rowCounts();
			const definition = journeyTemplate('abandoned_cart').definition;
			const result = await runTest(
				db,
				ws,
				journeyId,
				{
					customer: { traits: { email: 'test@example.com', first_name: 'Tess', consent: true } },
					entry: { cart_id: 'c-9' },
					events: [],
					definition
				},
				NOW
			);
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			const mail = result.value.steps.find((s) => s.wouldSend?.channel === 'email');
			expect(mail?.wouldSend).toMatchObject({ recipient: 'test@example.com' });
			expect(mail?.wouldSend?.body).toContain('Tess');
			expect(result.value.messages).toBe(1);
			expect(await rowCounts()).toEqual(before);
		}
	);

	it.skipIf(skip)('a stored customer by id, and the failures each have their code', async () => {
		const ok = await runTest(db, ws, journeyId, { customer: { id: customerId } }, NOW);
		expect(ok.ok && ok.value.steps[0]!.at).toBe(NOW);

		const code = async (body: unknown, journey = journeyId, workspace = ws) => {
			const result = await runTest(db, workspace, journey, body, NOW);
			return result.ok ? 'ok' : result.error.code;
		};
		expect(await code({ customer: { id: customerId } }, journeyId, other)).toBe('not_found');
		expect(await code({ customer: { id: customerId + 1000 } })).toBe('customer_not_found');
		expect(await code({ customer: 'nobody' })).toBe('customer_not_found');
		expect(await code({})).toBe('invalid_body');
		expect(await code([])).toBe('invalid_body');
		expect(await code({ customer: { traits: 'x' } })).toBe('invalid_body');
		expect(await code({ customer: { id: customerId }, events: [{ name: 'x' }] })).toBe(
			'invalid_body'
		);
		const broken = journeyTemplate('abandoned_cart').definition;
		broken.edges = [];
		const refused = await runTest(
			db,
			ws,
			journeyId,
			{ customer: { id: customerId }, definition: broken },
			NOW
		);
		expect(refused.ok).toBe(false);
		if (!refused.ok) {
			expect(refused.error.code).toBe('definition_invalid');
			expect(refused.error.problems?.length).toBeGreaterThan(0);
		}
	});

	it.skipIf(skip)('a dry run takes days and a sample, and writes nothing', async () => {
		const before = await rowCounts();
		const all = await runDryRun(db, ws, journeyId, { days: 30 }, NOW);
		expect(all.ok && all.value).toMatchObject({ entrants: 6, sampled: 6, days: 30 });
		const sampled = await runDryRun(db, ws, journeyId, { days: 30, sample: 2 }, NOW);
		expect(sampled.ok && sampled.value).toMatchObject({ entrants: 6, sampled: 2 });
		if (sampled.ok) {
			// Two simulated, scaled to six.
			const entry = Object.values(sampled.value.perNode).map((n) => n.entered);
			expect(Math.max(...entry)).toBe(6);
		}
		const recent = await runDryRun(db, ws, journeyId, { days: 2 }, NOW);
		expect(recent.ok && recent.value.entrants).toBe(2);
		expect(await rowCounts()).toEqual(before);

		const code = async (body: unknown, workspace = ws) => {
			const result = await runDryRun(db, workspace, journeyId, body, NOW);
			return result.ok ? 'ok' : result.error.code;
		};
		expect(await code({})).toBe('ok');
		expect(await code({ days: 91 })).toBe('days_invalid');
		expect(await code({ days: 1.5 })).toBe('days_invalid');
		expect(await code({ sample: 0 })).toBe('sample_invalid');
		expect(await code({ sample: '5' })).toBe('sample_invalid');
		expect(await code({ sample: 5001 })).toBe('sample_invalid');
		expect(await code(null)).toBe('invalid_body');
		expect(await code({ definition: { version: 1 } })).toBe('definition_invalid');
		expect(await code({ definition: { version: 1 }, sample: 3 })).toBe('definition_invalid');
		expect(await code({}, other)).toBe('not_found');
	});

	it.skipIf(skip)('live stats count the engine’s runs, in this workspace only', async () => {
		expect(await liveStats(db, other, journeyId)).toBeNull();
		const fresh = await liveStats(db, ws, journeyId);
		expect(fresh).toMatchObject({ status: 'draft', goalWindowDays: expect.any(Number) as unknown });
		expect(fresh?.stats.runs.total).toBe(0);

		const published = await publishJourney(db, ws, journeyId, null, NOW);
		expect(published.ok).toBe(true);
		forgetLiveJourneys();
		// The first pass only sets the engine's cursor: journeys react to what happens next.
		await processNewEvents(db, NOW);
		const cartEvent = journeyTemplate('abandoned_cart').definition.nodes[0]!;
		if (cartEvent.type !== 'entry_event') throw new Error('the template starts on an event');
		await insertEvent(db, ws, customerId, cartEvent.event, NOW + MINUTE, { cart_id: 'live' });
		await processNewEvents(db, NOW + 2 * MINUTE);
		await processDueEnrollments(db, NOW + 2 * MINUTE);
		const live = await liveStats(db, ws, journeyId);
		expect(live?.status).toBe('live');
		expect(live?.stats.runs.total).toBe(1);
		expect(live?.stats.runs.active).toBe(1);
		const entry = live?.stats.nodes[cartEvent.id];
		expect(entry?.entered ?? 0).toBeGreaterThanOrEqual(1);
		expect(await liveStats(db, other, journeyId)).toBeNull();
	});
});
