import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE_RULES as rules } from '../customer/lifecycle';
import {
	churnBetween,
	ntile,
	shopGapDays,
	snapshotAt,
	stagesAt,
	tiersAt,
	type BuyerHistory
} from './lifecycle-at';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12);

function buyer(
	customerId: number,
	ordersCount: number,
	firstDaysAgo: number,
	lastDaysAgo: number,
	revenueMinor = 1000 * ordersCount
): BuyerHistory {
	return {
		customerId,
		ordersCount,
		firstOrderAt: NOW - firstDaysAgo * DAY,
		lastOrderAt: NOW - lastDaysAgo * DAY,
		revenueMinor
	};
}

describe('ntile', () => {
	it('splits rows like SQL: the first buckets take the remainder', () => {
		// 7 rows in 5 buckets: 2, 2, 1, 1, 1.
		expect([0, 1, 2, 3, 4, 5, 6].map((i) => ntile(i, 7))).toEqual([1, 1, 2, 2, 3, 4, 5]);
		// Fewer rows than buckets: one each, from 1.
		expect([0, 1, 2].map((i) => ntile(i, 3))).toEqual([1, 2, 3]);
		expect([0, 4, 5, 9].map((i) => ntile(i, 10))).toEqual([1, 3, 3, 5]);
	});
});

describe('stages and tiers at an instant', () => {
	it('uses the shop rhythm only with 20 repeat buyers', () => {
		const few = Array.from({ length: 19 }, (_, i) => buyer(i + 1, 2, 20, 10));
		expect(shopGapDays(few)).toBeNull();
		// 20 repeat buyers with gaps of 1..20 days: the upper middle one, 11.
		const many = Array.from({ length: 20 }, (_, i) => buyer(i + 1, 2, 100 + i + 1, 100));
		expect(shopGapDays(many)).toBe(11);
	});

	it('applies the stage rules to the history of the time', () => {
		const stages = stagesAt(
			[
				buyer(1, 1, 10, 10), // one order 10 days ago: new
				buyer(2, 2, 40, 10), // two orders 30 days apart, last 10 days ago: growing
				buyer(3, 5, 100, 5), // five orders: mature
				buyer(4, 3, 60, 40), // gap 10 days, 40 days overdue: declining
				buyer(5, 3, 150, 130) // gap 10 days, 130 days since: churned
			],
			NOW,
			rules
		);
		expect([...stages.values()]).toEqual(['new', 'growing', 'mature', 'declining', 'churned']);
	});

	it('ranks buyers into RFM quintiles among the buyers of the time', () => {
		// Five buyers, one per quintile on every score: the most recent, frequent and big spender
		// is core, the oldest single small buyer lost.
		const tiers = tiersAt([
			buyer(1, 1, 300, 300, 100),
			buyer(2, 2, 300, 200, 200),
			buyer(3, 3, 300, 100, 300),
			buyer(4, 4, 300, 50, 400),
			buyer(5, 5, 300, 1, 500)
		]);
		// R,F,M = 1,1,1 lost; 2,2,2 lost; 3,3,3 regular; 4,4,4 core; 5,5,5 core.
		expect([...tiers.values()]).toEqual(['lost', 'lost', 'regular', 'core', 'core']);
	});

	it('counts prospects, and buyers by stage and tier', () => {
		const cells = snapshotAt([buyer(1, 1, 10, 10), buyer(2, 1, 20, 20)], 3, NOW, rules);
		// Two new buyers: ranks 1 and 2 of 2, R = 1 and 2, both lost by the tier rule.
		expect(cells).toEqual([
			{ stage: 'new', tier: 'lost', customers: 2 },
			{ stage: 'prospect', tier: 'none', customers: 3 }
		]);
	});

	it('counts churn among the customers active at the start', () => {
		const start = NOW - 90 * DAY;
		const before = [
			{ ...buyer(1, 3, 0, 0), firstOrderAt: start - 30 * DAY, lastOrderAt: start - 10 * DAY }, // growing
			{ ...buyer(2, 3, 0, 0), firstOrderAt: start - 300 * DAY, lastOrderAt: start - 200 * DAY }, // churned already
			{ ...buyer(3, 1, 0, 0), firstOrderAt: start - 5 * DAY, lastOrderAt: start - 5 * DAY } // new
		];
		// At the end: 1 has not ordered again (100 days, gap 10: churned), 3 ordered again.
		const after = [
			before[0]!,
			before[1]!,
			{ ...before[2]!, ordersCount: 2, lastOrderAt: NOW - DAY }
		];
		expect(churnBetween(before, after, start, NOW, rules)).toEqual({
			base: 2,
			churned: 1,
			rate: 0.5
		});
		expect(churnBetween([], [], start, NOW, rules)).toEqual({ base: 0, churned: 0, rate: null });
	});
});
