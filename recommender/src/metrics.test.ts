import { describe, expect, it } from 'vitest';
import { auc, MetricsMean, rankingMetrics } from './index.js';

describe('rankingMetrics', () => {
	it('matches hand-computed values', () => {
		// Ranked [5, 1, 7, 3], relevant {1, 3, 9}, K = 4: hits at ranks 2 and 4.
		const relevant = new Set([1, 3, 9]);
		const m = rankingMetrics([5, 1, 7, 3], (i) => relevant.has(i), 3, 4);
		expect(m.precision).toBe(0.5);
		expect(m.recall).toBeCloseTo(2 / 3);
		const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
		const idcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
		expect(m.ndcg).toBeCloseTo(dcg / idcg);
		// AP numerator: 1/2 + 2/4 = 1; over min(3, 4) and over 3.
		expect(m.map).toBeCloseTo(1 / 3);
		expect(m.mapMs).toBeCloseTo(1 / 3);
		expect(m.hr).toBe(1);
	});

	it('normalises by min(|relevant|, K) and handles misses', () => {
		const m = rankingMetrics([0, 1], (i) => i === 0, 5, 2);
		expect(m.ndcg).toBeCloseTo(1 / (1 + 1 / Math.log2(3)));
		expect(m.map).toBeCloseTo(1 / 2);
		expect(m.mapMs).toBeCloseTo(1 / 5);
		expect(rankingMetrics([4, 5], () => false, 2, 2)).toMatchObject({ hr: 0, ndcg: 0 });
	});

	it('averages over users', () => {
		const mean = new MetricsMean();
		mean.add(rankingMetrics([1], () => true, 1, 1));
		mean.add(rankingMetrics([1], () => false, 1, 1));
		expect(mean.mean().precision).toBe(0.5);
		expect(mean.count).toBe(2);
	});
});

describe('auc', () => {
	it('is the share of positive-negative pairs ranked right, ties half', () => {
		expect(auc([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0])).toBe(1);
		expect(auc([0.1, 0.2], [true, false])).toBe(0);
		// Pairs: (0.8 vs 0.5) right, (0.8 vs 0.8) tie, (0.4 vs 0.5) wrong, (0.4 vs 0.8) wrong.
		expect(auc([0.8, 0.4, 0.5, 0.8], [1, 1, 0, 0])).toBeCloseTo(1.5 / 4);
		expect(auc([1, 2], [1, 1])).toBeNaN();
	});
});
