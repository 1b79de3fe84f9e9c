// Lifecycle stage and value tier: the rules a marketer reads in the studio and the job applies.
// Pure and isomorphic, so the settings page, the server and the tests share one definition.

export type LifecycleStage = 'prospect' | 'new' | 'growing' | 'mature' | 'declining' | 'churned';
export type ValueTier = 'core' | 'potential' | 'regular' | 'lost';

export const LIFECYCLE_STAGES: readonly LifecycleStage[] = [
	'prospect',
	'new',
	'growing',
	'mature',
	'declining',
	'churned'
];
export const VALUE_TIERS: readonly ValueTier[] = ['core', 'potential', 'regular', 'lost'];

/**
 * A customer is judged against their own purchase rhythm: the average gap between their orders.
 * One-order customers have no rhythm yet and are judged against the shop's typical gap.
 */
export interface LifecycleRules {
	/** Orders from which a customer counts as mature (fewer, but more than one: growing). */
	matureMinOrders: number;
	/** Overdue by this many of their own gaps: declining. */
	decliningGapRatio: number;
	/** Overdue by this many of their own gaps: churned. */
	churnedGapRatio: number;
	/** Never declining before this many days without an order, however fast their rhythm. */
	minDecliningDays: number;
	/** Never churned before this many days without an order. */
	minChurnedDays: number;
	/** The gap assumed for one-order customers when the shop has too few repeat buyers to tell. */
	defaultGapDays: number;
}

export const DEFAULT_LIFECYCLE_RULES: LifecycleRules = {
	matureMinOrders: 4,
	decliningGapRatio: 1.5,
	churnedGapRatio: 3,
	minDecliningDays: 30,
	minChurnedDays: 90,
	defaultGapDays: 90
};

const DAY = 24 * 60 * 60 * 1000;

export interface OrderHistory {
	ordersCount: number;
	firstOrderAt: number | null;
	lastOrderAt: number | null;
}

/** Days between orders on average; null with fewer than two orders. */
export function averageGapDays(history: OrderHistory): number | null {
	if (history.ordersCount < 2 || history.firstOrderAt === null || history.lastOrderAt === null)
		return null;
	return (history.lastOrderAt - history.firstOrderAt) / DAY / (history.ordersCount - 1);
}

export function lifecycleStage(
	history: OrderHistory,
	now: number,
	rules: LifecycleRules,
	shopGapDays: number | null
): LifecycleStage {
	if (history.ordersCount <= 0 || history.lastOrderAt === null) return 'prospect';
	const sinceLast = Math.max(0, (now - history.lastOrderAt) / DAY);
	// A customer ordering every 2 days is not "declining" after 4; gaps under a day are noise.
	const gap = Math.max(1, averageGapDays(history) ?? shopGapDays ?? rules.defaultGapDays);
	if (sinceLast >= Math.max(rules.minChurnedDays, gap * rules.churnedGapRatio)) return 'churned';
	if (sinceLast >= Math.max(rules.minDecliningDays, gap * rules.decliningGapRatio))
		return 'declining';
	if (history.ordersCount === 1) return 'new';
	return history.ordersCount >= rules.matureMinOrders ? 'mature' : 'growing';
}

/**
 * Value tier from RFM quintile scores (1 low … 5 high):
 * core: recent (R ≥ 4) and frequent or big-spending (F ≥ 4 or M ≥ 4);
 * potential: recent but not (yet) frequent or big-spending;
 * regular: middling recency, or not recent but used to buy often (F ≥ 4);
 * lost: not recent (R ≤ 2) and never frequent.
 */
export function valueTier(r: number, f: number, m: number): ValueTier {
	if (r >= 4) return f >= 4 || m >= 4 ? 'core' : 'potential';
	if (r === 3 || f >= 4) return 'regular';
	return 'lost';
}

export type RulesProblem = { field: keyof LifecycleRules; code: 'not_a_number' | 'out_of_range' };

const RANGES: Record<keyof LifecycleRules, [number, number]> = {
	matureMinOrders: [2, 1000],
	decliningGapRatio: [1, 100],
	churnedGapRatio: [1, 100],
	minDecliningDays: [1, 3650],
	minChurnedDays: [1, 3650],
	defaultGapDays: [1, 3650]
};

/** Reads stored or submitted rules, filling gaps with defaults; lists what is wrong. */
export function parseLifecycleRules(input: unknown): {
	rules: LifecycleRules;
	problems: RulesProblem[];
} {
	const rules = { ...DEFAULT_LIFECYCLE_RULES };
	const problems: RulesProblem[] = [];
	if (!input || typeof input !== 'object') return { rules, problems };
	const record = input as Record<string, unknown>;
	for (const field of Object.keys(RANGES) as (keyof LifecycleRules)[]) {
		if (!Object.hasOwn(record, field) || record[field] === '' || record[field] == null) continue;
		const value = Number(record[field]);
		const [min, max] = RANGES[field];
		if (!Number.isFinite(value)) problems.push({ field, code: 'not_a_number' });
		else if (value < min || value > max) problems.push({ field, code: 'out_of_range' });
		else rules[field] = value;
	}
	if (rules.churnedGapRatio < rules.decliningGapRatio)
		problems.push({ field: 'churnedGapRatio', code: 'out_of_range' });
	return { rules, problems };
}
