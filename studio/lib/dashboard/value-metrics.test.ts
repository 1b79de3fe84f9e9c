import { describe, expect, it } from 'vitest';
import { NO_UNIT_COSTS } from './costs';
import {
	LIFETIME_CAP_YEARS,
	acquisitionCost,
	clvRow,
	customerClv,
	expectedLifetime,
	journeyCost,
	roiOf,
	sumEstimates
} from './value-metrics';

describe('ROI', () => {
	it('is (incremental revenue - cost) / cost, interval and all', () => {
		// Revenue 3000 [1000, 5000] for a cost of 1000: ROI 2 [0, 4].
		expect(roiOf({ estimate: 3000, lower: 1000, upper: 5000 }, 1000)).toEqual({
			estimate: 2,
			lower: 0,
			upper: 4
		});
		// Losing money: -500 [-1500, 500] for 1000 is -1.5 [-2.5, -0.5].
		expect(roiOf({ estimate: -500, lower: -1500, upper: 500 }, 1000)).toEqual({
			estimate: -1.5,
			lower: -2.5,
			upper: -0.5
		});
	});

	it('needs a cost and a measured revenue', () => {
		expect(roiOf({ estimate: 10, lower: 0, upper: 20 }, 0)).toBeNull();
		expect(roiOf(null, 100)).toBeNull();
	});

	it('adds estimates and their variances', () => {
		// Half-widths 300 and 400 add in quadrature to 500.
		expect(
			sumEstimates([
				{ estimate: 1000, lower: 700, upper: 1300 },
				{ estimate: 2000, lower: 1600, upper: 2400 }
			])
		).toEqual({ estimate: 3000, lower: 2500, upper: 3500 });
		expect(sumEstimates([])).toBeNull();
	});

	it('prices a journey’s activity with the unit costs', () => {
		// 3 emails at 200, 2 webhooks at 100, 1 offer at 0 = 800 milli = 0.8 minor; 100 points at
		// 1000 milli = 100 minor; 2 conversions at 250 000 milli = 500 minor; fixed 4000 minor.
		expect(
			journeyCost(
				{
					emails: 3,
					webhooks: 2,
					offers: 1,
					points: 100,
					conversions: 2,
					fixedMonths: 2,
					fixedMilli: 4_000_000
				},
				{ ...NO_UNIT_COSTS, email: 200, webhook: 100, point: 1_000, conversion: 250_000 }
			)
		).toEqual({
			emails: 3,
			webhooks: 2,
			offers: 1,
			points: 100,
			conversions: 2,
			fixedMonths: 2,
			messagesMinor: 0.8,
			pointsMinor: 100,
			conversionsMinor: 500,
			fixedMinor: 4000,
			totalMinor: 4600.8
		});
	});
});

describe('CAC', () => {
	it('divides each month’s spend by its new customers, and the total over months with spend', () => {
		const result = acquisitionCost(
			['2026-08', '2026-09', '2026-10', '2026-11'],
			new Map([
				['2026-08', 10_000],
				['2026-09', 30_000],
				['2026-10', 15_050]
			]),
			new Map([
				['2026-08', 0],
				['2026-09', 1],
				['2026-10', 2],
				['2026-11', 5]
			])
		);
		expect(result.months).toEqual([
			{ month: '2026-08', spendMinor: 10_000, newCustomers: 0, cacMinor: null },
			{ month: '2026-09', spendMinor: 30_000, newCustomers: 1, cacMinor: 30_000 },
			{ month: '2026-10', spendMinor: 15_050, newCustomers: 2, cacMinor: 7_525 },
			{ month: '2026-11', spendMinor: null, newCustomers: 5, cacMinor: null }
		]);
		// November has no spend entered, so its 5 customers are left out: 55 050 / 3.
		expect(result.spendMinor).toBe(55_050);
		expect(result.newCustomers).toBe(3);
		expect(result.cacMinor).toBe(55_050 / 3);
	});

	it('has no total before any spend is entered', () => {
		expect(acquisitionCost(['2026-09'], new Map(), new Map([['2026-09', 4]])).cacMinor).toBeNull();
	});
});

describe('CLV', () => {
	it('compounds the churn of a window to a year and caps the lifetime', () => {
		// Half the customers churn every 365 days: annual churn 0.5, lifetime 2 years.
		expect(expectedLifetime(0.5, 365)).toEqual({ annualChurn: 0.5, lifetimeYears: 2 });
		// A third per 90 days: 1 - (2/3)^(365/90) a year.
		const annual = 1 - (1 - 1 / 3) ** (365 / 90);
		expect(expectedLifetime(1 / 3, 90)).toEqual({
			annualChurn: annual,
			lifetimeYears: 1 / annual
		});
		// Nobody churned: the cap, not infinity.
		expect(expectedLifetime(0, 90)).toEqual({ annualChurn: 0, lifetimeYears: LIFETIME_CAP_YEARS });
		expect(expectedLifetime(0.01, 365).lifetimeYears).toBe(LIFETIME_CAP_YEARS);
		expect(expectedLifetime(null)).toEqual({ annualChurn: null, lifetimeYears: null });
	});

	it('is average order value × orders per year × lifetime', () => {
		// 14 orders worth 78 000 from 7 customers: AOV 78 000 / 14, 2 orders a year; 1.5 years.
		expect(clvRow('all', { customers: 7, orders: 14, revenueMinor: 78_000 }, 1.5)).toEqual({
			tier: 'all',
			customers: 7,
			orders: 14,
			revenueMinor: 78_000,
			aovMinor: 78_000 / 14,
			frequency: 2,
			clvMinor: (78_000 / 14) * 2 * 1.5
		});
		expect(clvRow('lost', { customers: 0, orders: 0, revenueMinor: 0 }, 1.5)).toMatchObject({
			aovMinor: null,
			frequency: null,
			clvMinor: null
		});
		expect(clvRow('core', { customers: 1, orders: 2, revenueMinor: 10 }, null).clvMinor).toBeNull();
	});
});

describe("one customer's CLV", () => {
	it('is their own AOV x their own yearly orders x the workspace lifetime', () => {
		// 3 orders, 12 000 in the last 12 months: AOV 4 000, 3 a year; x 2.5 years = 30 000.
		expect(customerClv({ orders: 3, revenueMinor: 12_000 }, 5, 2.5)).toEqual({
			orders: 3,
			revenueMinor: 12_000,
			aovMinor: 4_000,
			frequency: 3,
			clvMinor: 30_000,
			lifetimeYears: 2.5,
			missing: null
		});
		// One order of 2 500 and the 5-year cap: 2 500 x 1 x 5 = 12 500.
		expect(customerClv({ orders: 1, revenueMinor: 2_500 }, 1, LIFETIME_CAP_YEARS).clvMinor).toBe(
			12_500
		);
	});

	it('says why there is no estimate', () => {
		expect(customerClv({ orders: 0, revenueMinor: 0 }, 0, 2)).toMatchObject({
			aovMinor: null,
			frequency: null,
			clvMinor: null,
			missing: 'noOrders'
		});
		expect(customerClv({ orders: 0, revenueMinor: 0 }, 4, 2)).toMatchObject({
			clvMinor: null,
			missing: 'noRecentOrders'
		});
		expect(customerClv({ orders: 2, revenueMinor: 3_000 }, 2, null)).toMatchObject({
			aovMinor: 1_500,
			frequency: 2,
			clvMinor: null,
			missing: 'noLifetime'
		});
	});
});
