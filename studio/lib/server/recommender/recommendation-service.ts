import { randomFillSync } from 'node:crypto';
import {
	recommend,
	similarItems,
	type Product,
	type Reason,
	type Recommendation,
	type RecommendRequest
} from '@regulars/recommender';
import type { Db } from '../db/connect';
import { findVisitorCustomerId, listBestSellers } from '../offer/offer-repository';
import { catalogueOf, currencyOf, currentModel, type ServedModel } from './model-cache';
import { purchasesSince, recentProductsOf } from './serving-repository';
import type { CatalogueRow } from './training-repository';

export const MAX_RECOMMENDATIONS = 50;
const DAY = 86_400_000;
/** Fresh behaviour: what the shopper did in the last month, up to this many products. */
const RECENT_WINDOW_MS = 30 * DAY;
const RECENT_LIMIT = 30;
const BEST_SELLER_WINDOW_MS = 90 * DAY;
/** A purchase's default strength, so recent views compete with the trained history. */
const SESSION_WEIGHT = 5;

/**
 * A reason with the shop's ids (`sku` where the library says `itemId`) and that product's name,
 * ready for "Because you bought {name}".
 */
export type ApiReason = { kind: Reason['kind']; sku?: string; name?: string; category?: string };

export interface RecommendedItem {
	sku: string;
	name: string;
	category: string | null;
	priceMinor: number;
	currency: string;
	imageUrl: string | null;
	url: string | null;
	score: number;
	reason: ApiReason;
	source: Recommendation['source'] | 'best_seller';
}

export interface RecommendationList {
	/** Send it back with impressions and clicks (`recommendation_id`) for attribution. */
	recommendationId: string;
	placement: string;
	items: RecommendedItem[];
	model: { id: number; trainedAt: string } | null;
}

// Every answer needs a fresh id; asking the OS for 9 bytes each time costs more than the id is
// worth on the hot path, so the entropy comes from a refilled pool.
const ID_BYTES = 9;
const pool = Buffer.alloc(ID_BYTES * 512);
let poolAt = pool.length;

function recommendationId(): string {
	if (poolAt === pool.length) {
		randomFillSync(pool);
		poolAt = 0;
	}
	const id = pool.toString('base64url', poolAt, poolAt + ID_BYTES);
	poolAt += ID_BYTES;
	return `rec_${id}`;
}

function apiReason(reason: Reason): ApiReason {
	if ('itemId' in reason) return { kind: reason.kind, sku: reason.itemId };
	if ('category' in reason) return { kind: reason.kind, category: reason.category };
	return { kind: reason.kind };
}

function named(reason: ApiReason, catalogue: Map<string, CatalogueRow>): ApiReason {
	const name = reason.sku === undefined ? undefined : catalogue.get(reason.sku)?.name;
	return name === undefined ? reason : { ...reason, name };
}

/** The catalogue as the library's rules read it; hidden = not in the catalogue at all. */
function asProducts(catalogue: Map<string, CatalogueRow>): Map<string, Product> {
	const products = new Map<string, Product>();
	for (const [sku, row] of catalogue) {
		products.set(sku, {
			id: sku,
			...(row.category ? { category: row.category } : {}),
			price: row.priceMinor,
			inStock: row.inStock
		});
	}
	return products;
}

const productCache = new WeakMap<Map<string, CatalogueRow>, Map<string, Product>>();
function productsOf(catalogue: Map<string, CatalogueRow>): Map<string, Product> {
	let products = productCache.get(catalogue);
	if (!products) {
		products = asProducts(catalogue);
		productCache.set(catalogue, products);
	}
	return products;
}

interface Context {
	db: Db;
	workspaceId: number;
	served: ServedModel | null;
	catalogue: Map<string, CatalogueRow>;
	currency: string;
}

async function context(db: Db, workspaceId: number): Promise<Context | null> {
	const [served, catalogue, currency] = await Promise.all([
		currentModel(db, workspaceId),
		catalogueOf(db, workspaceId),
		currencyOf(db, workspaceId)
	]);
	if (currency === null) return null;
	return { db, workspaceId, served, catalogue, currency };
}

/** The model's picks as the API shows them; products gone from the catalogue are left out. */
function fromModel(ctx: Context, list: Recommendation[]): RecommendedItem[] {
	const items: RecommendedItem[] = [];
	for (const r of list) {
		const row = ctx.catalogue.get(r.itemId);
		if (!row) continue;
		items.push({
			sku: row.sku,
			name: row.name,
			category: row.category,
			priceMinor: row.priceMinor,
			currency: ctx.currency,
			imageUrl: row.imageUrl,
			url: row.url,
			score: Math.round(r.score * 1e6) / 1e6,
			reason: named(apiReason(r.reason), ctx.catalogue),
			source: r.source
		});
	}
	return items;
}

