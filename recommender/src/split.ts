import { NumpyRandom } from './numpy-random.js';

/** Interactions as parallel arrays, one entry per distinct (user, item) pair. */
export interface Pairs {
	users: Int32Array;
	items: Int32Array;
	/** When the pair first occurred (any increasing unit); only the temporal split reads it. */
	times: Float64Array;
}

export interface SplitOptions {
	/** 'random' (default): a random part of each user's pairs is held out; 'temporal': the latest. */
	kind?: 'random' | 'temporal';
	/** Share of each user's pairs held out, 0.2 by default. */
	testFraction?: number;
	seed?: number;
}

export interface Split {
	train: Pairs;
	test: Pairs;
}

/** numpy's rint: round half to even. */
function roundHalfEven(x: number): number {
	const r = Math.round(x);
	return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** How many of a user's n pairs stay in training: round((1 - f) * n), at least 1. */
export function trainSize(n: number, testFraction: number): number {
	return n === 1 ? 1 : Math.max(1, roundHalfEven((1 - testFraction) * n));
}

/**
 * The per-user hold-out of recsys_ref.py. Every pair gets one uniform draw (numpy's
 * default_rng(seed).random, in input order); each user's pairs are ordered by that draw (random)
 * or by time with the draw breaking ties (temporal); the first round((1 - f) * n) stay in
 * training and the rest are held out. Users with a single pair are training-only. Given pairs in
 * the reference's order (sorted by user then item, as numpy's unique leaves them), the split is
 * identical to Python's.
 */
export function splitPerUser(pairs: Pairs, options: SplitOptions = {}): Split {
	const { kind = 'random', testFraction = 0.2, seed = 42 } = options;
	const n = pairs.users.length;
	const draws = new NumpyRandom(seed).randomArray(n);
	const { users, items, times } = pairs;
	const order = Array.from({ length: n }, (_, e) => e).sort((a, b) => {
		const byUser = (users[a] as number) - (users[b] as number);
		if (byUser !== 0) return byUser;
		if (kind === 'temporal') {
			const byTime = (times[a] as number) - (times[b] as number);
			if (byTime !== 0) return byTime;
		}
		return (draws[a] as number) - (draws[b] as number);
	});
	const isTrain = new Uint8Array(n);
	let trainCount = 0;
	for (let start = 0; start < n;) {
		let end = start + 1;
		while (end < n && users[order[end] as number] === users[order[start] as number]) end++;
		const keep = trainSize(end - start, testFraction);
		for (let t = start; t < start + keep; t++) isTrain[order[t] as number] = 1;
		trainCount += keep;
		start = end;
	}
	const pick = (wanted: number, size: number): Pairs => {
		const out = {
			users: new Int32Array(size),
			items: new Int32Array(size),
			times: new Float64Array(size)
		};
		let at = 0;
		for (const e of order) {
			if (isTrain[e] !== wanted) continue;
			out.users[at] = users[e] as number;
			out.items[at] = items[e] as number;
			out.times[at] = times[e] as number;
			at++;
		}
		return out;
	};
	return { train: pick(1, trainCount), test: pick(0, n - trainCount) };
}
