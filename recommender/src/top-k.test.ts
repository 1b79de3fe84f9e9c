import { describe, expect, it } from 'vitest';
import { topK, type Scored } from './index.js';

// A seeded generator (mulberry32) so a failing random case can be replayed.
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// The obvious O(n log n) answer topK must agree with.
function bySort(
	scores: ArrayLike<number>,
	k: number,
	exclude?: (index: number) => boolean
): Scored[] {
	const all: Scored[] = [];
	for (let index = 0; index < scores.length; index++) {
		const score = scores[index] as number;
		if (Number.isNaN(score) || score === Number.NEGATIVE_INFINITY) continue;
		if (exclude?.(index)) continue;
		all.push({ index, score });
	}
	all.sort((a, b) => (a.score === b.score ? a.index - b.index : b.score - a.score));
	return all.slice(0, Math.max(0, Math.floor(k)));
}

describe('topK', () => {
	it('returns the k highest scores, best first', () => {
		expect(topK([0.1, 0.9, 0.4, 0.7, 0.2], 3)).toEqual([
			{ index: 1, score: 0.9 },
			{ index: 3, score: 0.7 },
			{ index: 2, score: 0.4 }
		]);
	});

	it('returns everything sorted when k exceeds n', () => {
		expect(topK([3, 1, 2], 10)).toEqual([
			{ index: 0, score: 3 },
			{ index: 2, score: 2 },
			{ index: 1, score: 1 }
		]);
		expect(topK([3, 1, 2], Number.POSITIVE_INFINITY)).toHaveLength(3);
	});

	it('returns nothing for k = 0, a negative or NaN k, or no scores', () => {
		expect(topK([1, 2, 3], 0)).toEqual([]);
		expect(topK([1, 2, 3], -2)).toEqual([]);
		expect(topK([1, 2, 3], Number.NaN)).toEqual([]);
		expect(topK([1, 2, 3], 0.9)).toEqual([]);
		expect(topK([], 5)).toEqual([]);
		expect(topK(new Float32Array(0), 5)).toEqual([]);
	});

	it('rounds a fractional k down', () => {
		expect(topK([1, 2, 3], 2.7).map((s) => s.index)).toEqual([2, 1]);
	});

	it('breaks ties by lower index', () => {
		expect(topK([5, 5, 5, 5], 2)).toEqual([
			{ index: 0, score: 5 },
			{ index: 1, score: 5 }
		]);
		expect(topK([1, 7, 3, 7, 7, 2], 2).map((s) => s.index)).toEqual([1, 3]);
		// A tie at the heap's edge: the later 4 must not displace the earlier one.
		expect(topK([4, 9, 4, 8], 3).map((s) => s.index)).toEqual([1, 3, 0]);
		expect(topK([0, -0, 0], 2).map((s) => s.index)).toEqual([0, 1]);
	});

	it('skips NaN and -Infinity but keeps +Infinity', () => {
		const scores = [Number.NaN, 1, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 0, -5];
		expect(topK(scores, 10)).toEqual([
			{ index: 3, score: Number.POSITIVE_INFINITY },
			{ index: 1, score: 1 },
			{ index: 4, score: 0 },
			{ index: 5, score: -5 }
		]);
		expect(topK([Number.NaN, Number.NEGATIVE_INFINITY], 2)).toEqual([]);
		expect(
			topK([Number.POSITIVE_INFINITY, 1, Number.POSITIVE_INFINITY], 2).map((s) => s.index)
		).toEqual([0, 2]);
	});

	it('skips excluded indices and fills their places with the next best', () => {
		const bought = new Set([1, 3]);
		expect(topK([0.1, 0.9, 0.4, 0.7, 0.2], 3, (i) => bought.has(i))).toEqual([
			{ index: 2, score: 0.4 },
			{ index: 4, score: 0.2 },
			{ index: 0, score: 0.1 }
		]);
		expect(topK([1, 2, 3], 3, () => true)).toEqual([]);
	});

	it('asks exclude only about valid indices that could make the list', () => {
		const asked: number[] = [];
		topK([5, Number.NaN, 4, 1, Number.NEGATIVE_INFINITY, 6], 2, (i) => {
			asked.push(i);
			return false;
		});
		// 1 cannot beat the two already held, and NaN / -Infinity are never candidates.
		expect(asked).toEqual([0, 2, 5]);
	});

	it('accepts Float32Array and Float64Array', () => {
		const f32 = new Float32Array([0.5, 0.25, 0.75]);
		expect(topK(f32, 2)).toEqual([
			{ index: 2, score: 0.75 },
			{ index: 0, score: 0.5 }
		]);
		// Float32 rounding is kept, not hidden.
		expect(topK(new Float32Array([0.1]), 1)[0]?.score).toBe(Math.fround(0.1));
		expect(topK(new Float64Array([2, 3, 1]), 1)).toEqual([{ index: 1, score: 3 }]);
	});

	it('does not modify its input', () => {
		const scores = [3, 1, 2, 5, 4];
		topK(scores, 3);
		expect(scores).toEqual([3, 1, 2, 5, 4]);
	});

	it('matches a full sort on random data', () => {
		const next = random(42);
		for (let round = 0; round < 300; round++) {
			const n = Math.floor(next() * 200);
			const k = Math.floor(next() * (n + 5));
			const scores = new Float64Array(n);
			for (let i = 0; i < n; i++) {
				const r = next();
				// Coarse values force many ties; a few NaN and -Infinity mixed in.
				scores[i] =
					r < 0.05
						? Number.NaN
						: r < 0.1
							? Number.NEGATIVE_INFINITY
							: Math.round(next() * 20) / 4 - 2;
			}
			const excluded = new Set<number>();
			for (let i = 0; i < n; i++) if (next() < 0.2) excluded.add(i);
			const exclude = round % 2 === 0 ? undefined : (i: number) => excluded.has(i);
			expect(topK(scores, k, exclude)).toEqual(bySort(scores, k, exclude));
		}
	});

	it('matches a full sort on a large catalogue', () => {
		const next = random(7);
		const scores = Array.from({ length: 50_000 }, () => next());
		expect(topK(scores, 100)).toEqual(bySort(scores, 100));
	});
});
