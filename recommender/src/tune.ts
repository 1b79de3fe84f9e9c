import { evaluateTopK } from './evaluate.js';
import {
	ITEM_KNN_DEFAULTS,
	itemKnnFromLists,
	itemNeighbourLists,
	scoreItemKnn,
	type ItemKnn,
	type ItemSimilarity
} from './item-knn.js';
import { csrFromTriplets } from './sparse.js';
import { splitPerUser, type Pairs } from './split.js';

/** Training pairs, optionally with strengths (1 when absent). */
export interface WeightedPairs extends Pairs {
	values?: Float32Array;
}

export interface TuneOptions {
	users: number;
	items: number;
	similarities?: readonly ItemSimilarity[];
	/** rp3beta's alpha candidates (cosine has none). */
	alphas?: readonly number[];
	ks?: readonly number[];
	betas?: readonly number[];
	/** How the validation part is held out of the training pairs. */
	validation?: 'random' | 'temporal';
	validationFraction?: number;
	seed?: number;
	/** Validation users scored per candidate, to bound tuning time on big shops. */
	maxUsers?: number;
	/** List length the candidates are compared at (nDCG@listLength). */
	listLength?: number;
}

export interface TunedItemKnn {
	model: ItemKnn;
	best: { similarity: ItemSimilarity; k: number; alpha: number; beta: number };
	/** Validation nDCG of every candidate, best first. */
	trials: { similarity: ItemSimilarity; k: number; alpha: number; beta: number; ndcg: number }[];
}

export const TUNE_DEFAULTS = {
	similarities: ['cosine', 'rp3beta'],
	alphas: [0.5],
	ks: [3, 5, 10, 25, 50, 100, 200],
	betas: [0, 0.3, 0.5]
} as const;

/**
 * Fits item-kNN with k, alpha and beta chosen on a validation split of the training pairs only.
 * The best neighbourhood size differs by an order of magnitude between shops (a gift shop whose
 * products come in families of variants wants 3 to 5; a film catalogue wants 50 to 100), so a
 * fixed default leaves accuracy behind on one or the other. Because neither k nor beta changes
 * which neighbours an item has or their order, each alpha costs one similarity pass at the
 * largest k; the other candidates are prefixes of it.
 */
export function tuneItemKnn(pairs: WeightedPairs, options: TuneOptions): TunedItemKnn {
	const {
		users,
		items,
		similarities = TUNE_DEFAULTS.similarities,
		alphas = TUNE_DEFAULTS.alphas,
		ks = TUNE_DEFAULTS.ks,
		betas = TUNE_DEFAULTS.betas,
		validation = 'random',
		validationFraction = 0.2,
		seed = 1,
		maxUsers = 1000,
		listLength = 10
	} = options;
	const values = pairs.values ?? new Float32Array(pairs.users.length).fill(1);
	const valueOf = new Map<number, number>();
	for (let e = 0; e < pairs.users.length; e++) {
		valueOf.set(
			(pairs.users[e] as number) * items + (pairs.items[e] as number),
			values[e] as number
		);
	}
	const split = splitPerUser(pairs, { kind: validation, testFraction: validationFraction, seed });
	const fitPart = split.train;
	const fitValues = Float32Array.from(fitPart.users, (u, e) => {
		return valueOf.get(u * items + (fitPart.items[e] as number)) ?? 1;
	});
	const x = csrFromTriplets(users, items, fitPart.users, fitPart.items, fitValues);

	// Score at most maxUsers validation users, spread evenly over all of them.
	const holdOutUsers = [...new Set(split.test.users)];
	const stride = Math.max(1, holdOutUsers.length / maxUsers);
	const chosen = new Set<number>();
	for (let t = 0; t < holdOutUsers.length; t += stride) {
		chosen.add(holdOutUsers[Math.floor(t)] as number);
	}
	const heldUsers: number[] = [];
	const heldItems: number[] = [];
	split.test.users.forEach((u, e) => {
		if (!chosen.has(u)) return;
		heldUsers.push(u);
		heldItems.push(split.test.items[e] as number);
	});
	const held = csrFromTriplets(
		users,
		items,
		heldUsers,
		heldItems,
		new Float32Array(heldUsers.length).fill(1)
	);

	const kMax = Math.max(...ks);
	const trials: TunedItemKnn['trials'] = [];
	const candidates = similarities.flatMap(
		(similarity): { similarity: ItemSimilarity; alpha: number }[] =>
			similarity === 'cosine'
				? [{ similarity, alpha: 1 }]
				: alphas.map((alpha) => ({ similarity, alpha }))
	);
	for (const { similarity, alpha } of candidates) {
		const lists = itemNeighbourLists(x, { similarity, alpha, k: kMax });
		for (const k of ks) {
			for (const beta of betas) {
				const model = itemKnnFromLists(lists, k, beta);
				const result = evaluateTopK(
					(u, scores) => {
						const s = x.indptr[u] as number;
						const e = x.indptr[u + 1] as number;
						scoreItemKnn(model, x.indices.subarray(s, e), x.values.subarray(s, e), scores);
					},
					x,
					held,
					listLength
				);
				trials.push({ similarity, k, alpha, beta, ndcg: result.ndcg });
			}
		}
	}
	// Ties go to the earlier (smaller, cheaper) candidate because the sort is stable.
	trials.sort((a, b) => b.ndcg - a.ndcg);
	const top = trials[0] ?? { ...ITEM_KNN_DEFAULTS, ndcg: 0 };
	const full = csrFromTriplets(users, items, pairs.users, pairs.items, values);
	const lists = itemNeighbourLists(full, {
		similarity: top.similarity,
		alpha: top.alpha,
		k: top.k
	});
	return {
		model: itemKnnFromLists(lists, top.k, top.beta),
		best: { similarity: top.similarity, k: top.k, alpha: top.alpha, beta: top.beta },
		trials
	};
}
