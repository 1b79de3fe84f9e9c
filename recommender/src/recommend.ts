import { nearestRows } from './cosine-index.js';
import { DAY_MS } from './interactions.js';
import { scoreItemKnn } from './item-knn.js';
import { servingIndex, type RecommenderModel } from './model.js';
import { matches, passesFilters, type Product, type RecommendRules } from './rules.js';
import { valueAt, type Csr } from './sparse.js';
import { topK } from './top-k.js';

/**
 * Why a product is shown, as data: the studio renders it in English or Chinese
 * ("Because you bought X" / "因为您购买了 X").
 */
export type Reason =
	| { kind: 'because_bought'; itemId: string }
	| { kind: 'because_viewed'; itemId: string }
	| { kind: 'bought_together'; itemId: string }
	| { kind: 'similar_to'; itemId: string }
	| { kind: 'similar_customers' }
	| { kind: 'popular_in'; category: string }
	| { kind: 'trending' }
	| { kind: 'popular' }
	| { kind: 'pinned' }
	| { kind: 'featured' };

/** The candidate source a recommendation came from, in fallback-chain order. */
export type Source =
	| 'pinned'
	| 'bought_together'
	| 'item_knn'
	| 'user_knn'
	| 'popular_in_category'
	| 'trending'
	| 'popular'
	| 'catalogue';

export interface Recommendation {
	itemId: string;
	/** The source's own score (comparable only within one source). */
	score: number;
	source: Source;
	reason: Reason;
}

export interface RecommendRequest {
	/** How many products to return. */
	n: number;
	/** A known shopper; their history comes from the model. */
	userId?: string;
	/** Products touched in this session (anonymous visitors too), most recent last. */
	sessionItems?: readonly string[];
	/**
	 * How strongly a session item counts (default: a view's weight). Raising it lets what the
	 * shopper looks at right now outweigh older history.
	 */
	sessionWeight?: number;
	/** Products in the cart now: "frequently bought together" goes first. */
	cartItems?: readonly string[];
	/** Products bought after the model was trained: {itemId, at (ms)}. */
	recentPurchases?: readonly { itemId: string; at: number }[];
	/** Which placement's pin/boost/bury rules apply. */
	placement?: string;
	/** Milliseconds; defaults to now. */
	now?: number;
}

export interface RecommendContext {
	/** Products by id; when given, only products in it are recommended. */
	catalogue?: ReadonlyMap<string, Product>;
	rules?: RecommendRules;
}

interface Candidate {
	itemId: string;
	/** The model's index for the item, -1 for products the model has never seen. */
	item: number;
	score: number;
	source: Source;
	/** Scored sources explain only the few products that are shown, so the reason waits. */
	reason: Reason | ((item: number) => Reason);
}

/**
 * Personal recommendations with a fallback chain, so that a request returns `n` products
 * whenever enough products pass the rules: frequently bought with the cart -> item-kNN on the
 * shopper's history and session -> user-kNN (similar customers) -> popular in the shopper's
 * categories -> trending -> all-time popular -> the rest of the catalogue. Every source passes
 * the same filters; boosts reorder within a source, buried products come only after all other
 * candidates, pins take their slots, and the per-category cap is a hard limit throughout.
 */
