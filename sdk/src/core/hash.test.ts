import { describe, expect, it } from 'vitest';
import { bucketRanges, chooseVariant, fnv1a, hash, inRange } from './index.js';

// An independent FNV-1a: exact BigInt arithmetic instead of Math.imul, so a mistake in the
// 32-bit tricks cannot hide behind the same mistake in the expected values.
function referenceFnv1a(codeUnits: readonly number[]): number {
	let h = 0x811c9dc5n;
	for (const unit of codeUnits) {
		h ^= BigInt(unit);
		h = (h * 16777619n) % 2n ** 32n;
	}
	return Number(h);
}

const utf16 = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

describe('fnv1a', () => {
	it('matches the reference FNV-1a 32-bit vectors for ASCII', () => {
		expect(fnv1a('')).toBe(0x811c9dc5);
		expect(fnv1a('a')).toBe(0xe40c292c);
		expect(fnv1a('foobar')).toBe(0xbf9cf968);
	});

	it('hashes UTF-16 code units, surrogate halves included', () => {
		for (const s of ['常客', '😀', 'ü', 'Ⅻ-会员-🛒', '\ud800', 'x'.repeat(1000)]) {
			expect(fnv1a(s)).toBe(referenceFnv1a(utf16(s)));
		}
		// UTF-8 bytes of '常客' hash differently: the code-unit choice is what GrowthBook does.
		const utf8 = Array.from(new TextEncoder().encode('常客'));
		expect(fnv1a('常客')).not.toBe(referenceFnv1a(utf8));
	});

	it('returns an unsigned 32-bit integer', () => {
		for (let i = 0; i < 1000; i++) {
			const h = fnv1a(`user-${i}`);
			expect(Number.isInteger(h)).toBe(true);
			expect(h).toBeGreaterThanOrEqual(0);
			expect(h).toBeLessThan(2 ** 32);
		}
	});
});

describe('hash', () => {
	it('reproduces the published GrowthBook v2 vectors', () => {
		expect(hash('seed', 'a')).toBe(0.0505);
		expect(hash('seed', 'b')).toBe(0.2696);
		expect(hash('foo', 'ab')).toBe(0.2575);
		expect(hash('seed', 'a', 2)).toBe(0.0505);
	});

	it('reproduces the GrowthBook v1 vectors (value hashed before seed)', () => {
		const vectors: [string, number][] = [
			['a', 0.22],
			['b', 0.077],
			['ab', 0.946],
			['def', 0.652],
			['8952klfjas09ujkasdf', 0.549],
			['123', 0.011],
			['___)((*":&', 0.563]
		];
		for (const [value, expected] of vectors) expect(hash('', value, 1)).toBe(expected);
		// v1 concatenates value + seed, so moving characters between them is invisible.
		expect(hash('b', 'a', 1)).toBe(hash('', 'ab', 1));
	});

	it('hashes unicode ids deterministically, within [0, 1)', () => {
		const ids = ['常客', '顾客-001', '😀', 'Zoë', '\ud83d', ''];
		for (const id of ids) {
			const h = hash('exp-checkout', id);
			expect(h).toBeGreaterThanOrEqual(0);
			expect(h).toBeLessThan(1);
			expect(hash('exp-checkout', id)).toBe(h);
			expect(h).toBe((referenceFnv1a(utf16(String(fnv1a('exp-checkout' + id)))) % 10000) / 10000);
		}
		// A surrogate pair counts as two code units, not one code point.
		expect(hash('s', '😀')).toBe(hash('s', '\ud83d\ude00'));
	});

	it('stays in [0, 1) with v2 resolution of 1/10000', () => {
		for (let i = 0; i < 2000; i++) {
			const h = hash('seed', String(i));
			expect(h).toBeGreaterThanOrEqual(0);
			expect(h).toBeLessThanOrEqual(0.9999);
			expect(Math.round(h * 10000)).toBeCloseTo(h * 10000, 6);
		}
	});

	it('spreads 10k sequential ids evenly over 4 buckets', () => {
		const ranges = bucketRanges([0.25, 0.25, 0.25, 0.25]);
		const counts = [0, 0, 0, 0];
		for (let i = 0; i < 10_000; i++) {
			const variant = chooseVariant(hash('homepage-hero', `user-${i}`), ranges);
			counts[variant] = (counts[variant] ?? 0) + 1;
		}
		expect(counts.reduce((a, b) => a + b)).toBe(10_000);
		// Each count has sd ~43; 150 is 3.5 sd. Chi-square with 3 df: 16.27 is p = 0.001.
		for (const c of counts) expect(Math.abs(c - 2500)).toBeLessThan(150);
		const chiSquare = counts.reduce((sum, c) => sum + (c - 2500) ** 2 / 2500, 0);
		expect(chiSquare).toBeLessThan(16.27);
	});

	it('assigns independently across seeds', () => {
		// The same shopper must not land in the same half of every experiment.
		let agree = 0;
		for (let i = 0; i < 10_000; i++) {
			const id = `user-${i}`;
			if (hash('exp-a', id) < 0.5 === hash('exp-b', id) < 0.5) agree++;
		}
		expect(Math.abs(agree - 5000)).toBeLessThan(250);
	});
});

