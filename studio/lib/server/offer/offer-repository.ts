import type { Db } from '../db/connect';
import { readJson } from '../db/json';

export async function findWorkspaceCurrency(db: Db, workspaceId: number): Promise<string | null> {
	const row = await db
		.selectFrom('workspace')
		.select('currency')
		.where('id', '=', workspaceId)
		.executeTakeFirst();
	return row?.currency ?? null;
}

/** The profile behind a visitor: the shop's user id wins over the anonymous id's identity link. */
export async function findVisitorCustomerId(
	db: Db,
	workspaceId: number,
	visitor: { userId: string | null; anonymousId: string | null }
): Promise<number | null> {
	if (visitor.userId) {
		const row = await db
			.selectFrom('customer')
			.select('id')
			.where('workspace_id', '=', workspaceId)
			.where('external_id', '=', visitor.userId)
			.executeTakeFirst();
		if (row) return row.id;
	}
	if (visitor.anonymousId) {
		const row = await db
			.selectFrom('identity')
			.select('customer_id')
			.where('workspace_id', '=', workspaceId)
			.where('anonymous_id', '=', visitor.anonymousId)
			.executeTakeFirst();
		if (row) return row.customer_id;
	}
	return null;
}

export interface BestSellerRow {
	sku: string;
	name: string;
	priceMinor: number;
	imageUrl: string | null;
	url: string | null;
	units: number;
}

/**
 * In-stock products by units sold in completed orders placed since `since`, most first (SKU breaks
 * ties so the order is stable between requests). Products the customer has ever bought in a
 * completed order are left out when `excludeBoughtBy` is given.
 */
export async function listBestSellers(
	db: Db,
	workspaceId: number,
	options: { since: number; limit: number; excludeBoughtBy: number | null }
): Promise<BestSellerRow[]> {
	let query = db
		.selectFrom('order_line')
		.innerJoin('shop_order', 'shop_order.id', 'order_line.order_id')
		.innerJoin('product', 'product.id', 'order_line.product_id')
		.where('order_line.workspace_id', '=', workspaceId)
		.where('shop_order.workspace_id', '=', workspaceId)
		.where('product.workspace_id', '=', workspaceId)
		.where('shop_order.status', '=', 'completed')
		.where('shop_order.placed_at', '>=', options.since)
		.where('product.in_stock', '=', 1);
	const customerId = options.excludeBoughtBy;
	if (customerId !== null) {
		query = query.where('product.id', 'not in', (eb) =>
			eb
				.selectFrom('order_line as bought')
				.innerJoin('shop_order as mine', 'mine.id', 'bought.order_id')
				.select('bought.product_id')
				.where('mine.workspace_id', '=', workspaceId)
				.where('mine.customer_id', '=', customerId)
				.where('mine.status', '=', 'completed')
				.where('bought.product_id', 'is not', null)
		);
	}
	const rows = await query
		.select((eb) => [
			'product.sku',
			'product.name',
			'product.price_minor',
			'product.image_url',
			'product.url',
			eb.fn.sum<number>('order_line.quantity').as('units')
		])
		.groupBy([
			'product.id',
			'product.sku',
			'product.name',
			'product.price_minor',
			'product.image_url',
			'product.url'
		])
		.having((eb) => eb.fn.sum('order_line.quantity'), '>', 0)
		.orderBy('units', 'desc')
		.orderBy('product.sku', 'asc')
		.limit(options.limit)
		.execute();
	return rows.map((r) => ({
		sku: r.sku,
		name: r.name,
		priceMinor: Number(r.price_minor),
		imageUrl: r.image_url,
		url: r.url,
		units: Number(r.units)
	}));
}

export interface JourneyOfferRow {
	id: number;
	content: { title?: unknown; body?: unknown; skus?: unknown };
	expiresAt: number;
}

/** A customer's unexpired on-site offers from journeys for a placement, newest first. */
export async function activeJourneyOffers(
	db: Db,
	workspaceId: number,
	customerId: number,
	placement: string,
	now: number
): Promise<JourneyOfferRow[]> {
	const rows = await db
		.selectFrom('journey_offer')
		.select(['id', 'content', 'expires_at as expiresAt'])
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', customerId)
		.where('placement', '=', placement)
		.where('expires_at', '>', now)
		.orderBy('id', 'desc')
		.limit(5)
		.execute();
	return rows.map((r) => ({
		id: Number(r.id),
		expiresAt: Number(r.expiresAt),
		content: readJson<JourneyOfferRow['content']>(r.content, {})
	}));
}