export function recommend(
	model: RecommenderModel,
	request: RecommendRequest,
	context: RecommendContext = {}
): Recommendation[] {
	const index = servingIndex(model);
	const rules = context.rules ?? {};
	const catalogue = context.catalogue;
	const n = Math.max(0, Math.floor(request.n));
	if (!(n > 0)) return [];
	const now = request.now ?? Date.now();
	const placementRules = (request.placement && rules.placements?.[request.placement]) || [];
	const items = model.itemIds.length;

	// The shopper's history: the model's row plus this session's items (at view strength).
	const user = request.userId === undefined ? undefined : index.users.get(request.userId);
	const history = new Map<number, number>();
	if (user !== undefined) {
		const { indptr, indices, values } = model.strengths;
		for (let p = indptr[user] as number; p < (indptr[user + 1] as number); p++) {
			history.set(indices[p] as number, values[p] as number);
		}
	}
	const viewWeight = request.sessionWeight ?? model.weights['view'] ?? 1;
	const sessionIds = new Set(request.sessionItems ?? []);
	const sessionItems = new Set<number>();
	for (const id of sessionIds) {
		const i = index.items.get(id);
		if (i === undefined) continue;
		sessionItems.add(i);
		history.set(i, (history.get(i) ?? 0) + viewWeight);
	}
	const cartIds = new Set(request.cartItems ?? []);

	// Bought within the window: the model's purchases and any reported since training. Flags over
	// the model's items, because the ranking filters ask once per candidate product.
	const windowDays = rules.excludeBoughtWithinDays ?? Number.POSITIVE_INFINITY;
	const boughtItem = new Uint8Array(items);
	const boughtUnseen = new Set<string>();
	if (windowDays > 0) {
		const since = now - windowDays * DAY_MS;
		if (user !== undefined) {
			const { indptr, indices, values } = model.purchases;
			for (let p = indptr[user] as number; p < (indptr[user + 1] as number); p++) {
				if ((values[p] as number) * DAY_MS >= since) boughtItem[indices[p] as number] = 1;
			}
		}
		for (const { itemId, at } of request.recentPurchases ?? []) {
			if (at < since) continue;
			const i = index.items.get(itemId);
			if (i === undefined) boughtUnseen.add(itemId);
			else boughtItem[i] = 1;
		}
	}

	const categoryOf = (itemId: string, item: number): string | undefined => {
		const fromCatalogue = catalogue?.get(itemId)?.category;
		if (fromCatalogue !== undefined || item < 0) return fromCatalogue;
		const c = model.itemCategory[item] as number;
		return c >= 0 ? model.categories[c] : undefined;
	};
	/** `item` is the model's index for `itemId`, -1 for products the model has never seen. */
	const shows = (itemId: string, item: number): boolean =>
		(item >= 0 ? boughtItem[item] === 0 : !boughtUnseen.has(itemId)) &&
		passesFilters(itemId, catalogue?.get(itemId), catalogue !== undefined, rules);
	// Products in the session or cart are what the shopper is looking at already.
	const allowed = (itemId: string, item: number): boolean =>
		!sessionIds.has(itemId) && !cartIds.has(itemId) && shows(itemId, item);
	// Split once: most placements have no rules, and the scoring loops below ask per product.
	const boosts = placementRules.flatMap((r) => (r.kind === 'boost' ? [r] : []));
	const buries = placementRules.filter((r) => r.kind === 'bury');
	const boostFactors = (itemId: string, item: number): number[] =>
		boosts.length === 0
			? []
			: boosts.flatMap((rule) =>
					matches(rule.match, itemId, categoryOf(itemId, item)) ? [rule.factor] : []
				);
	const isBuried = (itemId: string, item: number): boolean =>
		buries.length > 0 &&
		buries.some((rule) => matches(rule.match, itemId, categoryOf(itemId, item)));

	// Pins first, so the other sources know how many slots are left.
	const pins = placementRules
		.flatMap((r) => (r.kind === 'pin' ? [r] : []))
		.filter(
			(pin) => shows(pin.itemId, index.items.get(pin.itemId) ?? -1) && !cartIds.has(pin.itemId)
		)
		.sort((a, b) => a.position - b.position);
	const pinnedIds = new Set(pins.map((p) => p.itemId));
	const slots = Math.max(0, n - pinnedIds.size);

	const chosen: Candidate[] = [];
	const taken = new Set<string>(pinnedIds);
	const buried = new Map<string, Candidate>();
	const perCategory = new Map<string, number>();
	const capOk = (c: Candidate): boolean => {
		const category = categoryOf(c.itemId, c.item);
		return (
			rules.maxPerCategory === undefined ||
			category === undefined ||
			(perCategory.get(category) ?? 0) < rules.maxPerCategory
		);
	};
	const take = (c: Candidate): void => {
		chosen.push(c);
		taken.add(c.itemId);
		const category = categoryOf(c.itemId, c.item);
		if (category !== undefined) perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
	};
	const offer = (candidates: Iterable<Candidate>): void => {
		for (const c of candidates) {
			if (chosen.length >= slots) return;
			if (taken.has(c.itemId) || buried.has(c.itemId) || !allowed(c.itemId, c.item)) continue;
			if (isBuried(c.itemId, c.item)) buried.set(c.itemId, c);
			else if (capOk(c)) take(c);
		}
	};
	// A scored source: boost, then the best few that pass the filters, best first.
	const fromScores = (
		scores: Float64Array,
		source: Source,
		reasonOf: (item: number) => Reason
	): Candidate[] => {
		for (let i = 0; boosts.length > 0 && i < items; i++) {
			const s = scores[i] as number;
			if (!(s > 0)) continue;
			for (const factor of boostFactors(model.itemIds[i] as string, i)) scores[i] = s * factor;
		}
		// Enough to survive the category cap and buried rules without ranking the whole catalogue.
		const wanted = Math.max(4 * slots, 50);
		const excluded = (i: number): boolean =>
			!((scores[i] as number) > 0) || !allowed(model.itemIds[i] as string, i);
		return topK(scores, wanted, excluded).map(({ index: item, score }) => ({
			itemId: model.itemIds[item] as string,
			item,
			score,
			source,
			reason: reasonOf
		}));
	};
	// A ranked source: the model's popularity orders, optionally within one category. Boosted
	// products go first (a ranking has no scores to multiply), each part in rank order.
	const boosting = boosts.length > 0;
	function* fromOrder(
		order: Int32Array,
		source: Source,
		reason: Reason,
		keep?: (itemId: string, item: number) => boolean
	): Generator<Candidate> {
		for (const boostedPass of boosting ? [true, false] : [false]) {
			for (let rank = 0; rank < order.length; rank++) {
				const item = order[rank] as number;
				const itemId = model.itemIds[item] as string;
				if (keep && !keep(itemId, item)) continue;
				if (boosting && boostFactors(itemId, item).some((f) => f > 1) !== boostedPass) continue;
				yield { itemId, item, score: order.length - rank, source, reason };
			}
		}
	}

	const cart = [...cartIds].flatMap((id) => {
		const i = index.items.get(id);
		return i === undefined ? [] : [i];
	});
	if (cart.length > 0 && chosen.length < slots) {
		const scores = new Float64Array(items);
		const bestFrom = new Int32Array(items).fill(-1);
		for (const a of cart) addRow(model.fbt, a, 1, scores, bestFrom);
		offer(
			fromScores(scores, 'bought_together', (i) => ({
				kind: 'bought_together',
				itemId: model.itemIds[bestFrom[i] as number] as string
			}))
		);
	}
	const historyItems = Int32Array.from(history.keys());
	const historyStrengths = Float64Array.from(history.values());
	if (history.size > 0 && chosen.length < slots) {
		const scores = new Float64Array(items);
		scoreItemKnn(model.itemKnn, historyItems, historyStrengths, scores);
		offer(
			fromScores(scores, 'item_knn', (i) => explain(model, i, historyItems, historyStrengths, user))
		);
	}
	if (history.size > 0 && chosen.length < slots) {
		const scores = new Float64Array(items);
		const neighbours = nearestRows(
			index.userIndex,
			historyItems,
			historyStrengths,
			model.userK,
			user ?? -1
		);
		for (const { index: v, score: sim } of neighbours) addRow(model.strengths, v, sim, scores);
		offer(fromScores(scores, 'user_knn', () => ({ kind: 'similar_customers' })));
	}
	if (history.size > 0 && chosen.length < slots) {
		// The shopper's categories, most touched first.
		const weightByCategory = new Map<string, number>();
		history.forEach((w, i) => {
			const c = categoryOf(model.itemIds[i] as string, i);
			if (c !== undefined) weightByCategory.set(c, (weightByCategory.get(c) ?? 0) + w);
		});
		const ranked = [...weightByCategory.entries()].sort((a, b) => b[1] - a[1]);
		for (const [category] of ranked) {
			if (chosen.length >= slots) break;
			offer(
				fromOrder(
					model.popularOrder,
					'popular_in_category',
					{ kind: 'popular_in', category },
					(id, i) => categoryOf(id, i) === category
				)
			);
		}
	}
	// Trending only while it still means something: items with recent activity come first.
	offer(
		fromOrder(model.trendingOrder.subarray(0, Math.max(4 * slots, 50)), 'trending', {
			kind: 'trending'
		})
	);
	offer(fromOrder(model.popularOrder, 'popular', { kind: 'popular' }));
	if (catalogue !== undefined && chosen.length < slots) {
		// Products the model has never seen (new arrivals) are the last resort.
		const unseen: Candidate[] = [];
		for (const itemId of catalogue.keys()) {
			if (!index.items.has(itemId)) {
				unseen.push({
					itemId,
					item: -1,
					score: 0,
					source: 'catalogue',
					reason: { kind: 'featured' }
				});
			}
		}
		offer(unseen);
	}
	for (const c of buried.values()) {
		if (chosen.length >= slots) break;
		if (capOk(c)) take(c);
	}

	const result: Recommendation[] = chosen.map(({ itemId, item, score, source, reason }) => ({
		itemId,
		score,
		source,
		reason: typeof reason === 'function' ? reason(item) : reason
	}));
	for (const pin of pins) {
		const at = Math.min(Math.max(0, Math.floor(pin.position)), result.length);
		result.splice(at, 0, {
			itemId: pin.itemId,
			score: 0,
			source: 'pinned',
			reason: { kind: 'pinned' }
		});
	}
	return result.slice(0, n);
}

