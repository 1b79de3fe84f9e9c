import type { Db } from '../db/connect';

export async function countCustomers(db: Db, workspaceId: number): Promise<number> {
	const row = await db
		.selectFrom('customer')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('workspace_id', '=', workspaceId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function countActiveCustomers(db: Db, workspaceId: number, since: number) {
	const row = await db
		.selectFrom('customer')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('workspace_id', '=', workspaceId)
		.where('last_seen_at', '>=', since)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function countProducts(db: Db, workspaceId: number): Promise<number> {
	const row = await db
		.selectFrom('product')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('workspace_id', '=', workspaceId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function orderTotals(db: Db, workspaceId: number, since: number) {
	const row = await db
		.selectFrom('shop_order')
		.select((eb) => [
			eb.fn.countAll<number>().as('orders'),
			eb.fn.coalesce(eb.fn.sum<number>('total_minor'), eb.lit(0)).as('revenue')
		])
		.where('workspace_id', '=', workspaceId)
		.where('status', '=', 'completed')
		.where('placed_at', '>=', since)
		.executeTakeFirstOrThrow();
	return { orders: Number(row.orders), revenueMinor: Number(row.revenue) };
}

export async function countEvents(db: Db, workspaceId: number, since: number): Promise<number> {
	const row = await db
		.selectFrom('event')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('workspace_id', '=', workspaceId)
		.where('timestamp', '>=', since)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function findCustomer(db: Db, workspaceId: number, id: number) {
	return db
		.selectFrom('customer')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.executeTakeFirst();
}
