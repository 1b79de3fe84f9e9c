import { buildCosineIndex, type CosineIndex } from './cosine-index.js';
import { fitFrequentlyBoughtTogether, type FbtOptions } from './fbt.js';
import {
	buildInteractions,
	DEFAULT_WEIGHTS,
	type InteractionEvent,
	type InteractionOptions
} from './interactions.js';
import { fitItemKnn, type ItemKnn, type ItemKnnOptions } from './item-knn.js';
import { popularityScores, rankByScore } from './popularity.js';
import type { Csr } from './sparse.js';
import { tuneItemKnn } from './tune.js';

/**
 * Everything a recommendation request needs, as plain data and typed arrays so that a worker
 * thread can fit it, `serialize` can store it, and every instance serves the same snapshot.
 */
export interface RecommenderModel {
	version: 1;
	trainedAt: number;
	userIds: string[];
	itemIds: string[];
	/** Strength per event kind the model was trained with (session items use `view`'s). */
	weights: Record<string, number>;
	/** users x items strengths: known shoppers' histories. */
	strengths: Csr;
	/** users x items: last purchase day (days since the epoch). */
	purchases: Csr;
	itemKnn: ItemKnn;
	/** Neighbourhood size of the user-kNN candidate source. */
	userK: number;
	/** All-time best-sellers and trending items, as item indices best first. */
	popularOrder: Int32Array;
	trendingOrder: Int32Array;
	/** Item -> category index (-1 = none), from the catalogue at training time. */
	itemCategory: Int32Array;
	categories: string[];
	/** items x items lift of frequently bought together. */
	fbt: Csr;
	/** What tuning chose, for display. */
	itemKnnParams: Record<string, number | string>;
}

export interface FitOptions extends InteractionOptions {
	/** Item-kNN settings, or 'auto' (default) to choose them on a validation split. */
	itemKnn?: ItemKnnOptions | 'auto';
	userK?: number;
	/** Half-life of "trending" in days; "popular" has none. */
	trendingHalfLifeDays?: number;
	fbt?: FbtOptions;
	/** Product id -> category, so the model can answer "popular in Y". */
	categories?: ReadonlyMap<string, string>;
	/** Catalogue products to include even without events. */
	items?: readonly string[];
}

/** Trains item-kNN, user-kNN's index inputs, popularity, trending and FBT from events. */
export function fitRecommender(
	events: readonly InteractionEvent[],
	options: FitOptions = {}
): RecommenderModel {
	const weights = { ...(options.weights ?? DEFAULT_WEIGHTS) };
	const interactions = buildInteractions(events, options, options.items ?? []);
	const { userIds, itemIds, strengths, purchases, now } = interactions;
	const itemIndex = new Map(itemIds.map((id, i) => [id, i]));

	let itemKnn: ItemKnn;
	let itemKnnParams: Record<string, number | string>;
	const knnOptions = options.itemKnn ?? 'auto';
	if (knnOptions === 'auto' && strengths.indices.length >= 50) {
		const tuned = tuneItemKnn(csrPairs(strengths), {
			users: userIds.length,
			items: itemIds.length
		});
		itemKnn = tuned.model;
		itemKnnParams = { ...tuned.best, validationNdcg: tuned.trials[0]?.ndcg ?? 0 };
	} else {
		const chosen = knnOptions === 'auto' ? {} : knnOptions;
		itemKnn = fitItemKnn(strengths, chosen);
		itemKnnParams = { ...chosen };
	}

	const categoryIndex = new Map<string, number>();
	const itemCategory = new Int32Array(itemIds.length).fill(-1);
	itemIds.forEach((id, i) => {
		const category = options.categories?.get(id);
		if (category === undefined) return;
		if (!categoryIndex.has(category)) categoryIndex.set(category, categoryIndex.size);
		itemCategory[i] = categoryIndex.get(category) as number;
	});

	const orders = new Map<string, number[]>();
	const purchaseTypes = new Set(options.purchaseTypes ?? ['purchase']);
	for (const e of events) {
		if (e.orderId === undefined || !purchaseTypes.has(e.type)) continue;
		const basket = orders.get(e.orderId) ?? [];
		basket.push(itemIndex.get(e.itemId) as number);
		orders.set(e.orderId, basket);
	}

	return {
		version: 1,
		trainedAt: now,
		userIds,
		itemIds,
		weights,
		strengths,
		purchases,
		itemKnn,
		userK: options.userK ?? 50,
		popularOrder: rankByScore(popularityScores(events, itemIndex, { weights, now })),
		trendingOrder: rankByScore(
			popularityScores(events, itemIndex, {
				weights,
				now,
				halfLifeDays: options.trendingHalfLifeDays ?? 7
			})
		),
		itemCategory,
		categories: [...categoryIndex.keys()],
		fbt: fitFrequentlyBoughtTogether([...orders.values()], itemIds.length, options.fbt),
		itemKnnParams
	};
}

/** A CSR matrix's cells as pairs (time = strength rank is irrelevant: random validation). */
function csrPairs(m: Csr): {
	users: Int32Array;
	items: Int32Array;
	times: Float64Array;
	values: Float32Array;
} {
	const users = new Int32Array(m.indices.length);
	for (let r = 0; r < m.rows; r++) users.fill(r, m.indptr[r], m.indptr[r + 1]);
	return {
		users,
		items: m.indices.slice(),
		times: new Float64Array(m.indices.length),
		values: m.values.slice()
	};
}

/** Lookup structures rebuilt from a model (after fitting or loading); not part of snapshots. */
export interface ServingIndex {
	users: Map<string, number>;
	items: Map<string, number>;
	userIndex: CosineIndex;
	categories: Map<string, number>;
}

const serving = new WeakMap<RecommenderModel, ServingIndex>();

/** The model's id maps and user-kNN index, built once per model object. */
export function servingIndex(model: RecommenderModel): ServingIndex {
	let index = serving.get(model);
	if (index === undefined) {
		index = {
			users: new Map(model.userIds.map((id, u) => [id, u])),
			items: new Map(model.itemIds.map((id, i) => [id, i])),
			userIndex: buildCosineIndex(model.strengths),
			categories: new Map(model.categories.map((c, i) => [c, i]))
		};
		serving.set(model, index);
	}
	return index;
}
