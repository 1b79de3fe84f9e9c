import { describe, expect, it } from 'vitest';
import {
	buildInteractions,
	DAY_MS,
	decay,
	fitFrequentlyBoughtTogether,
	popularityScores,
	rankByScore,
	valueAt
} from './index.js';

const NOW = Date.UTC(2024, 0, 31);

describe('interactions', () => {
	it('sums strength weights per (user, item): view < cart < purchase', () => {
		const m = buildInteractions(
			[
				{ userId: 'u', itemId: 'a', type: 'view', at: NOW },
				{ userId: 'u', itemId: 'a', type: 'view', at: NOW },
				{ userId: 'u', itemId: 'b', type: 'add_to_cart', at: NOW },
				{ userId: 'u', itemId: 'c', type: 'purchase', at: NOW },
				{ userId: 'u', itemId: 'd', type: 'wishlist', at: NOW }
			],
			{ now: NOW }
		);
		expect(m.itemIds).toEqual(['a', 'b', 'c', 'd']);
		expect([0, 1, 2, 3].map((i) => valueAt(m.strengths, 0, i))).toEqual([2, 3, 5, 0]);
		expect(valueAt(m.purchases, 0, 2)).toBe(NOW / DAY_MS);
		expect(valueAt(m.purchases, 0, 0)).toBe(0);
	});

	it('halves an event every half-life', () => {
		expect(decay(14 * DAY_MS, 14)).toBeCloseTo(0.5);
		expect(decay(28 * DAY_MS, 14)).toBeCloseTo(0.25);
		expect(decay(1000 * DAY_MS, undefined)).toBe(1);
		const m = buildInteractions(
			[{ userId: 'u', itemId: 'a', type: 'purchase', at: NOW - 7 * DAY_MS }],
			{ now: NOW, halfLifeDays: 7, weights: { purchase: 4 } }
		);
		expect(valueAt(m.strengths, 0, 0)).toBeCloseTo(2);
	});

	it('ranks trending above all-time popular when recent', () => {
		const items = new Map([
			['old', 0],
			['new', 1]
		]);
		const events = [
			...Array.from({ length: 4 }, () => ({
				userId: 'x',
				itemId: 'old',
				type: 'view',
				at: NOW - 60 * DAY_MS
			})),
			...Array.from({ length: 2 }, () => ({ userId: 'x', itemId: 'new', type: 'view', at: NOW }))
		];
		expect(Array.from(rankByScore(popularityScores(events, items, { now: NOW })))).toEqual([0, 1]);
		const trending = popularityScores(events, items, { now: NOW, halfLifeDays: 7 });
		expect(Array.from(rankByScore(trending))).toEqual([1, 0]);
	});
});

describe('frequently bought together', () => {
	it('scores lift and drops pairs under the support floor', () => {
		// 0 and 1 together in 3 of 6 orders; 0 and 2 together once.
		const orders = [[0, 1], [0, 1], [0, 1], [0, 2], [3], [3]];
		const fbt = fitFrequentlyBoughtTogether(orders, 4, { minSupport: 2 });
		// lift(0, 1) = 3 * 6 / (4 * 3) = 1.5
		expect(valueAt(fbt, 0, 1)).toBeCloseTo(1.5);
		expect(valueAt(fbt, 1, 0)).toBeCloseTo(1.5);
		expect(valueAt(fbt, 0, 2)).toBe(0);
		const loose = fitFrequentlyBoughtTogether(orders, 4, { minSupport: 1 });
		// lift(0, 2) = 1 * 6 / (4 * 1)
		expect(valueAt(loose, 0, 2)).toBeCloseTo(1.5);
	});

	it('skips orders above maxOrderSize', () => {
		const fbt = fitFrequentlyBoughtTogether([[0, 1, 2]], 3, { minSupport: 1, maxOrderSize: 2 });
		expect(fbt.indices.length).toBe(0);
	});
});
