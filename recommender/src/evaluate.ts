import { MetricsMean, rankingMetrics, type RankingMetrics } from './metrics.js';
import { csrFromTriplets, type Csr } from './sparse.js';
import type { Pairs } from './split.js';
import { topK } from './top-k.js';

/** Fills `scores` (one slot per item, zeroed) for training-matrix row `user`. */
export type UserScorer = (user: number, scores: Float64Array) => void;

export interface Evaluation extends RankingMetrics {
	/** Distinct items in all top-K lists / items with at least one training interaction. */
	coverage: number;
	usersEvaluated: number;
	/** Milliseconds per evaluated user spent scoring, filtering and ranking. */
	msPerUser: number;
}

/** Binary users x items matrix of a set of pairs. */
export function pairsMatrix(pairs: Pairs, users: number, items: number): Csr {
	return csrFromTriplets(
		users,
		items,
		pairs.users,
		pairs.items,
		new Float32Array(pairs.users.length).fill(1)
	);
}

/**
 * The reference protocol: every user with a held-out item gets all items scored, their training
 * items removed, the top k taken (ties to the lower item index) and compared with the held-out
 * items under binary relevance. `clock` (e.g. performance.now) times the per-user work; it is a
 * parameter because this module stays free of host APIs.
 */
export function evaluateTopK(
	scorer: UserScorer,
	train: Csr,
	test: Csr,
	k: number,
	clock: () => number = () => 0
): Evaluation {
	const mean = new MetricsMean();
	const scores = new Float64Array(train.cols);
	const recommended = new Uint8Array(train.cols);
	let elapsed = 0;
	for (let u = 0; u < test.rows; u++) {
		const start = test.indptr[u] as number;
		const end = test.indptr[u + 1] as number;
		if (end === start) continue;
		const t0 = clock();
		scores.fill(0);
		scorer(u, scores);
		for (let p = train.indptr[u] as number; p < (train.indptr[u + 1] as number); p++) {
			scores[train.indices[p] as number] = Number.NEGATIVE_INFINITY;
		}
		const top = topK(scores, k).map((s) => s.index);
		elapsed += clock() - t0;
		for (const i of top) recommended[i] = 1;
		const relevant = test.indices.subarray(start, end);
		// Held-out items are sorted, so membership is a binary search.
		const isRelevant = (item: number): boolean => {
			let lo = 0;
			let hi = relevant.length - 1;
			while (lo <= hi) {
				const mid = (lo + hi) >> 1;
				const v = relevant[mid] as number;
				if (v === item) return true;
				if (v < item) lo = mid + 1;
				else hi = mid - 1;
			}
			return false;
		};
		mean.add(rankingMetrics(top, isRelevant, end - start, k));
	}
	let trainItems = 0;
	const hasTrain = new Uint8Array(train.cols);
	for (const i of train.indices) hasTrain[i] = 1;
	for (const flag of hasTrain) trainItems += flag;
	let covered = 0;
	for (const flag of recommended) covered += flag;
	return {
		...mean.mean(),
		coverage: covered / Math.max(1, trainItems),
		usersEvaluated: mean.count,
		msPerUser: elapsed / Math.max(1, mean.count)
	};
}
