import { describe, expect, it } from 'vitest';
import { csrFromTriplets, fitItemKnn, scoreItemKnn, valueAt, type Csr } from './index.js';

// users x items, binary: rows are users.
function matrix(rows: number[][], items: number): Csr {
	const r: number[] = [];
	const c: number[] = [];
	rows.forEach((row, u) => row.forEach((i) => (r.push(u), c.push(i))));
	return csrFromTriplets(rows.length, items, r, c, new Float32Array(r.length).fill(1));
}

// Items 0 and 1 share users 0, 1; item 2 has users 1, 2; item 3 only user 3.
const X = matrix([[0, 1], [0, 1, 2], [2], [3]], 4);

describe('item-kNN cosine', () => {
	it('computes cosine similarity between item columns', () => {
		const m = fitItemKnn(X, { similarity: 'cosine', k: 10, beta: 0 });
		// cos(0,1) = 2 / (sqrt2 * sqrt2) = 1; cos(1,2) = 1 / (sqrt2 * sqrt2) = 0.5.
		expect(valueAt(m.neighbours, 0, 1)).toBeCloseTo(1);
		expect(valueAt(m.neighbours, 2, 1)).toBeCloseTo(0.5);
		expect(valueAt(m.neighbours, 0, 2)).toBeCloseTo(0.5);
		// No co-occurrence, no neighbour; no self-similarity.
		expect(valueAt(m.neighbours, 3, 0)).toBe(0);
		expect(valueAt(m.neighbours, 0, 0)).toBe(0);
	});

	it('shrinks similarities of rarely co-occurring pairs', () => {
		const m = fitItemKnn(X, { similarity: 'cosine', k: 10, beta: 0, shrinkage: 2 });
		// 2 / (2 + 2) and 1 / (2 + 2).
		expect(valueAt(m.neighbours, 0, 1)).toBeCloseTo(0.5);
		expect(valueAt(m.neighbours, 0, 2)).toBeCloseTo(0.25);
	});

	it('keeps only the k nearest neighbours of each item', () => {
		const m = fitItemKnn(X, { similarity: 'cosine', k: 1, beta: 0 });
		// Item 0's neighbours are 1 (1.0) and 2 (0.5): only 1 stays.
		expect(valueAt(m.neighbours, 0, 1)).toBeCloseTo(1);
		expect(valueAt(m.neighbours, 0, 2)).toBe(0);
		// Item 2's are 0 and 1 at 0.5 each: the tie goes to the lower index.
		expect(valueAt(m.neighbours, 2, 0)).toBeCloseTo(0.5);
		expect(valueAt(m.neighbours, 2, 1)).toBe(0);
	});

	it('scores a basket as the sum of its items votes, weighted by strength', () => {
		const m = fitItemKnn(X, { similarity: 'cosine', k: 10, beta: 0 });
		const scores = new Float64Array(4);
		scoreItemKnn(m, [0], [2], scores);
		expect(Array.from(scores)).toEqual([0, 2, 1, 0]);
	});

	it('damps popular items with beta', () => {
		const plain = fitItemKnn(X, { similarity: 'cosine', k: 10, beta: 0 });
		const damped = fitItemKnn(X, { similarity: 'cosine', k: 10, beta: 1 });
		// Item 1 has 2 interactions: its incoming weights are halved.
		expect(valueAt(damped.neighbours, 1, 0)).toBeCloseTo(valueAt(plain.neighbours, 1, 0) / 2);
	});
});

describe('item-kNN rp3beta', () => {
	it('weights j -> i by the two-step random walk', () => {
		const m = fitItemKnn(X, { similarity: 'rp3beta', k: 10, alpha: 1, beta: 0 });
		// 2 -> 1: from item 2 to user 1 (1/2), user 1 to item 1 (1/3) = 1/6.
		expect(valueAt(m.weights, 2, 1)).toBeCloseTo(1 / 6);
		// 0 -> 1: via user 0 (1/2 * 1/2) + via user 1 (1/2 * 1/3) = 5/12.
		expect(valueAt(m.weights, 0, 1)).toBeCloseTo(5 / 12);
	});
});
