/**
 * Top-K ranking metrics with binary relevance, defined exactly as the reference evaluation
 * (shared/bench/recsys_ref.py) defines them so both tables compare line for line.
 */
export interface RankingMetrics {
	/** hits / K */
	precision: number;
	/** hits / |relevant| */
	recall: number;
	/** DCG / ideal DCG, log2 discount, ideal over min(|relevant|, K) hits */
	ndcg: number;
	/** sum of precision at each hit / min(|relevant|, K) */
	map: number;
	/** the same sum / |relevant| (the normalisation Microsoft Recommenders' `map` uses) */
	mapMs: number;
	/** 1 if any hit */
	hr: number;
}

export const METRIC_NAMES = ['precision', 'recall', 'ndcg', 'map', 'mapMs', 'hr'] as const;

/**
 * Metrics for one ranked list (item indices, best first; only the first k are read) against the
 * user's relevant items. Returns all zeros when nothing is relevant, but such users are not
 * evaluated in the protocol.
 */
export function rankingMetrics(
	ranked: ArrayLike<number>,
	isRelevant: (item: number) => boolean,
	relevantCount: number,
	k: number
): RankingMetrics {
	const zero = { precision: 0, recall: 0, ndcg: 0, map: 0, mapMs: 0, hr: 0 };
	if (relevantCount <= 0 || k <= 0) return zero;
	let hits = 0;
	let dcg = 0;
	let apSum = 0;
	const n = Math.min(k, ranked.length);
	for (let r = 0; r < n; r++) {
		if (!isRelevant(ranked[r] as number)) continue;
		hits++;
		dcg += 1 / Math.log2(r + 2);
		apSum += hits / (r + 1);
	}
	let idcg = 0;
	for (let r = 0; r < Math.min(relevantCount, k); r++) idcg += 1 / Math.log2(r + 2);
	return {
		precision: hits / k,
		recall: hits / relevantCount,
		ndcg: dcg / idcg,
		map: apSum / Math.min(relevantCount, k),
		mapMs: apSum / relevantCount,
		hr: hits > 0 ? 1 : 0
	};
}

/** Running means of RankingMetrics over users. */
export class MetricsMean {
	private readonly sums: RankingMetrics = {
		precision: 0,
		recall: 0,
		ndcg: 0,
		map: 0,
		mapMs: 0,
		hr: 0
	};
	count = 0;

	add(m: RankingMetrics): void {
		for (const name of METRIC_NAMES) this.sums[name] += m[name];
		this.count++;
	}

	mean(): RankingMetrics {
		const n = Math.max(1, this.count);
		const out = { ...this.sums };
		for (const name of METRIC_NAMES) out[name] /= n;
		return out;
	}
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half (Mann-Whitney U with mid-ranks). NaN when either class is
 * empty, since the question has no answer then.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>): number {
	const n = scores.length;
	if (labels.length !== n) throw new RangeError('scores and labels differ in length');
	const order = Array.from({ length: n }, (_, i) => i).sort(
		(a, b) => (scores[a] as number) - (scores[b] as number)
	);
	let positives = 0;
	let rankSum = 0;
	for (let start = 0; start < n;) {
		let end = start + 1;
		while (end < n && scores[order[end] as number] === scores[order[start] as number]) end++;
		// Ranks are 1-based; a tie group shares the mean of its ranks.
		const midRank = (start + 1 + end) / 2;
		for (let t = start; t < end; t++) {
			if (labels[order[t] as number]) {
				positives++;
				rankSum += midRank;
			}
		}
		start = end;
	}
	const negatives = n - positives;
	if (positives === 0 || negatives === 0) return Number.NaN;
	return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
