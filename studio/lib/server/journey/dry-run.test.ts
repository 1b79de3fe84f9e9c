import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type JourneyDefinition } from '../../journey/definition';
import { journeyTemplate } from '../../journey/templates';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { forgetChannelSettings } from '../messaging/channel-settings-service';
import { configureSecretBox } from '../messaging/secret-box';
import { insertCustomer, insertEvent, insertWorkspace, NOW } from '../segment/segment-fixture';
import { forgetLiveJourneys, processDueEnrollments, processNewEvents } from './engine-service';
import { createJourney, publishJourney } from './journey-service';
import { dryRunById, dryRunJourney, readDryRunRequest } from './dry-run';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DAYS = 30;

/** Waits an hour for an order, else one email; either way the run ends there. */
function hourCart(reEntry: JourneyDefinition['settings']['reEntry']): JourneyDefinition {
	return {
		version: 1,
		nodes: [
			{ id: 'start', type: 'entry_event', event: 'Product Added', filters: [] },
			{ id: 'wait', type: 'wait_event', event: 'Order Completed', filters: [], timeoutMinutes: 60 },
			{
				id: 'mail',
				type: 'email',
				subject: 'Your cart',
				body: '<p>Still there</p>',
				products: null
			},
			{ id: 'done', type: 'exit' },
			{ id: 'bought', type: 'exit' }
		],
		edges: [
			{ from: 'start', output: 'next', to: 'wait' },
			{ from: 'wait', output: 'happened', to: 'bought' },
			{ from: 'wait', output: 'timed_out', to: 'mail' },
			{ from: 'mail', output: 'next', to: 'done' }
		],
		settings: { ...defaultSettings(), reEntry }
	};
}

function abandonedCart(
	settings: Partial<JourneyDefinition['settings']> = { goal: null }
): JourneyDefinition {
	const definition = journeyTemplate('abandoned_cart').definition;
	return { ...definition, settings: { ...definition.settings, ...settings } };
}

const WRITTEN = [
	'enrollment',
	'journey_step',
	'message',
	'loyalty_ledger',
	'journey_offer',
	'channel_settings'
] as const;

