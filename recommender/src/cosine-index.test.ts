import { describe, expect, it } from 'vitest';
import { buildCosineIndex, csrFromTriplets, nearestRows, scoreUserKnn } from './index.js';

// Users as item vectors: u0 = {0, 1}, u1 = {0, 1, 2}, u2 = {2}, u3 = {3}.
const users = csrFromTriplets(
	4,
	4,
	[0, 0, 1, 1, 1, 2, 3],
	[0, 1, 0, 1, 2, 2, 3],
	[1, 1, 1, 1, 1, 1, 1]
);
const index = buildCosineIndex(users);

describe('cosine index', () => {
	it('finds the most cosine-similar rows through the inverted index', () => {
		const near = nearestRows(index, [0, 1], [1, 1], 10, 0);
		// cos(u0, u1) = 2 / (sqrt2 * sqrt3); u2, u3 share nothing with u0 and are left out.
		expect(near).toEqual([{ index: 1, score: 2 / (Math.SQRT2 * Math.sqrt(3)) }]);
		expect(nearestRows(index, [2], [1], 1)[0]?.index).toBe(2);
		expect(nearestRows(index, [], [], 3)).toEqual([]);
	});

	it('scores items by neighbours weighted by similarity', () => {
		const scores = new Float64Array(4);
		scoreUserKnn(index, [2], [1], 10, scores, 2);
		// Only u1 shares item 2: cos = 1 / sqrt3, and u1 holds 0, 1, 2.
		expect(Array.from(scores)).toEqual([1, 1, 1, 0].map((x) => x / Math.sqrt(3)));
	});
});
