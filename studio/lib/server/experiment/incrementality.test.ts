import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareMeans, compareProportions } from '../../experiment/stats';
import type { Db } from '../db/connect';
import type { EnrollmentStatus } from '../db/schema';
import { testDatabases } from '../db/testing';
import { insertCustomer, insertEvent, insertWorkspace } from '../segment/segment-fixture';
import { journeyIncrementality } from './incrementality';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

let orderNo = 0;

describe.each(testDatabases())('journey incrementality on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let other = 0;

	async function journey(workspaceId: number, goal: unknown, live = true): Promise<number> {
		const definition = JSON.stringify({ version: 1, nodes: [], edges: [], settings: { goal } });
		const row = await db
			.insertInto('journey')
			.values({
				workspace_id: workspaceId,
				name: 'J',
				status: live ? 'live' : 'draft',
				draft: JSON.stringify({ version: 1, nodes: [], edges: [], settings: { goal: null } }),
				live_version_id: null,
				created_by: null,
				created_at: T0,
				updated_at: T0
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const id = Number(row.id);
		if (live) {
			const version = await db
				.insertInto('journey_version')
				.values({
					workspace_id: workspaceId,
					journey_id: id,
					number: 1,
					definition,
					published_by: null,
					published_at: T0
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.updateTable('journey')
				.set({ live_version_id: version.id })
				.where('id', '=', id)
				.execute();
		}
		return id;
	}

	async function run(journeyId: number, customer: number, status: EnrollmentStatus, at = T0) {
		const version = await db
			.selectFrom('journey')
			.select('live_version_id')
			.where('id', '=', journeyId)
			.executeTakeFirstOrThrow();
		await db
			.insertInto('enrollment')
			.values({
				workspace_id: ws,
				journey_id: journeyId,
				version_id: Number(version.live_version_id),
				customer_id: customer,
				status,
				node_id: 'start',
				wake_at: null,
				waiting_for: null,
				claimed_until: null,
				context: '{}',
				entered_at: at,
				updated_at: at,
				ended_at: null,
				error: null
			})
			.execute();
	}

	async function order(customer: number, total: number, at: number) {
		await db
			.insertInto('shop_order')
			.values({
				workspace_id: ws,
				external_id: `io-${orderNo++}`,
				customer_id: customer,
				source: 'web',
				status: 'completed',
				total_minor: total,
				currency: 'EUR',
				placed_at: at,
				created_at: at
			})
			.execute();
	}

	const customer = (name: string) => insertCustomer(db, ws, { name });

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		ws = await insertWorkspace(db, 'incr-shop');
		other = await insertWorkspace(db, 'incr-other');
	});
	afterAll(async () => close?.());

	it.skipIf(skip)('compares treated runs with the holdout on the goal and revenue', async () => {
		const id = await journey(ws, { event: 'Order Completed', filters: [], windowDays: 7 });
		const unrelated = await journey(ws, null);
		const [t1, t2, t3, t4, h1, h2] = [
			await customer('t1'),
			await customer('t2'),
			await customer('t3'),
			await customer('t4'),
			await customer('h1'),
			await customer('h2')
		];
		await run(id, t1, 'converted');
		await insertEvent(db, ws, t1, 'Order Completed', T0 + DAY);
		await order(t1, 2000, T0 + DAY);
		await run(id, t2, 'completed');
		await insertEvent(db, ws, t2, 'Order Completed', T0 - DAY); // before entry
		await order(t2, 1000, T0 + 8 * DAY); // after the window
		await run(id, t3, 'active');
		await insertEvent(db, ws, t3, 'Order Completed', T0 + 6 * DAY);
		await order(t3, 3000, T0 + 6 * DAY);
		await run(id, t4, 'exited');
		await insertEvent(db, ws, t4, 'Order Completed', T0 + 2 * DAY);
		await run(id, h1, 'holdout');
		await insertEvent(db, ws, h1, 'Order Completed', T0 + DAY);
		await order(h1, 1000, T0 + DAY);
		await run(id, h2, 'holdout');
		// Another journey's runs of the same people do not count here.
		await run(unrelated, h2, 'active');
		await run(unrelated, t2, 'holdout');

		const r = (await journeyIncrementality(db, ws, id, T0 + 10 * DAY))!;
		expect(r).toMatchObject({
			journeyId: id,
			event: 'Order Completed',
			windowDays: 7,
			treated: {
				units: 4,
				conversions: 3,
				rate: 0.75,
				revenueMinor: 5000,
				revenuePerUnitMinor: 1250
			},
			holdout: { units: 2, conversions: 1, rate: 0.5, revenueMinor: 1000, revenuePerUnitMinor: 500 }
		});
		const conversion = compareProportions(
			{ units: 2, conversions: 1 },
			{ units: 4, conversions: 3 },
			{ sequential: true }
		);
		expect(r.conversion).toEqual(conversion);
		// Revenue per run: treated 2000, 0, 3000, 0 (mean 1250); holdout 1000, 0 (mean 500).
		const revenue = compareMeans(
			{ units: 2, mean: 500, variance: 500_000 },
			{ units: 4, mean: 1250, variance: (750 ** 2 + 1250 ** 2 + 1750 ** 2 + 1250 ** 2) / 3 },
			{ sequential: true }
		);
		expect(r.revenue!.difference).toBeCloseTo(750, 9);
		expect(r.revenue!.pValue).toBeCloseTo(revenue.pValue, 12);
		expect(r.incrementalConversions!.estimate).toBeCloseTo(1, 12);
		expect(r.incrementalConversions!.lower).toBeCloseTo(conversion.differenceInterval.lower * 4, 9);
		expect(r.incrementalRevenueMinor!.estimate).toBeCloseTo(3000, 9);
		expect(r.incrementalRevenueMinor!.upper).toBeCloseTo(revenue.differenceInterval.upper * 4, 6);
	});

	it.skipIf(skip)('applies goal property filters, and orders when there is no goal', async () => {
		const filtered = await journey(ws, {
			event: 'Order Completed',
			filters: [{ key: 'total', operator: 'gt', value: 50 }],
			windowDays: 7
		});
		const [a, b, h] = [await customer('fa'), await customer('fb'), await customer('fh')];
		await run(filtered, a, 'completed');
		await insertEvent(db, ws, a, 'Order Completed', T0 + DAY, { total: 80 });
		await insertEvent(db, ws, a, 'Order Completed', T0 + 2 * DAY, { total: 90 });
		await run(filtered, b, 'completed');
		await insertEvent(db, ws, b, 'Order Completed', T0 + DAY, { total: 20 });
		await run(filtered, h, 'holdout');
		await insertEvent(db, ws, h, 'Order Completed', T0 + DAY, { total: 100 });
		const r = (await journeyIncrementality(db, ws, filtered, T0 + 10 * DAY))!;
		expect([
			r.treated.units,
			r.treated.conversions,
			r.holdout.units,
			r.holdout.conversions
		]).toEqual([2, 1, 1, 1]);

		const noGoal = await journey(ws, null);
		const [n1, n2] = [await customer('n1'), await customer('n2')];
		await run(noGoal, n1, 'completed');
		await order(n1, 1500, T0 + 3 * DAY);
		await run(noGoal, n2, 'holdout');
		await insertEvent(db, ws, n2, 'Order Completed', T0 + DAY); // an event alone is no order
		const g = (await journeyIncrementality(db, ws, noGoal, T0 + 10 * DAY))!;
		expect(g).toMatchObject({
			event: 'Order Completed',
			windowDays: 7,
			treated: { units: 1, conversions: 1, revenueMinor: 1500 },
			holdout: { units: 1, conversions: 0, revenueMinor: 0 }
		});
		// One unit per arm: no variance, so no comparison to make.
		expect(g.revenue).toBeNull();
	});

	it.skipIf(skip)(
		'is null for a journey of another workspace, and empty without runs',
		async () => {
			const theirs = await journey(other, null);
			expect(await journeyIncrementality(db, ws, theirs, T0)).toBeNull();
			const draft = await journey(ws, null, false);
			const r = (await journeyIncrementality(db, ws, draft, T0))!;
			expect(r.treated.units + r.holdout.units).toBe(0);
			expect(r.conversion).toBeNull();
			expect(r.incrementalRevenueMinor).toBeNull();
		}
	);
});
