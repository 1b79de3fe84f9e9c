/**
 * Lifecycle stage and value tier as they were at an instant in the past. The customer table only
 * holds today's stage and tier, so history is re-derived: each customer's completed orders placed
 * before the instant give their order history then, and the workspace's own stage rules
 * (lifecycleStage) and RFM quintile tiers (valueTier) are applied to it exactly as the facts job
 * applies them today. Derived, not recorded: a rule changed since applies to the past too.
 */
import {
	lifecycleStage,
	valueTier,
	type LifecycleRules,
	type LifecycleStage,
	type ValueTier
} from '../customer/lifecycle';
import type { SnapshotTier } from './model';

const DAY = 86_400_000;

/** A customer's completed orders placed before some instant, summed up. */
export interface BuyerHistory {
	customerId: number;
	ordersCount: number;
	firstOrderAt: number;
	lastOrderAt: number;
	revenueMinor: number;
}

/**
 * The shop's typical rhythm then: the median of repeat buyers' average gaps in days, null with
 * fewer than 20 repeat buyers (as facts-repository's medianGapDays: the upper middle value).
 */
export function shopGapDays(histories: readonly BuyerHistory[]): number | null {
	const gaps = histories
		.filter((h) => h.ordersCount >= 2)
		.map((h) => (h.lastOrderAt - h.firstOrderAt) / DAY / (h.ordersCount - 1))
		.sort((a, b) => a - b);
	if (gaps.length < 20) return null;
	return gaps[Math.floor(gaps.length / 2)]!;
}

/** Every buyer's stage at `at`, from their history before it. */
export function stagesAt(
	histories: readonly BuyerHistory[],
	at: number,
	rules: LifecycleRules
): Map<number, LifecycleStage> {
	const gap = shopGapDays(histories);
	return new Map(histories.map((h) => [h.customerId, lifecycleStage(h, at, rules, gap)]));
}

/**
 * SQL's `ntile(buckets) over (order by ...)` for the row at 0-based `index` of `count` rows: the
 * first `count % buckets` buckets get one row more than the others.
 */
export function ntile(index: number, count: number, buckets = 5): number {
	const small = Math.floor(count / buckets);
	const big = small + 1;
	const bigRows = (count % buckets) * big;
	if (index < bigRows) return Math.floor(index / big) + 1;
	return (count % buckets) + Math.floor((index - bigRows) / small) + 1;
}

function quintiles(
	histories: readonly BuyerHistory[],
	key: (h: BuyerHistory) => number
): Map<number, number> {
	const sorted = [...histories].sort((a, b) => key(a) - key(b) || a.customerId - b.customerId);
	return new Map(sorted.map((h, i) => [h.customerId, ntile(i, sorted.length)]));
}

/**
 * Every buyer's value tier among the buyers of the time: RFM quintiles ordered as refreshRfm
 * orders them (recency by last order, frequency by orders, monetary by revenue, ties by id).
 */
export function tiersAt(histories: readonly BuyerHistory[]): Map<number, ValueTier> {
	const r = quintiles(histories, (h) => h.lastOrderAt);
	const f = quintiles(histories, (h) => h.ordersCount);
	const m = quintiles(histories, (h) => h.revenueMinor);
	return new Map(
		histories.map((h) => [
			h.customerId,
			valueTier(r.get(h.customerId)!, f.get(h.customerId)!, m.get(h.customerId)!)
		])
	);
}

/**
 * Customers per stage and tier at `at`: the buyers by their derived stage and tier, and the
 * `prospects` (known by then, no order yet) as stage prospect, tier none. Empty cells left out.
 */
export function snapshotAt(
	histories: readonly BuyerHistory[],
	prospects: number,
	at: number,
	rules: LifecycleRules
): { stage: LifecycleStage; tier: SnapshotTier; customers: number }[] {
	const stages = stagesAt(histories, at, rules);
	const tiers = tiersAt(histories);
	const counts = new Map<string, number>();
	for (const h of histories) {
		const cell = `${stages.get(h.customerId)!}|${tiers.get(h.customerId)!}`;
		counts.set(cell, (counts.get(cell) ?? 0) + 1);
	}
	const cells = [...counts].map(([cell, customers]) => {
		const [stage, tier] = cell.split('|') as [LifecycleStage, SnapshotTier];
		return { stage, tier, customers };
	});
	if (prospects > 0) cells.push({ stage: 'prospect', tier: 'none', customers: prospects });
	return cells;
}

const ACTIVE: ReadonlySet<LifecycleStage> = new Set(['new', 'growing', 'mature', 'declining']);

/**
 * Churn over [start, end): of the customers active at `start` (a buyer by then and not churned by
 * the stage rules), how many are churned at `end`. Histories are those before each instant.
 */
export function churnBetween(
	before: readonly BuyerHistory[],
	after: readonly BuyerHistory[],
	start: number,
	end: number,
	rules: LifecycleRules
): { base: number; churned: number; rate: number | null } {
	const then = stagesAt(before, start, rules);
	const now = stagesAt(after, end, rules);
	let base = 0;
	let churned = 0;
	for (const [id, stage] of then) {
		if (!ACTIVE.has(stage)) continue;
		base++;
		if (now.get(id) === 'churned') churned++;
	}
	return { base, churned, rate: base > 0 ? churned / base : null };
}
