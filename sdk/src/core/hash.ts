/**
 * Deterministic assignment: the one copy of the hash the SDK, the studio and the journey engine
 * share, so a shopper lands in the same variant on the storefront, in a journey split and in the
 * analysis. It is bit-for-bit GrowthBook's, so results can be checked against GrowthBook's own
 * SDKs and test cases. Pure and isomorphic: no DOM, no Node APIs.
 */

/** A half-open range [start, end) on the unit interval. */
export type BucketRange = [start: number, end: number];

/** The hashing scheme: GrowthBook's v2 (the default) or the legacy v1. */
export type HashVersion = 1 | 2;

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 16777619;

/**
 * 32-bit FNV-1a over UTF-16 code units rather than UTF-8 bytes, because that is what GrowthBook
 * (and every JavaScript port) hashes; for ASCII the two agree with the reference FNV-1a.
 * Math.imul keeps the multiplication exact modulo 2^32 (a plain `*` loses low bits past 2^53),
 * and `>>> 0` reads the int32 result back as unsigned.
 */
export function fnv1a(input: string): number {
	let h = FNV_OFFSET_BASIS;
	for (let i = 0; i < input.length; i++) {
		h ^= input.charCodeAt(i);
		h = Math.imul(h, FNV_PRIME);
	}
	return h >>> 0;
}

/**
 * Maps (seed, value) to a number in [0, 1).
 * v2 (GrowthBook's default) hashes the decimal string of a first hash, mixing the bits again
 * so inputs that differ only in their last characters, like sequential ids, still spread out.
 * v1 is kept only to reproduce assignments made under it. Resolution: v2 1/10000, v1 1/1000.
 */
export function hash(seed: string, value: string, version: HashVersion = 2): number {
	if (version === 1) return (fnv1a(value + seed) % 1000) / 1000;
	return (fnv1a(String(fnv1a(seed + value))) % 10000) / 10000;
}

// GrowthBook leaves weights that sum to 0.99..1.01 untouched; normalising those would move the
// bucket edges by a rounding error and re-bucket shoppers sitting on them.
const WEIGHT_TOLERANCE = 0.01;

/**
 * Cumulative ranges over [0, 1), one per variant, each shrunk to `coverage` of its weight so
 * that raising coverage later only adds shoppers and never moves one already assigned.
 * Negative or non-finite weights count as 0. Weights that do not sum to 1 are normalised (where
 * GrowthBook would fall back to equal weights); all-zero weights fall back to equal weights
 * because there is nothing to normalise.
 */
export function bucketRanges(weights: readonly number[], coverage = 1): BucketRange[] {
	const n = weights.length;
	if (n === 0) return [];
	// NaN coverage fails `> 0` and becomes 0: when in doubt, include nobody.
	const cover = coverage > 0 ? Math.min(coverage, 1) : 0;
	let clean = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
	const total = clean.reduce((sum, w) => sum + w, 0);
	if (total === 0) clean = clean.map(() => 1 / n);
	else if (Math.abs(total - 1) > WEIGHT_TOLERANCE) clean = clean.map((w) => w / total);

	let cumulative = 0;
	return clean.map((w): BucketRange => {
		const start = cumulative;
		cumulative += w;
		return [start, start + cover * w];
	});
}

/** Whether `n` falls in the half-open range, so adjacent ranges never both claim an edge. */
export function inRange(n: number, range: readonly [number, number]): boolean {
	return n >= range[0] && n < range[1];
}

/**
 * The index of the range containing `n`, or -1 when `n` falls outside coverage (the shopper is
 * not in the experiment and must see the default experience, not variant 0).
 */
export function chooseVariant(n: number, ranges: readonly (readonly [number, number])[]): number {
	for (let i = 0; i < ranges.length; i++) {
		const range = ranges[i];
		if (range && inRange(n, range)) return i;
	}
	return -1;
}