describe('bucketRanges', () => {
	it('builds cumulative ranges', () => {
		expect(bucketRanges([0.5, 0.5])).toEqual([
			[0, 0.5],
			[0.5, 1]
		]);
		expect(bucketRanges([0.2, 0.3, 0.5])).toEqual([
			[0, 0.2],
			[0.2, 0.5],
			[0.5, 1]
		]);
	});

	it('normalises weights that do not sum to 1', () => {
		expect(bucketRanges([1, 1])).toEqual([
			[0, 0.5],
			[0.5, 1]
		]);
		expect(bucketRanges([30, 70])).toEqual([
			[0, 0.3],
			[0.3, 1]
		]);
		expect(bucketRanges([0.1, 0.1])).toEqual([
			[0, 0.5],
			[0.5, 1]
		]);
	});

	it('keeps weights within GrowthBook tolerance of 1 as they are', () => {
		// 0.1 + 0.2 + 0.7 is 0.9999999999999999 in floating point; dividing by it would move edges.
		expect(bucketRanges([0.1, 0.2, 0.7])[1]).toEqual([0.1, 0.1 + 0.2]);
		expect(bucketRanges([0.4, 0.595])).toEqual([
			[0, 0.4],
			[0.4, 0.995]
		]);
	});

	it('shrinks each range by coverage without moving its start', () => {
		const ranges = bucketRanges([0.5, 0.5], 0.5);
		expect(ranges).toEqual([
			[0, 0.25],
			[0.5, 0.75]
		]);
		expect(chooseVariant(0.1, ranges)).toBe(0);
		expect(chooseVariant(0.3, ranges)).toBe(-1);
		expect(chooseVariant(0.6, ranges)).toBe(1);
		expect(chooseVariant(0.8, ranges)).toBe(-1);
		const weighted = bucketRanges([0.2, 0.3, 0.5], 0.2);
		expect(weighted[0]?.[1]).toBeCloseTo(0.04, 12);
		expect(weighted[1]?.[0]).toBeCloseTo(0.2, 12);
		expect(weighted[1]?.[1]).toBeCloseTo(0.26, 12);
		expect(weighted[2]?.[0]).toBeCloseTo(0.5, 12);
		expect(weighted[2]?.[1]).toBeCloseTo(0.6, 12);
	});

	it('only adds shoppers when coverage grows', () => {
		const low = bucketRanges([0.4, 0.6], 0.3);
		const high = bucketRanges([0.4, 0.6], 0.9);
		for (let i = 0; i < 5000; i++) {
			const n = hash('coverage', String(i));
			const before = chooseVariant(n, low);
			if (before !== -1) expect(chooseVariant(n, high)).toBe(before);
		}
	});

	it('clamps coverage to [0, 1] and treats NaN as 0', () => {
		expect(bucketRanges([0.5, 0.5], 0)).toEqual([
			[0, 0],
			[0.5, 0.5]
		]);
		expect(bucketRanges([0.5, 0.5], -0.2)).toEqual(bucketRanges([0.5, 0.5], 0));
		expect(bucketRanges([0.5, 0.5], Number.NaN)).toEqual(bucketRanges([0.5, 0.5], 0));
		expect(bucketRanges([0.5, 0.5], 1.5)).toEqual(bucketRanges([0.5, 0.5], 1));
		for (const range of bucketRanges([0.5, 0.5], 0))
			expect(chooseVariant(range[0], [range])).toBe(-1);
	});

	it('gives zero-weight variants an empty range', () => {
		const ranges = bucketRanges([0.5, 0, 0.5]);
		expect(ranges).toEqual([
			[0, 0.5],
			[0.5, 0.5],
			[0.5, 1]
		]);
		expect(chooseVariant(0.5, ranges)).toBe(2);
		for (let i = 0; i < 2000; i++) {
			expect(chooseVariant(hash('zero', String(i)), ranges)).not.toBe(1);
		}
	});

	it('falls back to equal weights when nothing is left to normalise', () => {
		const equal = bucketRanges([1 / 3, 1 / 3, 1 / 3]);
		expect(bucketRanges([0, 0, 0])).toEqual(equal);
		expect(bucketRanges([-1, Number.NaN, Number.POSITIVE_INFINITY])).toEqual(equal);
	});

	it('treats negative and non-finite weights as zero', () => {
		expect(bucketRanges([-1, 1, 1])).toEqual([
			[0, 0],
			[0, 0.5],
			[0.5, 1]
		]);
	});

	it('returns no ranges for no variants', () => {
		expect(bucketRanges([])).toEqual([]);
		expect(chooseVariant(0.3, bucketRanges([]))).toBe(-1);
	});

	it('covers the whole hash range at full coverage', () => {
		const ranges = bucketRanges([0.1, 0.2, 0.3, 0.4]);
		expect(chooseVariant(0, ranges)).toBe(0);
		expect(chooseVariant(0.9999, ranges)).toBe(3);
	});
});

describe('inRange and chooseVariant', () => {
	it('uses half-open ranges so an edge belongs to the next variant', () => {
		expect(inRange(0.5, [0, 0.5])).toBe(false);
		expect(inRange(0.5, [0.5, 1])).toBe(true);
		expect(inRange(0, [0, 0])).toBe(false);
		expect(chooseVariant(0.5, bucketRanges([0.5, 0.5]))).toBe(1);
	});

	it('returns -1 outside every range', () => {
		expect(chooseVariant(1, bucketRanges([0.5, 0.5]))).toBe(-1);
		expect(chooseVariant(-0.1, bucketRanges([0.5, 0.5]))).toBe(-1);
		expect(chooseVariant(Number.NaN, bucketRanges([0.5, 0.5]))).toBe(-1);
	});
});
