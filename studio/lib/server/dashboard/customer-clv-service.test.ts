import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { customerClvEstimate } from './customer-clv-service';
import { NOW, insertBuyer, insertShop } from './dashboard-fixture';
import { dashboardFigures } from './dashboard-service';
import { lifecycleShop } from './dashboard-shops';

// The lifecycle shop of dashboard-shops.ts: its 90-day churn at NOW is 1 / 3 (see
// dashboard-service.test.ts), so the expected lifetime is 1 / (1 - (2/3)^(365/90)) years.
const life = 1 / (1 - (1 - 1 / 3) ** (365 / 90));

describe.each(testDatabases())("a customer's CLV on $dialect", ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let shop = { ws: 0, ids: {} as Record<string, number> };
	let other = { ws: 0, old: 0 };

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		shop = await lifecycleShop(db, 'clv-life-shop');
		const ws = await insertShop(db, 'clv-other-shop');
		other = {
			ws,
			old: await insertBuyer(db, ws, { name: 'old', orders: [['2025-01-10', 5_000]] })
		};
	});
	afterAll(async () => {
		await close?.();
	});

	it.skipIf(skip)('uses their own orders of the last 12 months and the shop lifetime', async () => {
		// ana: 10 000 + 5 000 + 5 000 completed since 2025-11-20 (the refund does not count):
		// AOV 20 000 / 3, 3 a year -> 20 000 a year x the lifetime.
		const ana = await customerClvEstimate(db, shop.ws, shop.ids.ana!, NOW);
		expect(ana).toMatchObject({ orders: 3, revenueMinor: 20_000, frequency: 3, missing: null });
		expect(ana.aovMinor).toBeCloseTo(20_000 / 3, 9);
		expect(ana.lifetimeYears).toBeCloseTo(life, 12);
		expect(ana.clvMinor).toBeCloseTo(20_000 * life, 6);
		// The same lifetime as the dashboard's.
		const d = await dashboardFigures(
			db,
			{ id: shop.ws, currency: 'EUR', timeZone: 'UTC' },
			{ days: 90, now: NOW }
		);
		expect(ana.lifetimeYears).toBe(d.clv.lifetimeYears);
		// hal: his 2025-06-01 order is older than 12 months; 7 000 once -> 7 000 x the lifetime.
		const hal = await customerClvEstimate(db, shop.ws, shop.ids.hal!, NOW);
		expect(hal).toMatchObject({ orders: 1, revenueMinor: 7_000, aovMinor: 7_000, frequency: 1 });
		expect(hal.clvMinor).toBeCloseTo(7_000 * life, 6);
	});

	it.skipIf(skip)('has none for a customer without orders', async () => {
		const gus = await customerClvEstimate(db, shop.ws, shop.ids.gus!, NOW);
		expect(gus).toMatchObject({ orders: 0, clvMinor: null, missing: 'noOrders' });
		const old = await customerClvEstimate(db, other.ws, other.old, NOW);
		expect(old).toMatchObject({ orders: 0, clvMinor: null, missing: 'noRecentOrders' });
	});

	it.skipIf(skip)('reads only the workspace asked about', async () => {
		// ana's orders belong to the lifecycle shop: asked through another workspace, none.
		const stranger = await customerClvEstimate(db, other.ws, shop.ids.ana!, NOW);
		expect(stranger).toMatchObject({ orders: 0, revenueMinor: 0, missing: 'noOrders' });
		// The other shop has no active customers 90 days ago: no lifetime of its own, not the
		// lifecycle shop's.
		expect(stranger.lifetimeYears).toBeNull();
		const old = await customerClvEstimate(db, shop.ws, other.old, NOW);
		expect(old).toMatchObject({ orders: 0, missing: 'noOrders' });
	});
});
