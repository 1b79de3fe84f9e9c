import {
	decay,
	type InteractionEvent,
	type StrengthWeights,
	DEFAULT_WEIGHTS
} from './interactions.js';

/**
 * Item popularity: each event adds its strength, decayed by age when a half-life is given. With
 * a long (or no) half-life this is "best-sellers"; with a short one (a week) it is "trending".
 * Either is the cold-start answer for a shopper the models know nothing about.
 */
export function popularityScores(
	events: readonly InteractionEvent[],
	itemIndex: ReadonlyMap<string, number>,
	options: { weights?: StrengthWeights; halfLifeDays?: number; now: number }
): Float64Array {
	const weights = options.weights ?? DEFAULT_WEIGHTS;
	const scores = new Float64Array(itemIndex.size);
	for (const e of events) {
		const w = weights[e.type];
		const i = itemIndex.get(e.itemId);
		if (w === undefined || !(w > 0) || i === undefined) continue;
		scores[i] = (scores[i] as number) + w * decay(options.now - e.at, options.halfLifeDays);
	}
	return scores;
}

/** Item indices ordered by score, best first, ties to the lower index; zero scores included. */
export function rankByScore(scores: ArrayLike<number>): Int32Array {
	const order = Array.from({ length: scores.length }, (_, i) => i);
	order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
	return Int32Array.from(order);
}
