import { transpose, type Csr } from './sparse.js';
import { topK } from './top-k.js';

/** How item-to-item weights are computed. */
export type ItemSimilarity = 'cosine' | 'rp3beta';

export interface ItemKnnOptions {
	/** Neighbours kept per item: an item is scored only from its k nearest items. */
	k?: number;
	/** 'cosine', or 'rp3beta' (a random walk item -> user -> item; the default). */
	similarity?: ItemSimilarity;
	/** Cosine: added to the denominator so pairs seen together by few customers count less. */
	shrinkage?: number;
	/** rp3beta: exponent on the transition probabilities (1 = plain walk; lower flattens them). */
	alpha?: number;
	/**
	 * Divides every item's score by popularity^beta, so best-sellers do not fill every list
	 * (0 = off). Applies to both similarities.
	 */
	beta?: number;
}

export const ITEM_KNN_DEFAULTS = {
	k: 20,
	similarity: 'rp3beta',
	shrinkage: 0,
	alpha: 0.5,
	beta: 0.4
} as const satisfies Required<ItemKnnOptions>;

/**
 * A fitted item-based kNN model. `weights` is what scoring walks (row = an item the customer
 * touched, entries = the items it votes for and how much); `neighbours` is the same graph keyed
 * by the other end (row = an item, entries = its k nearest items), which serves "similar
 * products" and finds the item behind a recommendation's reason.
 */
export interface ItemKnn {
	items: number;
	weights: Csr;
	neighbours: Csr;
}

/**
 * Every item's best `k` neighbours before popularity damping, each row sorted best first (not by
 * column). Fitting this once at the largest k and cutting prefixes is what makes tuning k and
 * beta cheap: neither changes which neighbours an item has or their order.
 */
export interface NeighbourLists {
	k: number;
	/** Items' interaction totals, the popularity that beta damps. */
	popularity: Float64Array;
	ranked: Csr;
}

/**
 * Computes item-item similarities and keeps each item's k nearest (as the item being scored:
 * the reference evaluation's truncation). Co-occurrences are accumulated one item at a time
 * through the inverted index (item -> customers -> their items) into a dense scratch row, so
 * memory stays O(items) and the cost is the number of co-occurring pairs rather than the
 * catalogue squared.
 *
 * RP3beta weight j -> i = sum_u P(j -> u)^a P(u -> i)^a, with P(j -> u) = x_uj / sum_u x_uj and
 * P(u -> i) = x_ui / sum_i x_ui (Paudel et al. 2017); the popularity term comes later.
 */