describe.each(testDatabases())('journey dry runs on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let first = 0;
	let other = 0;

	beforeAll(async () => {
		if (skip) return;
		configureSecretBox({ secret: 'x' });
		forgetChannelSettings();
		({ db, close } = await open());
		ws = await insertWorkspace(db, 'dry');
		other = await insertWorkspace(db, 'dry-other');
		// 30 carts spread over the last ten days; every third ordered within half an hour.
		for (let i = 0; i < 30; i++) {
			const id = await insertCustomer(db, ws, { name: `c${i}` });
			if (i === 0) first = id;
			const added = NOW - 10 * DAY + i * 7 * HOUR;
			await insertEvent(db, ws, id, 'Product Added', added, { cart_id: `cart-${i}` });
			if (i % 3 === 0)
				await insertEvent(db, ws, id, 'Order Completed', added + 30 * MINUTE, {
					cart_id: `cart-${i}`
				});
		}
		// Carts before the window, and another shop's carts inside it, never count.
		await insertEvent(db, ws, first, 'Product Added', NOW - 40 * DAY, { cart_id: 'old' });
		for (let i = 0; i < 5; i++) {
			const id = await insertCustomer(db, other, { name: `o${i}` });
			await insertEvent(db, other, id, 'Product Added', NOW - DAY, { cart_id: `o-${i}` });
		}
	});
	afterAll(async () => {
		forgetChannelSettings();
		forgetLiveJourneys();
		await close?.();
	});

	async function rowCounts(): Promise<number[]> {
		const counts: number[] = [];
		for (const table of WRITTEN) {
			const row = await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			counts.push(Number(row.n));
		}
		return counts;
	}

	it.skipIf(skip)('counts entrants and what each step would do, from real events', async () => {
		const result = await dryRunJourney(db, ws, {
			definition: abandonedCart(),
			journeyId: 3,
			days: DAYS,
			now: NOW
		});
		expect(result).toMatchObject({ entrants: 30, sampled: 30, days: DAYS });
		expect(result.perNode).toEqual({
			added_to_cart: { entered: 30, outcomes: { next: 30 } },
			wait_for_order: { entered: 30, outcomes: { happened: 10, timed_out: 20 } },
			ordered_exit: { entered: 10, outcomes: { completed: 10 } },
			reminder_email: { entered: 20, outcomes: { queued: 20 } },
			order_goal: { entered: 20, outcomes: { not_converted: 20 } },
			done: { entered: 20, outcomes: { completed: 20 } }
		});
		expect(result.messagesPerDay.email).toBeCloseTo(20 / DAYS, 10);
		expect(result.messagesPerDay).toMatchObject({ offer: 0, webhook: 0 });
		expect(await rowCounts()).toEqual(WRITTEN.map(() => 0));
		// The other shop's five carts are its own.
		const theirs = await dryRunJourney(db, other, {
			definition: abandonedCart(),
			journeyId: 3,
			days: DAYS,
			now: NOW
		});
		expect(theirs.entrants).toBe(5);
	});

	it.skipIf(skip)('lets the journey goal convert orders, as the engine does', async () => {
		const result = await dryRunJourney(db, ws, {
			definition: abandonedCart({}),
			journeyId: 3,
			days: DAYS,
			now: NOW
		});
		expect(result.perNode.wait_for_order!.outcomes).toEqual({ converted: 10, timed_out: 20 });
	});

	it.skipIf(skip)('scales a sample to every entrant', async () => {
		const result = await dryRunJourney(db, ws, {
			definition: abandonedCart(),
			journeyId: 3,
			days: DAYS,
			now: NOW,
			sample: 15
		});
		expect(result).toMatchObject({ entrants: 30, sampled: 15 });
		expect(result.perNode.added_to_cart).toEqual({ entered: 30, outcomes: { next: 30 } });
		const wait = result.perNode.wait_for_order!.outcomes;
		expect((wait.happened ?? 0) + (wait.timed_out ?? 0)).toBe(30);
	});

	it.skipIf(skip)('follows the re-entry setting and the window', async () => {
		await insertEvent(db, ws, first, 'Product Added', NOW - 2 * DAY, { cart_id: 'again' });
		const run = (reEntry: JourneyDefinition['settings']['reEntry'], days = DAYS) =>
			dryRunJourney(db, ws, {
				definition: abandonedCart({ goal: null, reEntry }),
				journeyId: 3,
				days,
				now: NOW
			});
		expect((await run({ kind: 'never' })).entrants).toBe(30);
		expect((await run({ kind: 'always' })).entrants).toBe(31);
		expect((await run({ kind: 'cooldown', days: 7 })).entrants).toBe(31);
		expect((await run({ kind: 'cooldown', days: 9 })).entrants).toBe(30);
		// The last three days: carts 24 to 29 (added from NOW - 3 days on) and the second one.
		expect((await run({ kind: 'always' }, 3)).entrants).toBe(7);
		await expect(run({ kind: 'never' }, 0)).rejects.toThrow(RangeError);
		await expect(run({ kind: 'never' }, 91)).rejects.toThrow(RangeError);
	});

	it.skipIf(skip)(
		'estimates inactivity entries from who crossed the line in the window',
		async () => {
			const quiet = await insertWorkspace(db, 'dry-quiet');
			await insertCustomer(db, quiet, { name: 'crossed', lastOrderAt: NOW - 70 * DAY });
			await insertCustomer(db, quiet, { name: 'long-gone', lastOrderAt: NOW - 100 * DAY });
			await insertCustomer(db, quiet, { name: 'recent', lastOrderAt: NOW - 10 * DAY });
			const winBack = journeyTemplate('win_back').definition;
			const result = await dryRunJourney(db, quiet, {
				definition: winBack,
				journeyId: 4,
				days: DAYS,
				now: NOW
			});
			expect(result.entrants).toBe(1);
			expect(result.perNode[winBack.nodes[0]!.id]!.entered).toBe(1);
		}
	);

	it.skipIf(skip)('reads the request and the journey for the API', async () => {
		expect(readDryRunRequest({})).toEqual({ ok: true, value: { days: 30 } });
		expect(readDryRunRequest({ days: 91 })).toMatchObject({ ok: false, code: 'days_invalid' });
		expect(readDryRunRequest({ days: 1.5 })).toMatchObject({ ok: false, code: 'days_invalid' });
		expect(readDryRunRequest([])).toMatchObject({ ok: false, code: 'invalid_body' });
		const created = await createJourney(db, ws, { template: 'abandoned_cart' }, null, NOW);
		if (!created.ok) throw new Error(created.error.message);
		const result = await dryRunById(db, ws, created.value.id, { days: DAYS }, NOW);
		expect(result.ok && result.value.entrants).toBeGreaterThanOrEqual(30);
		expect(await dryRunById(db, ws, created.value.id + 99, { days: DAYS }, NOW)).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
	});

	// Runs last: it starts the real engine, which writes runs and messages.
	it.skipIf(skip)(
		'lets a customer in again only once the run before has ended, as the engine does',
		async () => {
			const shop = await insertWorkspace(db, 'dry-again');
			const [ana, bo, cy] = [
				await insertCustomer(db, shop, { name: 'again-ana' }),
				await insertCustomer(db, shop, { name: 'again-bo' }),
				await insertCustomer(db, shop, { name: 'again-cy' })
			];
			const created = await createJourney(
				db,
				shop,
				{ name: 'Hour cart', definition: hourCart({ kind: 'always' }) },
				null,
				NOW - 2 * DAY
			);
			if (!created.ok) throw new Error(created.error.message);
			const journeyId = created.value.id;
			await publishJourney(db, shop, journeyId, null, NOW - 2 * DAY);
			forgetLiveJourneys();
			// The engine's first pass only notes where the event stream is.
			await processNewEvents(db, NOW - 2 * DAY);

			const T = NOW - DAY;
			const history: [number, string, number][] = [
				// Ana's second cart comes while her first run waits (dropped); her third after it
				// timed out at T + 60 min.
				[ana, 'Product Added', T],
				[ana, 'Product Added', T + 10 * MINUTE],
				[ana, 'Product Added', T + 90 * MINUTE],
				// Bo's order ends his run, so his next cart starts one; the cart after waits in vain.
				[bo, 'Product Added', T],
				[bo, 'Order Completed', T + 20 * MINUTE],
				[bo, 'Product Added', T + 30 * MINUTE],
				[bo, 'Product Added', T + 40 * MINUTE],
				[cy, 'Product Added', T + 50 * MINUTE]
			];
			// Stored in time order, as they would arrive: the engine reads the stream by id.
			history.sort((a, b) => a[2] - b[2]);
			for (const [customer, name, at] of history) await insertEvent(db, shop, customer, name, at);

			const estimate = await dryRunJourney(db, shop, {
				definition: hourCart({ kind: 'always' }),
				journeyId,
				days: 2,
				now: NOW
			});
			// Counting every cart would say 7.
			expect(estimate.entrants).toBe(5);
			expect(estimate.perNode.wait!.outcomes).toEqual({ timed_out: 4, happened: 1 });

			// The engine, fed the same history every five minutes, agrees.
			for (let t = T; t <= T + 4 * HOUR; t += 5 * MINUTE) {
				await processDueEnrollments(db, t);
				await processNewEvents(db, t);
			}
			const runs = await db
				.selectFrom('enrollment')
				.select(['customer_id', 'status'])
				.where('journey_id', '=', journeyId)
				.orderBy('id')
				.execute();
			expect(runs.length).toBe(estimate.entrants);
			expect(runs.filter((r) => Number(r.customer_id) === ana)).toHaveLength(2);
			expect(runs.filter((r) => Number(r.customer_id) === bo)).toHaveLength(2);
		}
	);
});
