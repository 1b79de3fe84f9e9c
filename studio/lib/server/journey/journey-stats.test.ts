import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { forgetChannelSettings } from '../messaging/channel-settings-service';
import { configureSecretBox } from '../messaging/secret-box';
import { insertCustomer, insertEvent, insertWorkspace } from '../segment/segment-fixture';
import { forgetLiveJourneys, processNewEvents } from './engine-service';
import { journeyStats, journeyStatsById } from './journey-stats';
import { createJourney, publishJourney } from './journey-service';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

describe.each(testDatabases())('journey stats by version on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let other = 0;
	let journeyId = 0;

	// Ana enters on version 1 and waits; Bo and Cy enter on version 2, and Bo's order converts him.
	beforeAll(async () => {
		if (skip) return;
		configureSecretBox({ secret: 'stats-test' });
		({ db, close } = await open());
		ws = await insertWorkspace(db, 'stats-shop');
		other = await insertWorkspace(db, 'stats-other');
		const ana = await insertCustomer(db, ws, { name: 'Ana' });
		const bo = await insertCustomer(db, ws, { name: 'Bo' });
		const cy = await insertCustomer(db, ws, { name: 'Cy' });
		const created = await createJourney(db, ws, { template: 'abandoned_cart' }, null, T0);
		if (!created.ok) throw new Error(created.error.message);
		journeyId = created.value.id;
		await publishJourney(db, ws, journeyId, null, T0);
		await processNewEvents(db, T0);

		await insertEvent(db, ws, ana, 'Product Added', T0 + MINUTE, { cart_id: 'a' });
		await processNewEvents(db, T0 + 2 * MINUTE);
		await publishJourney(db, ws, journeyId, null, T0 + 3 * MINUTE);
		await insertEvent(db, ws, bo, 'Product Added', T0 + 4 * MINUTE, { cart_id: 'b' });
		await insertEvent(db, ws, cy, 'Product Added', T0 + 4 * MINUTE, { cart_id: 'c' });
		await insertEvent(db, ws, bo, 'Order Completed', T0 + 5 * MINUTE, { cart_id: 'b' });
		await processNewEvents(db, T0 + 7 * MINUTE);
		await db
			.insertInto('shop_order')
			.values({
				workspace_id: ws,
				external_id: 'order-b',
				customer_id: bo,
				source: 'web',
				status: 'completed',
				total_minor: 4_200,
				currency: 'USD',
				// After the engine let him in (revenue counts from the entry on).
				placed_at: T0 + 10 * MINUTE,
				created_at: T0 + 10 * MINUTE
			})
			.execute();
	});
	beforeEach(() => {
		forgetLiveJourneys();
		forgetChannelSettings();
	});
	afterAll(async () => {
		forgetLiveJourneys();
		forgetChannelSettings();
		await close?.();
	});

	it.skipIf(skip)('sums every version without one, as before', async () => {
		const result = await journeyStatsById(db, ws, journeyId, null);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toEqual({
			goalWindowDays: 3,
			...(await journeyStats(db, ws, journeyId, 3))
		});
		expect(result.value).toMatchObject({
			runs: { total: 3, active: 2, converted: 1 },
			conversionRate: 1 / 3,
			revenueMinor: 4_200
		});
		expect(result.value.nodes.wait_for_order).toEqual({
			entered: 3,
			waiting: 2,
			outcomes: { converted: 1 },
			converted: 1
		});
	});

	it.skipIf(skip)('counts only the runs that entered on the version asked for', async () => {
		const first = await journeyStatsById(db, ws, journeyId, 1);
		expect(first).toEqual({
			ok: true,
			value: {
				goalWindowDays: 3,
				nodes: {
					added_to_cart: { entered: 1, waiting: 0, outcomes: { next: 1 }, converted: 0 },
					wait_for_order: { entered: 1, waiting: 1, outcomes: {}, converted: 0 }
				},
				runs: { total: 1, active: 1, completed: 0, converted: 0, exited: 0, failed: 0, holdout: 0 },
				conversionRate: 0,
				revenueMinor: 0
			}
		});

		const second = await journeyStatsById(db, ws, journeyId, 2);
		expect(second.ok && second.value).toMatchObject({
			runs: { total: 2, active: 1, converted: 1 },
			conversionRate: 0.5,
			revenueMinor: 4_200
		});
		expect(second.ok && second.value.nodes.wait_for_order).toEqual({
			entered: 2,
			waiting: 1,
			outcomes: { converted: 1 },
			converted: 1
		});
	});

	it.skipIf(skip)('answers not found for an unknown version or journey', async () => {
		expect(await journeyStatsById(db, ws, journeyId, 3)).toEqual({
			ok: false,
			error: { code: 'version_not_found', message: 'This journey has no version 3.' }
		});
		// Another workspace sees neither the journey nor its versions.
		expect(await journeyStatsById(db, other, journeyId, 1)).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
		expect(await journeyStatsById(db, ws, journeyId + 99, null)).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
	});
});