/** scores[c] += factor * m[r, c] over row r; records which row gave each column its best part. */
function addRow(
	m: Csr,
	r: number,
	factor: number,
	scores: Float64Array,
	bestFrom?: Int32Array
): void {
	for (let p = m.indptr[r] as number; p < (m.indptr[r + 1] as number); p++) {
		const c = m.indices[p] as number;
		const part = factor * (m.values[p] as number);
		scores[c] = (scores[c] as number) + part;
		if (bestFrom && (bestFrom[c] === -1 || part > bestPart(m, bestFrom[c] as number, c, factor))) {
			bestFrom[c] = r;
		}
	}
}

function bestPart(m: Csr, r: number, c: number, factor: number): number {
	return factor * valueAt(m, r, c);
}

/**
 * The reason for an item-kNN pick: the history item contributing most to its score, "bought"
 * when the shopper bought it and "viewed" otherwise.
 */
function explain(
	model: RecommenderModel,
	item: number,
	historyItems: Int32Array,
	historyStrengths: Float64Array,
	user: number | undefined
): Reason {
	let best = -1;
	let bestPart = 0;
	for (let t = 0; t < historyItems.length; t++) {
		const j = historyItems[t] as number;
		const part = (historyStrengths[t] as number) * valueAt(model.itemKnn.weights, j, item);
		if (part > bestPart) {
			bestPart = part;
			best = j;
		}
	}
	if (best < 0) return { kind: 'popular' };
	const itemId = model.itemIds[best] as string;
	const wasBought = user !== undefined && valueAt(model.purchases, user, best) > 0;
	return wasBought ? { kind: 'because_bought', itemId } : { kind: 'because_viewed', itemId };
}

/**
 * "Similar products" for a product page: the product's item-kNN neighbours, then (through the
 * same fallback chain as `recommend`) what its buyers' nearest customers took, its category's
 * best-sellers and the overall ones. Anonymous: no shopper history is involved.
 */
export function similarItems(
	model: RecommenderModel,
	itemId: string,
	n: number,
	context: RecommendContext & { placement?: string; now?: number } = {}
): Recommendation[] {
	const request: RecommendRequest = { n, sessionItems: [itemId] };
	if (context.placement !== undefined) request.placement = context.placement;
	if (context.now !== undefined) request.now = context.now;
	return recommend(model, request, context).map((r) =>
		r.reason.kind === 'because_viewed' ? { ...r, reason: { kind: 'similar_to', itemId } } : r
	);
}
