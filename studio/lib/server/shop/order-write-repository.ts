import type { Db } from '../db/connect';

// Orders written from tracked e-commerce events. Idempotent on (workspace, order id): the first
// event for an order creates it and counts its money; retries and repeats change nothing.

export interface NewOrder {
	externalId: string;
	customerId: number;
	source: 'web' | 'pos' | 'import';
	totalMinor: number;
	currency: string;
	placedAt: number;
	lines: {
		productKeys: string[];
		sku: string;
		name: string;
		quantity: number;
		priceMinor: number;
	}[];
}

/** Product ids by sku, for the given skus of one workspace. */
export async function productIdsBySku(
	db: Db,
	workspaceId: number,
	skus: readonly string[]
): Promise<Map<string, number>> {
	const found = new Map<string, number>();
	if (!skus.length) return found;
	for (let i = 0; i < skus.length; i += 500) {
		const rows = await db
			.selectFrom('product')
			.select(['id', 'sku'])
			.where('workspace_id', '=', workspaceId)
			.where('sku', 'in', skus.slice(i, i + 500))
			.execute();
		for (const row of rows) found.set(row.sku, row.id);
	}
	return found;
}

/** Creates the order and its lines; false when an order with this id already exists. */
export async function insertOrderOnce(
	db: Db,
	workspaceId: number,
	order: NewOrder,
	productIds: Map<string, number>,
	now: number
): Promise<boolean> {
	const inserted = await db
		.insertInto('shop_order')
		.values({
			workspace_id: workspaceId,
			external_id: order.externalId,
			customer_id: order.customerId,
			source: order.source,
			status: 'completed',
			total_minor: order.totalMinor,
			currency: order.currency,
			placed_at: order.placedAt,
			created_at: now
		})
		.onConflict((oc) => oc.columns(['workspace_id', 'external_id']).doNothing())
		.returning('id')
		.executeTakeFirst();
	if (!inserted) return false;
	if (order.lines.length)
		await db
			.insertInto('order_line')
			.values(
				order.lines.map((line) => ({
					workspace_id: workspaceId,
					order_id: inserted.id,
					product_id:
						line.productKeys.map((key) => productIds.get(key)).find((id) => id !== undefined) ??
						null,
					sku: line.sku,
					name: line.name,
					quantity: line.quantity,
					price_minor: line.priceMinor
				}))
			)
			.execute();
	await db
		.updateTable('customer')
		.set((eb) => ({
			orders_count: eb('orders_count', '+', 1),
			revenue_minor: eb('revenue_minor', '+', order.totalMinor),
			first_order_at: eb
				.case()
				.when(eb.or([eb('first_order_at', 'is', null), eb('first_order_at', '>', order.placedAt)]))
				.then(order.placedAt)
				.else(eb.ref('first_order_at'))
				.end(),
			last_order_at: eb
				.case()
				.when(eb.or([eb('last_order_at', 'is', null), eb('last_order_at', '<', order.placedAt)]))
				.then(order.placedAt)
				.else(eb.ref('last_order_at'))
				.end(),
			updated_at: now,
			facts_stale_at: now
		}))
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', order.customerId)
		.execute();
	return true;
}

/**
 * Marks a completed order refunded or cancelled and takes its money off its customer's revenue.
 * Only the first such event counts; returns the customer whose revenue changed, if any.
 */
export async function closeOrderOnce(
	db: Db,
	workspaceId: number,
	externalId: string,
	status: 'refunded' | 'cancelled',
	now: number
): Promise<number | null> {
	const closed = await db
		.updateTable('shop_order')
		.set({ status })
		.where('workspace_id', '=', workspaceId)
		.where('external_id', '=', externalId)
		.where('status', '=', 'completed')
		.returning(['customer_id', 'total_minor'])
		.executeTakeFirst();
	if (!closed || closed.customer_id === null) return null;
	await db
		.updateTable('customer')
		.set((eb) => ({
			revenue_minor: eb('revenue_minor', '-', closed.total_minor),
			updated_at: now,
			facts_stale_at: now
		}))
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', closed.customer_id)
		.execute();
	return closed.customer_id;
}

export async function workspaceCurrency(db: Db, workspaceId: number): Promise<string> {
	const row = await db
		.selectFrom('workspace')
		.select('currency')
		.where('id', '=', workspaceId)
		.executeTakeFirst();
	return row?.currency ?? 'USD';
}
