/**
 * Money figures: what journeys cost and return, what a customer costs to acquire and is worth.
 * Pure formulas, each stated in words where it is defined; the dashboard's definitions repeat them.
 */
import type { CostKind, UnitCosts } from './costs';
import type { CacMonth, ClvRow, Estimate, JourneyCost } from './model';
import type { MonthKey } from './months';

/** Churn is measured over this many days for CLV's expected lifetime. */
export const CHURN_WINDOW_DAYS = 90;
/** An expected lifetime longer than this is not believed (nor is zero churn). */
export const LIFETIME_CAP_YEARS = 5;

/**
 * Expected customer lifetime in years = 1 / annual churn, where the annual churn is the churn
 * measured over `windowDays` days compounded to a year assuming the same rate every window:
 * 1 - (1 - rate)^(365 / windowDays). Capped at LIFETIME_CAP_YEARS (no churn gives the cap).
 */
export function expectedLifetime(
	churnRate: number | null,
	windowDays = CHURN_WINDOW_DAYS
): { annualChurn: number | null; lifetimeYears: number | null } {
	if (churnRate === null) return { annualChurn: null, lifetimeYears: null };
	const annualChurn = 1 - (1 - churnRate) ** (365 / windowDays);
	const lifetimeYears =
		annualChurn > 0 ? Math.min(LIFETIME_CAP_YEARS, 1 / annualChurn) : LIFETIME_CAP_YEARS;
	return { annualChurn, lifetimeYears };
}

/**
 * CLV = average order value × purchase frequency per year × expected lifetime in years, where AOV
 * and frequency come from the last 12 months' completed orders (revenue / orders, orders /
 * customers who ordered). Revenue, not margin: it says what a customer spends.
 */
export function clvRow(
	tier: ClvRow['tier'],
	totals: { customers: number; orders: number; revenueMinor: number },
	lifetimeYears: number | null
): ClvRow {
	const aovMinor = totals.orders > 0 ? totals.revenueMinor / totals.orders : null;
	const frequency = totals.customers > 0 ? totals.orders / totals.customers : null;
	const clvMinor =
		aovMinor === null || frequency === null || lifetimeYears === null
			? null
			: aovMinor * frequency * lifetimeYears;
	return { tier, ...totals, aovMinor, frequency, clvMinor };
}

/** Why a customer has no CLV estimate; null when they have one. */
export type CustomerClvGap = 'noOrders' | 'noRecentOrders' | 'noLifetime';

export interface CustomerClv extends Omit<ClvRow, 'tier' | 'customers'> {
	lifetimeYears: number | null;
	missing: CustomerClvGap | null;
}

/**
 * One customer's CLV: clvRow's formula applied to a "tier" of one, so AOV is their own revenue /
 * orders and frequency their own orders over the same 12-month window (per year), times the
 * workspace's expected lifetime. `ordersEver` (completed, any time) only tells "never ordered"
 * from "not in the last 12 months" when there is no estimate.
 */
export function customerClv(
	recent: { orders: number; revenueMinor: number },
	ordersEver: number,
	lifetimeYears: number | null
): CustomerClv {
	const {
		tier: _tier,
		customers: _customers,
		...row
	} = clvRow('all', { customers: recent.orders > 0 ? 1 : 0, ...recent }, lifetimeYears);
	const missing: CustomerClvGap | null =
		recent.orders === 0
			? ordersEver > 0
				? 'noRecentOrders'
				: 'noOrders'
			: lifetimeYears === null
				? 'noLifetime'
				: null;
	return { ...row, lifetimeYears, missing };
}

/**
 * CAC per month = acquisition spend entered for the month / customers whose first order fell in
 * it. The total divides the spend by the new customers of the months that have spend entered.
 */
export function acquisitionCost(
	months: readonly MonthKey[],
	spendMinor: ReadonlyMap<MonthKey, number>,
	newCustomers: ReadonlyMap<MonthKey, number>
) {
	let spend = 0;
	let customers = 0;
	const rows: CacMonth[] = months.map((month) => {
		const spent = spendMinor.get(month);
		const fresh = newCustomers.get(month) ?? 0;
		if (spent !== undefined) {
			spend += spent;
			customers += fresh;
		}
		return {
			month,
			spendMinor: spent ?? null,
			newCustomers: fresh,
			cacMinor: spent !== undefined && fresh > 0 ? spent / fresh : null
		};
	});
	return {
		months: rows,
		spendMinor: spend,
		newCustomers: customers,
		cacMinor: customers > 0 ? spend / customers : null
	};
}

/** What a journey's activity cost, in minor units (unit costs are milli-minor). */
export function journeyCost(
	counts: {
		emails: number;
		webhooks: number;
		offers: number;
		points: number;
		conversions: number;
		fixedMonths: number;
		/** Sum of the journey's fixed costs entered up to the current month, milli-minor. */
		fixedMilli: number;
	},
	unit: UnitCosts
): JourneyCost {
	const milli = (kind: Exclude<CostKind, 'fixed' | 'acquisition'>, n: number) => n * unit[kind];
	const messagesMilli =
		milli('email', counts.emails) +
		milli('webhook', counts.webhooks) +
		milli('offer', counts.offers);
	const pointsMilli = milli('point', counts.points);
	const conversionsMilli = milli('conversion', counts.conversions);
	return {
		emails: counts.emails,
		webhooks: counts.webhooks,
		offers: counts.offers,
		points: counts.points,
		conversions: counts.conversions,
		fixedMonths: counts.fixedMonths,
		messagesMinor: messagesMilli / 1000,
		pointsMinor: pointsMilli / 1000,
		conversionsMinor: conversionsMilli / 1000,
		fixedMinor: counts.fixedMilli / 1000,
		totalMinor: (messagesMilli + pointsMilli + conversionsMilli + counts.fixedMilli) / 1000
	};
}

/**
 * ROI = (incremental revenue - cost) / cost. The cost is known exactly, so the interval is the
 * incremental revenue's interval put through the same formula. Null without a cost.
 */
export function roiOf(incrementalRevenue: Estimate | null, costMinor: number): Estimate | null {
	if (!incrementalRevenue || !(costMinor > 0)) return null;
	const roi = (value: number) => (value - costMinor) / costMinor;
	return {
		estimate: roi(incrementalRevenue.estimate),
		lower: roi(incrementalRevenue.lower),
		upper: roi(incrementalRevenue.upper)
	};
}

/**
 * The sum of independent estimates with symmetric normal intervals: the estimates add, and so do
 * the variances, so the half-width is the root of the summed squared half-widths (the z factor
 * cancels). Journeys that share customers are not quite independent; the interval assumes so.
 */
export function sumEstimates(estimates: readonly Estimate[]): Estimate | null {
	if (!estimates.length) return null;
	let sum = 0;
	let squares = 0;
	for (const e of estimates) {
		sum += e.estimate;
		squares += ((e.upper - e.lower) / 2) ** 2;
	}
	const half = Math.sqrt(squares);
	return { estimate: sum, lower: sum - half, upper: sum + half };
}
