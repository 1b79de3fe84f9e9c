import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareMeans, compareProportions, meanData } from '../../experiment/stats';
import { refreshCustomerFacts } from '../customer/facts-service';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { dashboardCsv } from './dashboard-csv';
import { DAY, NOW, insertBuyer, insertOrder, insertShop } from './dashboard-fixture';
import { dashboardFigures } from './dashboard-service';
import { lifecycleShop, roiShop } from './dashboard-shops';
import { snapshotCells } from './snapshot-repository';
import { refreshLifecycleSnapshots } from './snapshot-service';

const EUR_UTC = { currency: 'EUR', timeZone: 'UTC' };

// The shops and the hand computation behind every figure below are in dashboard-shops.ts.

describe.each(testDatabases())('the dashboard on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let shop = 0;
	let roi = { ws: 0, j1: 0, j2: 0 };
	let empty = 0;

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		// The ROI shop first, so its ids come before and its rows sit beside the lifecycle shop's.
		roi = await roiShop(db, 'roi-shop');
		shop = (await lifecycleShop(db, 'life-shop')).ws;
		empty = await insertShop(db, 'empty-shop');
	});
	afterAll(async () => {
		await close?.();
	});

	it.skipIf(skip)('measures lifecycle health in the period', async () => {
		const d = await dashboardFigures(db, { id: shop, ...EUR_UTC }, { days: 90, now: NOW });
		expect(d.start).toBe(NOW - 90 * DAY);
		// In [2026-08-22 12:00, NOW): ana 3 orders, bo 1, cy 1, hal 1 = 6 orders, 43 000.
		// Repeat: ana, bo and hal have earlier orders; cy does not -> 3 / 4.
		// Gaps: ana 30 and 31 days, bo 184 (03-10 to 09-10), hal 506 (2025-06-01 to 2026-10-20).
		// Returning revenue: 5 000 + 5 000 + 12 000 + 7 000 = 29 000 of 43 000.
		// New: ana (first order 09-05) and cy (10-15).
		// Churn: active at the start were bo (one order 165.5 days before: declining), ed (82.5
		// days: new) and fay (gap 10, 32.5 days: declining); di and hal were churned already.
		// At NOW fay is 122.5 days past her last order (>= 90): churned. 1 of 3.
		expect(d.health).toEqual({
			buyers: 4,
			orders: 6,
			revenueMinor: 43_000,
			newCustomers: 2,
			repeatRate: 3 / 4,
			avgDaysBetweenOrders: (30 + 31 + 184 + 506) / 4,
			returningRevenueShare: 29_000 / 43_000,
			churnBase: 3,
			churned: 1,
			churnRate: 1 / 3
		});
	});

	it.skipIf(skip)('works out CAC per month and CLV per tier', async () => {
		const d = await dashboardFigures(db, { id: shop, ...EUR_UTC }, { days: 90, now: NOW });
		// August: 100.00 spent, nobody's first order -> no CAC. September: ana, 300.00.
		// October: cy, 150.50. November: no spend entered.
		expect(d.acquisition).toEqual({
			months: [
				{ month: '2026-08', spendMinor: 10_000, newCustomers: 0, cacMinor: null },
				{ month: '2026-09', spendMinor: 30_000, newCustomers: 1, cacMinor: 30_000 },
				{ month: '2026-10', spendMinor: 15_050, newCustomers: 1, cacMinor: 15_050 },
				{ month: '2026-11', spendMinor: null, newCustomers: 0, cacMinor: null }
			],
			spendMinor: 55_050,
			newCustomers: 2,
			cacMinor: 27_525
		});
		// Churn over the last 90 days is the period's 1 / 3; a year: 1 - (2/3)^(365/90).
		const annual = 1 - (1 - 1 / 3) ** (365 / 90);
		const life = 1 / annual;
		expect(d.clv.churnRate).toBe(1 / 3);
		expect(d.clv.annualChurn).toBeCloseTo(annual, 12);
		expect(d.clv.lifetimeYears).toBeCloseTo(life, 12);
		// Since 2025-11-20 12:00: ana 3 orders / 20 000, bo 2 / 20 000, cy 1 / 4 000, di 3 / 18 000,
		// ed 1 / 3 000, fay 3 / 6 000, hal 1 / 7 000 (his 2025 order is older) = 14 / 78 000 / 7.
		expect(d.clv.overall).toMatchObject({
			tier: 'all',
			customers: 7,
			orders: 14,
			revenueMinor: 78_000,
			aovMinor: 78_000 / 14,
			frequency: 2
		});
		expect(d.clv.overall.clvMinor).toBeCloseTo((78_000 / 14) * 2 * life, 6);
		// Tiers today: core ana; potential cy + fay; regular bo + hal; lost di + ed.
		const tiers = Object.fromEntries(d.clv.tiers.map((t) => [t.tier, t]));
		expect(tiers.core).toMatchObject({
			customers: 1,
			orders: 3,
			revenueMinor: 20_000,
			frequency: 3
		});
		expect(tiers.potential).toMatchObject({
			customers: 2,
			orders: 4,
			revenueMinor: 10_000,
			aovMinor: 2_500
		});
		expect(tiers.regular).toMatchObject({
			customers: 2,
			orders: 3,
			revenueMinor: 27_000,
			aovMinor: 9_000
		});
		expect(tiers.lost).toMatchObject({
			customers: 2,
			orders: 4,
			revenueMinor: 21_000,
			aovMinor: 5_250
		});
		// AOV x frequency is revenue per customer: 20 000, 5 000, 13 500 and 10 500 a year.
		expect(tiers.core!.clvMinor).toBeCloseTo(20_000 * life, 6);
		expect(tiers.potential!.clvMinor).toBeCloseTo(5_000 * life, 6);
		expect(tiers.regular!.clvMinor).toBeCloseTo(13_500 * life, 6);
		expect(tiers.lost!.clvMinor).toBeCloseTo(10_500 * life, 6);
		expect(d.clv.clvToCac).toBeCloseTo(((78_000 / 7) * life) / 27_525, 10);
	});

	it.skipIf(skip)('builds the cohort retention matrix', async () => {
		const d = await dashboardFigures(db, { id: shop, ...EUR_UTC }, { days: 30, now: NOW });
		expect(d.cohorts.months).toEqual([
			'2025-12',
			'2026-01',
			'2026-02',
			'2026-03',
			'2026-04',
			'2026-05',
			'2026-06',
			'2026-07',
			'2026-08',
			'2026-09',
			'2026-10',
			'2026-11'
		]);
		const rows = Object.fromEntries(d.cohorts.rows.map((r) => [r.cohort, r]));
		const _ = null;
		// di: January, again in February (k=1) and March (k=2). Month 11 (December) is to come.
		expect(rows['2026-01']!.retained).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, _]);
		expect(rows['2026-01']!.rates).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, _]);
		// bo: March, then September (k=6); 9 months have begun since March.
		expect(rows['2026-03']!.retained).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, _, _, _]);
		// ed: June only. fay: three orders, all in July (k=0).
		expect(rows['2026-06']!.retained).toEqual([1, 0, 0, 0, 0, 0, _, _, _, _, _, _]);
		expect(rows['2026-07']!.retained).toEqual([1, 0, 0, 0, 0, _, _, _, _, _, _, _]);
		// ana: September, October, November (the refunded order changes nothing).
		expect(rows['2026-09']!.retained).toEqual([1, 1, 1, _, _, _, _, _, _, _, _, _]);
		expect(rows['2026-10']!.retained).toEqual([1, 0, _, _, _, _, _, _, _, _, _, _]);
		// Empty cohorts: no rates. hal's first order (2025-06) is older than every cohort.
		expect(rows['2025-12']).toMatchObject({ customers: 0 });
		expect(rows['2025-12']!.rates.every((r) => r === null)).toBe(true);
		expect(rows['2026-11']!.retained).toEqual([0, _, _, _, _, _, _, _, _, _, _, _]);
		expect(d.cohorts.rows.reduce((n, r) => n + r.customers, 0)).toBe(6);
	});

	it.skipIf(skip)('snapshots stages and tiers at each month end from order history', async () => {
		const d = await dashboardFigures(db, { id: shop, ...EUR_UTC }, { days: 365, now: NOW });
		expect(d.lifecycle.months[0]).toBe('2025-11');
		expect(d.lifecycle.months).toHaveLength(13);
		const august = d.lifecycle.cells.filter((c) => c.month === '2026-08');
		// At 2026-09-01 00:00 the buyers were bo, di, ed, fay and hal:
		// bo one order 175 days before (declining), di gap 29.5 and 175 days (churned), ed one order
		// 92 days before (new), fay gap 10 and 42 days (declining), hal 457 days (churned); gus a
		// prospect. Quintiles among the 5 (ties by id: bo before di):
		//   R by last order: hal 1, bo 2, di 3, ed 4, fay 5
		//   F by orders:     bo 1, ed 2, hal 3, di 4, fay 5
		//   M by revenue:    ed 1 (3 000), fay 2 (6 000), hal 3 (7 000), bo 4 (8 000), di 5 (18 000)
		// hal (1,3,3) lost, bo (2,1,4) lost, di (3,4,5) regular, ed (4,2,1) potential, fay (5,5,2) core.
		expect(august).toEqual([
			{ month: '2026-08', stage: 'churned', tier: 'lost', customers: 1 },
			{ month: '2026-08', stage: 'churned', tier: 'regular', customers: 1 },
			{ month: '2026-08', stage: 'declining', tier: 'core', customers: 1 },
			{ month: '2026-08', stage: 'declining', tier: 'lost', customers: 1 },
			{ month: '2026-08', stage: 'new', tier: 'potential', customers: 1 },
			{ month: '2026-08', stage: 'prospect', tier: 'none', customers: 1 }
		]);
		const i = d.lifecycle.months.indexOf('2026-08');
		expect(
			Object.fromEntries(Object.entries(d.lifecycle.stages).map(([s, v]) => [s, v[i]]))
		).toEqual({ prospect: 1, new: 1, growing: 0, mature: 0, declining: 2, churned: 2 });
		expect(
			Object.fromEntries(Object.entries(d.lifecycle.tiers).map(([t, v]) => [t, v[i]]))
		).toEqual({ core: 1, potential: 1, regular: 1, lost: 2, none: 1 });
		// November 2025 (to 2025-12-01): only hal, one order 183 days before: declining, and alone
		// in every quintile (1,1,1): lost.
		expect(d.lifecycle.cells.filter((c) => c.month === '2025-11')).toEqual([
			{ month: '2025-11', stage: 'declining', tier: 'lost', customers: 1 }
		]);
		// Today: ana growing (3 orders), bo growing, cy new, di churned, ed declining (172.5 days),
		// fay churned, hal growing (2 orders, last 31.5 days ago), gus a prospect.
		const last = d.lifecycle.months.length - 1;
		expect(
			Object.fromEntries(Object.entries(d.lifecycle.stages).map(([s, v]) => [s, v[last]]))
		).toEqual({ prospect: 1, new: 1, growing: 3, mature: 0, declining: 1, churned: 2 });
	});

	it.skipIf(skip)('prices journeys and works out their ROI against the holdout', async () => {
		const d = await dashboardFigures(db, { id: roi.ws, ...EUR_UTC }, { days: 90, now: NOW });
		expect(d.roi.rows.map((r) => r.journeyId).sort()).toEqual([roi.j1, roi.j2].sort());
		const j1 = d.roi.rows.find((r) => r.journeyId === roi.j1);
		const j2 = d.roi.rows.find((r) => r.journeyId === roi.j2);
		expect(j1!.incrementality).toMatchObject({
			treated: { units: 4, conversions: 2, revenueMinor: 16_000 },
			holdout: { units: 4, conversions: 1, revenueMinor: 2_000 }
		});
		// The statistics module's own intervals, scaled to the 4 treated runs.
		const revenue = compareMeans(meanData([2_000, 0, 0, 0]), meanData([10_000, 6_000, 0, 0]));
		const conversion = compareProportions(
			{ units: 4, conversions: 1 },
			{ units: 4, conversions: 2 }
		);
		expect(revenue.difference).toBeCloseTo(3_500, 9);
		expect(j1!.incrementalRevenueMinor!.estimate).toBeCloseTo(14_000, 9);
		expect(j1!.incrementalRevenueMinor!.lower).toBeCloseTo(revenue.differenceInterval.lower * 4, 6);
		expect(j1!.incrementalRevenueMinor!.upper).toBeCloseTo(revenue.differenceInterval.upper * 4, 6);
		expect(j1!.incrementalConversions!.estimate).toBeCloseTo(1, 12);
		expect(j1!.incrementalConversions!.lower).toBeCloseTo(
			conversion.differenceInterval.lower * 4,
			9
		);
		expect(j1!.cost).toEqual({
			emails: 3,
			webhooks: 2,
			offers: 1,
			points: 100,
			conversions: 2,
			fixedMonths: 2,
			messagesMinor: 0.8,
			pointsMinor: 100,
			conversionsMinor: 500,
			fixedMinor: 4_000,
			totalMinor: 4_600.8
		});
		const cost = 4_600.8;
		const inc = j1!.incrementalRevenueMinor!;
		expect(j1!.roi!.estimate).toBeCloseTo((14_000 - cost) / cost, 9);
		expect(j1!.roi!.lower).toBeCloseTo((inc.lower - cost) / cost, 12);
		expect(j1!.roi!.upper).toBeCloseTo((inc.upper - cost) / cost, 12);

		// Welcome: 2 runs, nobody held out; 1 email (0.2) and 5.00 fixed in November.
		expect(j2!.incrementality).toMatchObject({ treated: { units: 2 }, holdout: { units: 0 } });
		expect(j2!.incrementalRevenueMinor).toBeNull();
		expect(j2!.roi).toBeNull();
		expect(j2!.cost).toMatchObject({ emails: 1, fixedMonths: 1, totalMinor: 500.2 });

		// Overall: only Post-purchase has a holdout, so the sums are its own figures.
		expect(d.roi.overall.measured).toBe(1);
		expect(d.roi.overall.costMinor).toBe(cost);
		expect(d.roi.overall.incrementalRevenueMinor!.estimate).toBeCloseTo(14_000, 9);
		expect(d.roi.overall.incrementalRevenueMinor!.lower).toBeCloseTo(inc.lower, 6);
		expect(d.roi.overall.roi!.estimate).toBeCloseTo((14_000 - cost) / cost, 9);
	});

	it.skipIf(skip)('keeps every workspace to its own figures', async () => {
		// The lifecycle shop has no journeys; the ROI shop's spend (999.00 in September) and
		// buyers never reach it, as the exact figures above show. An empty shop shows nothing.
		const life = await dashboardFigures(db, { id: shop, ...EUR_UTC }, { days: 90, now: NOW });
		expect(life.roi.rows).toEqual([]);
		expect(life.roi.overall).toEqual({
			incrementalRevenueMinor: null,
			costMinor: 0,
			roi: null,
			measured: 0
		});
		const d = await dashboardFigures(db, { id: empty, ...EUR_UTC }, { days: 90, now: NOW });
		expect(d.roi.rows).toEqual([]);
		expect(d.health).toEqual({
			buyers: 0,
			orders: 0,
			revenueMinor: 0,
			newCustomers: 0,
			repeatRate: null,
			avgDaysBetweenOrders: null,
			returningRevenueShare: null,
			churnBase: 0,
			churned: 0,
			churnRate: null
		});
		expect(d.acquisition.cacMinor).toBeNull();
		expect(d.clv.overall.clvMinor).toBeNull();
		expect(d.cohorts.rows.every((r) => r.customers === 0)).toBe(true);
		expect(d.lifecycle.cells).toEqual([]);
		expect(await snapshotCells(db, empty, d.lifecycle.months)).toEqual([]);
	});

	it.skipIf(skip)('exports each table as CSV with safe cells', async () => {
		const d = await dashboardFigures(db, { id: roi.ws, ...EUR_UTC }, { days: 90, now: NOW });
		const journeys = dashboardCsv(d, 'journeys').split('\r\n');
		const row = (id: number) => journeys.find((line) => line.startsWith(`${id},`));
		expect(journeys[0]).toMatch(/^journey_id,journey,status,treated_runs,holdout_runs,/);
		// A name starting with "=" cannot run as a formula; commas and quotes are quoted.
		expect(row(roi.j2)).toBe(
			`${roi.j2},"'=Welcome, ""new"" friends",live,2,0,0,0,,,,,,,1,0,0,0,0,0.002,0.00,0.00,5.00,5.002,,,,EUR`
		);
		expect(row(roi.j1)).toMatch(new RegExp(`^${roi.j1},Post-purchase,live,4,4,0.5,0.25,1,`));
		expect(row(roi.j1)).toContain(',3,2,1,100,2,0.008,1.00,5.00,40.00,46.008,');
		const life = await dashboardFigures(db, { id: shop, ...EUR_UTC }, { days: 90, now: NOW });
		expect(dashboardCsv(life, 'acquisition')).toBe(
			'month,acquisition_spend,new_customers,cac,currency\r\n' +
				'2026-08,100.00,0,,EUR\r\n' +
				'2026-09,300.00,1,300.00,EUR\r\n' +
				'2026-10,150.50,1,150.50,EUR\r\n' +
				'2026-11,,0,,EUR\r\n' +
				'total,550.50,2,275.25,EUR\r\n'
		);
		const health = dashboardCsv(life, 'health');
		expect(health).toContain('repeat_purchase_rate,0.75\r\n');
		expect(health).toContain('churn_rate,0.333333\r\n');
		expect(health).toContain('average_days_between_orders,187.75\r\n');
		expect(dashboardCsv(life, 'cohorts').split('\r\n')[2]).toBe(
			'2026-01,1,1,1,1,0,0,0,0,0,0,0,0,,1,1,1,0,0,0,0,0,0,0,0,'
		);
		expect(dashboardCsv(life, 'lifecycle').split('\r\n')[0]).toBe('month,stage,tier,customers');
		expect(dashboardCsv(life, 'clv').split('\r\n')[0]).toMatch(/^tier,customers,orders,revenue,/);
	});

	it.skipIf(skip)('recomputes past months when older orders arrive later', async () => {
		const ws = await insertShop(db, 'late-shop');
		const late = await insertBuyer(db, ws, {
			name: 'late',
			orders: [['2026-10-01', 1_000]],
			firstSeen: '2026-05-01'
		});
		const june = async () =>
			(await snapshotCells(db, ws, ['2026-06'])).map((c) => [c.stage, c.tier, c.customers]);
		await refreshLifecycleSnapshots(db, ws, 'UTC', NOW);
		expect(await june()).toEqual([['prospect', 'none', 1]]);
		// An import brings a June order: at June's end the customer had bought 20 days before.
		await insertOrder(db, ws, late, '2026-06-10', 500);
		await refreshLifecycleSnapshots(db, ws, 'UTC', NOW);
		await refreshLifecycleSnapshots(db, ws, 'UTC', NOW);
		expect(await june()).toEqual([['new', 'lost', 1]]);
		const rows = await db
			.selectFrom('lifecycle_snapshot')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('workspace_id', '=', ws)
			.executeTakeFirstOrThrow();
		// 13 months: nothing before May, a prospect in May, a buyer from June on.
		expect(Number(rows.n)).toBe(7);
	});

	it.skipIf(skip)(
		'derives today’s snapshot exactly as the facts job classifies customers',
		async () => {
			// Last, because the facts job rewrites the tiers the CLV test reads.
			await refreshCustomerFacts(db, shop, { full: true, now: NOW });
			const d = await dashboardFigures(db, { id: shop, ...EUR_UTC }, { days: 30, now: NOW });
			const month = d.lifecycle.months[d.lifecycle.months.length - 1]!;
			const rows = await db
				.selectFrom('customer')
				.select(['lifecycle_stage as stage', 'value_tier as tier'])
				.where('workspace_id', '=', shop)
				.execute();
			const counts = new Map<string, number>();
			for (const r of rows) {
				const key = `${r.stage}|${r.tier ?? 'none'}`;
				counts.set(key, (counts.get(key) ?? 0) + 1);
			}
			const snapshot = new Map(
				d.lifecycle.cells
					.filter((c) => c.month === month)
					.map((c) => [`${c.stage}|${c.tier}`, c.customers])
			);
			expect(snapshot).toEqual(counts);
		}
	);
});