function present(ctx: Context, placement: string, items: RecommendedItem[]): RecommendationList {
	return {
		recommendationId: recommendationId(),
		placement,
		items,
		model: ctx.served
			? { id: ctx.served.id, trainedAt: new Date(ctx.served.trainedAt).toISOString() }
			: null
	};
}

/**
 * Before the first training: the workspace's best sellers, minus what the customer bought, so a
 * request still gets products. Read fresh from the orders, not from the cached catalogue.
 */
async function bestSellers(
	ctx: Context,
	n: number,
	excludeBoughtBy: number | null,
	now: number
): Promise<RecommendedItem[]> {
	const rows = await listBestSellers(ctx.db, ctx.workspaceId, {
		since: now - BEST_SELLER_WINDOW_MS,
		limit: n,
		excludeBoughtBy
	});
	return rows.map((row, i) => ({
		sku: row.sku,
		name: row.name,
		category: ctx.catalogue.get(row.sku)?.category ?? null,
		priceMinor: row.priceMinor,
		currency: ctx.currency,
		imageUrl: row.imageUrl,
		url: row.url,
		score: rows.length - i,
		reason: { kind: 'popular' },
		source: 'best_seller'
	}));
}

function run(ctx: Context, request: RecommendRequest, category: string | null): Recommendation[] {
	return recommend(ctx.served!.model, request, {
		catalogue: productsOf(ctx.catalogue),
		rules: category ? { categories: [category] } : {}
	});
}

/**
 * Recommendations for a customer known by the shop's own id (the tracking userId). Their latest
 * views, cart adds and purchases are read now and count at once, on top of the trained history.
 * An unknown id gets what a new visitor gets (popular products), not an error: shops ask for
 * customers who registered a second ago.
 */
export async function recommendForCustomer(
	db: Db,
	workspaceId: number,
	input: {
		userId: string | null;
		customerId?: number | null;
		n: number;
		placement: string;
		category: string | null;
	},
	now = Date.now()
): Promise<RecommendationList | null> {
	const ctx = await context(db, workspaceId);
	if (!ctx) return null;
	const customerId =
		input.customerId ??
		(input.userId
			? await findVisitorCustomerId(db, workspaceId, { userId: input.userId, anonymousId: null })
			: null);
	if (!ctx.served)
		return present(ctx, input.placement, await bestSellers(ctx, input.n, customerId, now));
	const [recent, bought] = customerId
		? await Promise.all([
				recentProductsOf(db, workspaceId, customerId, now - RECENT_WINDOW_MS, RECENT_LIMIT),
				purchasesSince(db, workspaceId, customerId, ctx.served.trainedAt)
			])
		: [[], []];
	const list = run(
		ctx,
		{
			n: input.n,
			...(customerId ? { userId: String(customerId) } : {}),
			sessionItems: recent,
			// What they look at now matters as much as what they bought before.
			sessionWeight: SESSION_WEIGHT,
			recentPurchases: bought,
			placement: input.placement,
			now
		},
		input.category
	);
	return present(ctx, input.placement, fromModel(ctx, list));
}

/** What an anonymous visitor's touched products suggest (most recent last). */
export async function recommendForSession(
	db: Db,
	workspaceId: number,
	input: { items: string[]; n: number; placement: string }
): Promise<RecommendationList | null> {
	const ctx = await context(db, workspaceId);
	if (!ctx) return null;
	if (!ctx.served)
		return present(ctx, input.placement, await bestSellers(ctx, input.n, null, Date.now()));
	return present(
		ctx,
		input.placement,
		fromModel(
			ctx,
			run(ctx, { n: input.n, sessionItems: input.items, placement: input.placement }, null)
		)
	);
}

export type ProductRecommendations =
	{ ok: true; list: RecommendationList } | { ok: false; error: { code: 'not_found' } };

/** Products like this one (the product page), or bought with it (the cart). */
export async function recommendForProduct(
	db: Db,
	workspaceId: number,
	input: { sku: string; n: number; kind: 'similar' | 'bought_together' }
): Promise<ProductRecommendations> {
	const ctx = await context(db, workspaceId);
	if (!ctx || !ctx.catalogue.has(input.sku)) return { ok: false, error: { code: 'not_found' } };
	const placement = input.kind === 'similar' ? 'product' : 'cart';
	if (!ctx.served) {
		const best = (await bestSellers(ctx, input.n + 1, null, Date.now())).filter(
			(item) => item.sku !== input.sku
		);
		return { ok: true, list: present(ctx, placement, best.slice(0, input.n)) };
	}
	const products = productsOf(ctx.catalogue);
	const list =
		input.kind === 'similar'
			? similarItems(ctx.served.model, input.sku, input.n, { catalogue: products })
			: recommend(
					ctx.served.model,
					{ n: input.n, cartItems: [input.sku], placement },
					{ catalogue: products }
				);
	return { ok: true, list: present(ctx, placement, fromModel(ctx, list)) };
}
