import { describe, expect, it } from 'vitest';
import { csrFromTriplets, rowIndices, rowNorms, transpose, valueAt } from './index.js';

describe('csr', () => {
	it('sums duplicates, sorts columns and transposes', () => {
		const m = csrFromTriplets(2, 3, [1, 0, 1, 0], [2, 1, 0, 1], [5, 1, 2, 3]);
		expect(Array.from(m.indptr)).toEqual([0, 1, 3]);
		expect(Array.from(rowIndices(m, 1))).toEqual([0, 2]);
		expect(valueAt(m, 0, 1)).toBe(4);
		expect(valueAt(m, 0, 2)).toBe(0);
		const t = transpose(m);
		expect(t.rows).toBe(3);
		expect(valueAt(t, 2, 1)).toBe(5);
		expect(Array.from(rowNorms(m))).toEqual([4, Math.sqrt(29)]);
	});

	it('keeps the largest duplicate with combine = max', () => {
		const m = csrFromTriplets(1, 1, [0, 0, 0], [0, 0, 0], [3, 9, 1], 'max');
		expect(valueAt(m, 0, 0)).toBe(9);
	});

	it('rejects out-of-range cells', () => {
		expect(() => csrFromTriplets(1, 1, [1], [0], [1])).toThrow(RangeError);
	});
});
