import type { InteractionEvent } from './interactions.js';
import { MetricsMean, rankingMetrics, type RankingMetrics } from './metrics.js';
import { fitRecommender, type FitOptions, type RecommenderModel } from './model.js';
import { recommend } from './recommend.js';
import { serialize } from './snapshot.js';

/** How the model did on the purchases it had not seen (the latest part of the history). */
export interface HoldoutMetrics extends RankingMetrics {
	k: number;
	usersEvaluated: number;
	/** Distinct products in all the lists / products the model knows. */
	coverage: number;
	/** Purchases at or after this time (ms) were held out. */
	cutoff: number;
}

export interface TrainingResult {
	snapshot: Uint8Array;
	/** Null when the history is too short to hold any of it out. */
	metrics: HoldoutMetrics | null;
	stats: {
		events: number;
		users: number;
		items: number;
		fitMs: number;
		evaluateMs: number;
		itemKnn: Record<string, number | string>;
	};
}

export interface TrainOptions extends FitOptions {
	/** Share of the purchase timeline held out for the evaluation (default 0.1: the latest 10%). */
	holdoutShare?: number;
	/** List length the metrics are computed at (default 10). */
	k?: number;
	/** At most this many shoppers are scored in the evaluation, spread evenly (default 2,000). */
	maxEvaluatedUsers?: number;
	/** A clock for the timings; this module stays free of host APIs. */
	clock?: () => number;
}

export type TrainingProgress = (stage: 'evaluating' | 'training' | 'saving', share: number) => void;

/**
 * Fits the serving model on every event and measures, first, a model fitted without the latest
 * purchases against those purchases: "would it have recommended what they bought next?", through
 * `recommend` itself, so the figure covers the rules and fallbacks a shopper actually meets.
 */
export function trainAndEvaluate(
	events: readonly InteractionEvent[],
	options: TrainOptions = {},
	progress: TrainingProgress = () => {}
): TrainingResult {
	const clock = options.clock ?? (() => 0);
	const k = options.k ?? 10;
	const purchaseTypes = new Set(options.purchaseTypes ?? ['purchase']);

	progress('evaluating', 0);
	const t0 = clock();
	const metrics = holdout(events, options, purchaseTypes, k);
	const evaluateMs = clock() - t0;

	progress('training', 0.5);
	const t1 = clock();
	const model = fitRecommender(events, options);
	const fitMs = clock() - t1;

	progress('saving', 0.9);
	return {
		snapshot: serialize(model),
		metrics,
		stats: {
			events: events.length,
			users: model.userIds.length,
			items: model.itemIds.length,
			fitMs,
			evaluateMs,
			itemKnn: model.itemKnnParams
		}
	};
}

function holdout(
	events: readonly InteractionEvent[],
	options: TrainOptions,
	purchaseTypes: ReadonlySet<string>,
	k: number
): HoldoutMetrics | null {
	const times = events
		.filter((e) => purchaseTypes.has(e.type))
		.map((e) => e.at)
		.sort((a, b) => a - b);
	if (times.length < 20) return null;
	const cutoff = times[Math.floor(times.length * (1 - (options.holdoutShare ?? 0.1)))] as number;
	const train = events.filter((e) => e.at < cutoff);
	if (!train.length) return null;
	const model: RecommenderModel = fitRecommender(train, options);

	// What each known shopper bought after the cutoff and had not bought before it.
	const before = new Set(
		train.filter((e) => purchaseTypes.has(e.type)).map((e) => `${e.userId}\u0000${e.itemId}`)
	);
	const later = new Map<string, Set<string>>();
	for (const e of events) {
		if (e.at < cutoff || !purchaseTypes.has(e.type)) continue;
		if (before.has(`${e.userId}\u0000${e.itemId}`)) continue;
		const bought = later.get(e.userId) ?? new Set<string>();
		bought.add(e.itemId);
		later.set(e.userId, bought);
	}
	const known = new Set(model.userIds);
	const users = [...later.keys()].filter((u) => known.has(u)).sort();
	if (!users.length) return null;
	const step = Math.max(1, users.length / (options.maxEvaluatedUsers ?? 2000));
	const mean = new MetricsMean();
	const shown = new Set<string>();
	for (let x = 0; x < users.length; x += step) {
		const user = users[Math.floor(x)] as string;
		const relevant = later.get(user) as Set<string>;
		const list = recommend(model, { userId: user, n: k, now: cutoff }).map((r) => r.itemId);
		for (const id of list) shown.add(id);
		mean.add(
			rankingMetrics(
				list.map((_, i) => i),
				(i) => relevant.has(list[i] as string),
				relevant.size,
				k
			)
		);
	}
	return {
		...mean.mean(),
		k,
		usersEvaluated: mean.count,
		coverage: shown.size / Math.max(1, model.itemIds.length),
		cutoff
	};
}
