import type { Db } from '../db/connect';
import { productOf } from './training-repository';

/**
 * The products a customer looked at or put in the cart lately, oldest first, so the newest
 * behaviour counts even before the next training.
 */
export async function recentProductsOf(
	db: Db,
	workspaceId: number,
	customerId: number,
	since: number,
	limit: number
): Promise<string[]> {
	const rows = await db
		.selectFrom('event')
		.select(['properties'])
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', customerId)
		.where('timestamp', '>=', since)
		.where('name', 'in', ['Product Viewed', 'Product Added', 'Product Clicked'])
		.orderBy('timestamp', 'desc')
		.limit(limit)
		.execute();
	const skus: string[] = [];
	for (const row of rows.reverse()) {
		const sku = productOf(row.properties);
		if (sku) skus.push(sku);
	}
	return skus;
}

/** What the customer bought since `since` (after the model was trained), newest first. */
export async function purchasesSince(
	db: Db,
	workspaceId: number,
	customerId: number,
	since: number
): Promise<{ itemId: string; at: number }[]> {
	return db
		.selectFrom('order_line')
		.innerJoin('shop_order', 'shop_order.id', 'order_line.order_id')
		.select(['order_line.sku as itemId', 'shop_order.placed_at as at'])
		.where('shop_order.workspace_id', '=', workspaceId)
		.where('shop_order.customer_id', '=', customerId)
		.where('shop_order.status', '=', 'completed')
		.where('shop_order.placed_at', '>=', since)
		.orderBy('shop_order.placed_at', 'desc')
		.limit(200)
		.execute();
}
