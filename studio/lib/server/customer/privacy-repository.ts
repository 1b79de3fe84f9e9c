import type { Db } from '../db/connect';

export async function allCustomerEvents(db: Db, workspaceId: number, customerId: number) {
	return (
		db
			.selectFrom('event')
			.select([
				'message_id as messageId',
				'type',
				'name',
				'properties',
				'timestamp',
				'received_at as receivedAt',
				'anonymous_id as anonymousId',
				'user_id as userId'
			])
			.where('workspace_id', '=', workspaceId)
			.where('customer_id', '=', customerId)
			.orderBy('timestamp')
			// Events of one batch can share a millisecond; arrival order keeps them as sent.
			.orderBy('id')
			.execute()
	);
}

export async function allCustomerOrders(db: Db, workspaceId: number, customerId: number) {
	const orders = await db
		.selectFrom('shop_order')
		.select([
			'id',
			'external_id as externalId',
			'source',
			'status',
			'total_minor as totalMinor',
			'currency',
			'placed_at as placedAt'
		])
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', customerId)
		.orderBy('placed_at')
		.execute();
	if (!orders.length) return [];
	const lines = await db
		.selectFrom('order_line')
		.select(['order_id as orderId', 'sku', 'name', 'quantity', 'price_minor as priceMinor'])
		.where('workspace_id', '=', workspaceId)
		.where(
			'order_id',
			'in',
			orders.map((o) => o.id)
		)
		.execute();
	return orders.map(({ id, ...order }) => ({
		...order,
		lines: lines.filter((l) => l.orderId === id).map(({ orderId: _, ...line }) => line)
	}));
}

/** Removes the customer and everything recorded about them; false when not in this workspace. */
export async function deleteCustomerRows(db: Db, workspaceId: number, customerId: number) {
	// Orders keep no customer after a plain delete (FK: set null); removing a person removes them.
	await db
		.deleteFrom('shop_order')
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', customerId)
		.execute();
	// Events, identities and segment memberships go with the customer (FK: cascade).
	const result = await db
		.deleteFrom('customer')
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', customerId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}