export function itemNeighbourLists(userItems: Csr, options: ItemKnnOptions = {}): NeighbourLists {
	const o = { ...ITEM_KNN_DEFAULTS, ...options };
	const n = userItems.cols;
	const itemUsers = transpose(userItems);
	const cosine = o.similarity === 'cosine';
	const power = cosine ? 1 : o.alpha;
	const pow = (v: number): number => (power === 1 ? v : Math.pow(v, power));

	const popularity = new Float64Array(n);
	// Cosine: the item's norm. RP3beta: the item's out-probability normaliser.
	const itemScale = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let sum = 0;
		let sumSquares = 0;
		for (let p = itemUsers.indptr[i] as number; p < (itemUsers.indptr[i + 1] as number); p++) {
			const v = itemUsers.values[p] as number;
			sum += v;
			sumSquares += v * v;
		}
		popularity[i] = sum;
		itemScale[i] = cosine ? Math.sqrt(sumSquares) : sum > 0 ? 1 / pow(sum) : 0;
	}
	const userScale = new Float64Array(userItems.rows).fill(1);
	if (!cosine) {
		for (let u = 0; u < userItems.rows; u++) {
			let sum = 0;
			for (let p = userItems.indptr[u] as number; p < (userItems.indptr[u + 1] as number); p++) {
				sum += userItems.values[p] as number;
			}
			userScale[u] = sum > 0 ? 1 / pow(sum) : 0;
		}
	}

	// Raise every strength to alpha once, not once per co-occurring pair (Math.pow in the inner
	// loop was most of the fitting time).
	const powered = power === 1 ? userItems.values : userItems.values.map(pow);
	const poweredT = power === 1 ? itemUsers.values : itemUsers.values.map(pow);

	const acc = new Float64Array(n);
	const touched = new Int32Array(n);
	const seen = new Uint8Array(n);
	const candidate = new Float64Array(n);
	const outIndices: number[] = [];
	const outValues: number[] = [];
	const indptr = new Int32Array(n + 1);
	for (let i = 0; i < n; i++) {
		let count = 0;
		for (let p = itemUsers.indptr[i] as number; p < (itemUsers.indptr[i + 1] as number); p++) {
			const u = itemUsers.indices[p] as number;
			const wu = (poweredT[p] as number) * (userScale[u] as number);
			for (let q = userItems.indptr[u] as number; q < (userItems.indptr[u + 1] as number); q++) {
				const j = userItems.indices[q] as number;
				if (j === i) continue;
				if (seen[j] === 0) {
					seen[j] = 1;
					touched[count++] = j;
				}
				acc[j] = (acc[j] as number) + wu * (powered[q] as number);
			}
		}
		for (let t = 0; t < count; t++) {
			const j = touched[t] as number;
			const a = acc[j] as number;
			candidate[t] = cosine
				? a / ((itemScale[i] as number) * (itemScale[j] as number) + o.shrinkage)
				: a * (itemScale[j] as number);
			acc[j] = 0;
			seen[j] = 0;
		}
		for (const { index, score } of topK(candidate.subarray(0, count), o.k)) {
			if (!(score > 0)) continue;
			outIndices.push(touched[index] as number);
			outValues.push(score);
		}
		indptr[i + 1] = outIndices.length;
	}
	return {
		k: o.k,
		popularity,
		ranked: {
			rows: n,
			cols: n,
			indptr,
			indices: Int32Array.from(outIndices),
			values: Float32Array.from(outValues)
		}
	};
}

/** The model from neighbour lists cut to k per item, with popularity damping beta. */
export function itemKnnFromLists(lists: NeighbourLists, k: number, beta: number): ItemKnn {
	const { ranked, popularity } = lists;
	const n = ranked.rows;
	const indptr = new Int32Array(n + 1);
	for (let i = 0; i < n; i++) {
		const have = (ranked.indptr[i + 1] as number) - (ranked.indptr[i] as number);
		indptr[i + 1] = (indptr[i] as number) + Math.min(k, have);
	}
	const nnz = indptr[n] as number;
	const indices = new Int32Array(nnz);
	const values = new Float32Array(nnz);
	for (let i = 0; i < n; i++) {
		const from = ranked.indptr[i] as number;
		const start = indptr[i] as number;
		const damp = beta === 0 ? 1 : Math.pow(Math.max(popularity[i] as number, 1), -beta);
		for (let t = 0; t < (indptr[i + 1] as number) - start; t++) {
			indices[start + t] = ranked.indices[from + t] as number;
			values[start + t] = (ranked.values[from + t] as number) * damp;
		}
	}
	// Row i lists the items voting for i; scoring walks from the voters, so turn it around. Two
	// transposes also leave every row sorted by column, the order each Csr promises.
	const weights = transpose({ rows: n, cols: n, indptr, indices, values });
	return { items: n, weights, neighbours: transpose(weights) };
}

/** Fits item-kNN on a customers x items matrix of interaction strengths. */
export function fitItemKnn(userItems: Csr, options: ItemKnnOptions = {}): ItemKnn {
	const o = { ...ITEM_KNN_DEFAULTS, ...options };
	return itemKnnFromLists(itemNeighbourLists(userItems, o), o.k, o.beta);
}

/**
 * Adds each touched item's votes to `scores` (length = items): score(i) = sum over touched j of
 * strength(j) * weight(j -> i). The same for a known customer's history and for an anonymous
 * session's items.
 */
export function scoreItemKnn(
	model: ItemKnn,
	items: ArrayLike<number>,
	strengths: ArrayLike<number>,
	scores: Float64Array
): void {
	const { indptr, indices, values } = model.weights;
	for (let t = 0; t < items.length; t++) {
		const j = items[t] as number;
		const s = strengths[t] as number;
		for (let p = indptr[j] as number; p < (indptr[j + 1] as number); p++) {
			const i = indices[p] as number;
			scores[i] = (scores[i] as number) + s * (values[p] as number);
		}
	}
}
