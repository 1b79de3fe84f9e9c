/**
 * Lifecycle-health figures from completed orders that belong to a customer. Each order row carries
 * the time of the same customer's previous order and of their first-ever order (computed over the
 * whole history by the repository), so a period's rows are enough. Pure.
 */
import type { ValueTier } from '../customer/lifecycle';
import type { CohortRow, Cohorts } from './model';
import { monthDistance, monthOf, type MonthKey } from './months';

const DAY = 86_400_000;

export interface OrderRow {
	customerId: number;
	placedAt: number;
	totalMinor: number;
	/** The same customer's previous completed order; null for their first. */
	previousAt: number | null;
	/** The customer's first-ever completed order. */
	firstAt: number;
	/** The customer's value tier today. */
	tier: ValueTier | null;
}

const inRange = (at: number, start: number, end: number) => at >= start && at < end;

/**
 * The period [start, end):
 * - repeat rate: of the customers who ordered in it, the share with more than one order up to its
 *   end (an order in it that had a previous one);
 * - average days between orders: the mean gap between an order in it and the same customer's
 *   previous order;
 * - returning revenue share: revenue of orders in it that were not the customer's first, over the
 *   revenue of all its orders.
 */
export function periodFigures(orders: readonly OrderRow[], start: number, end: number) {
	const buyers = new Set<number>();
	const repeaters = new Set<number>();
	const newcomers = new Set<number>();
	let count = 0;
	let revenue = 0;
	let returningRevenue = 0;
	let gapDays = 0;
	let gaps = 0;
	for (const o of orders) {
		if (!inRange(o.placedAt, start, end)) continue;
		count++;
		revenue += o.totalMinor;
		buyers.add(o.customerId);
		if (inRange(o.firstAt, start, end)) newcomers.add(o.customerId);
		if (o.previousAt === null) continue;
		repeaters.add(o.customerId);
		returningRevenue += o.totalMinor;
		gapDays += (o.placedAt - o.previousAt) / DAY;
		gaps++;
	}
	return {
		buyers: buyers.size,
		orders: count,
		revenueMinor: revenue,
		newCustomers: newcomers.size,
		repeatRate: buyers.size ? repeaters.size / buyers.size : null,
		avgDaysBetweenOrders: gaps ? gapDays / gaps : null,
		returningRevenueShare: revenue > 0 ? returningRevenue / revenue : null
	};
}

/**
 * Monthly cohorts: customers grouped by the month of their first order (one of `months`), and
 * for each month k after it the share who ordered in that month. k = 0 is the cohort itself
 * (100%). Months after the last of `months` are still to come: null.
 */
export function cohortRetention(
	orders: readonly OrderRow[],
	months: readonly MonthKey[],
	timeZone: string
): Cohorts {
	const first = months[0];
	const last = months[months.length - 1];
	if (!first || !last) return { months: [], rows: [] };
	const cohortOf = new Map<number, MonthKey>();
	const activeIn = new Map<MonthKey, Set<number>[]>(months.map((m) => [m, []]));
	for (const o of orders) {
		const cohort = monthOf(o.firstAt, timeZone);
		if (!activeIn.has(cohort)) continue;
		cohortOf.set(o.customerId, cohort);
		const k = monthDistance(cohort, monthOf(o.placedAt, timeZone));
		if (k < 0 || k >= months.length) continue;
		const sets = activeIn.get(cohort)!;
		(sets[k] ??= new Set()).add(o.customerId);
	}
	const sizes = new Map<MonthKey, number>();
	for (const cohort of cohortOf.values()) sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
	const rows: CohortRow[] = months.map((cohort) => {
		const customers = sizes.get(cohort) ?? 0;
		const open = monthDistance(cohort, last) + 1;
		const retained = months.map((_, k) =>
			k < open ? (k === 0 ? customers : (activeIn.get(cohort)![k]?.size ?? 0)) : null
		);
		const rates = retained.map((n) => (n === null || customers === 0 ? null : n / customers));
		return { cohort, customers, retained, rates };
	});
	return { months: [...months], rows };
}

/** Customers whose first-ever order fell in each month. */
export function newCustomersByMonth(
	orders: readonly OrderRow[],
	months: readonly MonthKey[],
	timeZone: string
): Map<MonthKey, number> {
	const seen = new Map<number, MonthKey>();
	for (const o of orders) seen.set(o.customerId, monthOf(o.firstAt, timeZone));
	const counts = new Map<MonthKey, number>(months.map((m) => [m, 0]));
	for (const month of seen.values())
		if (counts.has(month)) counts.set(month, counts.get(month)! + 1);
	return counts;
}

/** Orders, revenue and distinct buyers in [start, end), for everyone or one value tier. */
export function buyerTotals(
	orders: readonly OrderRow[],
	start: number,
	end: number,
	tier?: ValueTier
): { customers: number; orders: number; revenueMinor: number } {
	const customers = new Set<number>();
	let count = 0;
	let revenue = 0;
	for (const o of orders) {
		if (!inRange(o.placedAt, start, end) || (tier !== undefined && o.tier !== tier)) continue;
		customers.add(o.customerId);
		count++;
		revenue += o.totalMinor;
	}
	return { customers: customers.size, orders: count, revenueMinor: revenue };
}
