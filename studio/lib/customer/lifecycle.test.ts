import { describe, expect, it } from 'vitest';
import {
	DEFAULT_LIFECYCLE_RULES as rules,
	averageGapDays,
	lifecycleStage,
	parseLifecycleRules,
	valueTier
} from './lifecycle';

const DAY = 86_400_000;
const now = 1_800_000_000_000;
const history = (orders: number, firstDaysAgo: number | null, lastDaysAgo: number | null) => ({
	ordersCount: orders,
	firstOrderAt: firstDaysAgo === null ? null : now - firstDaysAgo * DAY,
	lastOrderAt: lastDaysAgo === null ? null : now - lastDaysAgo * DAY
});

describe('lifecycleStage', () => {
	it('calls people without orders prospects', () => {
		expect(lifecycleStage(history(0, null, null), now, rules, 40)).toBe('prospect');
	});

	it('judges one-order customers against the shop rhythm', () => {
		expect(lifecycleStage(history(1, 10, 10), now, rules, 40)).toBe('new');
		expect(lifecycleStage(history(1, 61, 61), now, rules, 40)).toBe('declining');
		expect(lifecycleStage(history(1, 121, 121), now, rules, 40)).toBe('churned');
		// No shop rhythm yet: the default gap (90 days) applies.
		expect(lifecycleStage(history(1, 100, 100), now, rules, null)).toBe('new');
		expect(lifecycleStage(history(1, 136, 136), now, rules, null)).toBe('declining');
	});

	it('judges repeat customers against their own rhythm', () => {
		// Every 20 days, last 10 days ago: growing, then mature from 4 orders.
		expect(lifecycleStage(history(3, 50, 10), now, rules, 90)).toBe('growing');
		expect(lifecycleStage(history(4, 70, 10), now, rules, 90)).toBe('mature');
		// Every 20 days but 35 days quiet: declining (30-day floor and 1.5 gaps both passed).
		expect(lifecycleStage(history(4, 95, 35), now, rules, 90)).toBe('declining');
		// 100 days quiet: 3 gaps and the 90-day floor passed.
		expect(lifecycleStage(history(4, 160, 100), now, rules, 90)).toBe('churned');
	});

	it('keeps fast buyers from declining too early', () => {
		// Every 2 days; 10 quiet days is 5 gaps, but under the 30-day floor.
		expect(lifecycleStage(history(10, 28, 10), now, rules, 90)).toBe('mature');
	});

	it('computes the average gap', () => {
		expect(averageGapDays(history(3, 40, 0))).toBe(20);
		expect(averageGapDays(history(1, 5, 5))).toBeNull();
	});
});

describe('valueTier', () => {
	it.each([
		[5, 5, 5, 'core'],
		[4, 1, 4, 'core'],
		[4, 2, 2, 'potential'],
		[3, 1, 1, 'regular'],
		[1, 5, 5, 'regular'],
		[2, 3, 5, 'lost'],
		[1, 1, 1, 'lost']
	] as const)('R%i F%i M%i -> %s', (r, f, m, tier) => expect(valueTier(r, f, m)).toBe(tier));
});

describe('parseLifecycleRules', () => {
	it('fills defaults and accepts numbers given as text', () => {
		expect(parseLifecycleRules(null).rules).toEqual(rules);
		expect(parseLifecycleRules({ matureMinOrders: '6' }).rules.matureMinOrders).toBe(6);
	});
	it('reports nonsense and ignores prototype tricks', () => {
		const parsed = parseLifecycleRules(
			JSON.parse('{"minChurnedDays":"soon","decliningGapRatio":0,"__proto__":{"x":1}}')
		);
		expect(parsed.problems).toEqual([
			{ field: 'decliningGapRatio', code: 'out_of_range' },
			{ field: 'minChurnedDays', code: 'not_a_number' }
		]);
		expect(parsed.rules).toEqual(rules);
	});
});
