// The SQL behind order imports: orders, their lines, and the customer facts they feed.
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { chunks } from '../db/chunks';
import { anyOf, differs } from './shop-write-repository';

export interface OrderUpsert {
	externalId: string;
	customerId: number | null;
	status: 'completed' | 'refunded';
	totalMinor: number;
	currency: string;
	placedAt: number;
}

export async function upsertOrders(
	db: Db,
	workspaceId: number,
	rows: readonly OrderUpsert[],
	now: number
): Promise<void> {
	for (const batch of chunks(rows)) {
		await db
			.insertInto('shop_order')
			.values(
				batch.map((r) => ({
					workspace_id: workspaceId,
					external_id: r.externalId,
					customer_id: r.customerId,
					source: 'import' as const,
					status: r.status,
					total_minor: r.totalMinor,
					currency: r.currency,
					placed_at: r.placedAt,
					created_at: now
				}))
			)
			.onConflict((oc) =>
				oc
					.columns(['workspace_id', 'external_id'])
					.doUpdateSet((eb) => ({
						customer_id: eb.ref('excluded.customer_id'),
						status: eb.ref('excluded.status'),
						total_minor: eb.ref('excluded.total_minor'),
						currency: eb.ref('excluded.currency'),
						placed_at: eb.ref('excluded.placed_at')
					}))
					.where(
						anyOf([
							differs('shop_order.customer_id'),
							differs('shop_order.status'),
							differs('shop_order.total_minor'),
							differs('shop_order.currency'),
							differs('shop_order.placed_at')
						])
					)
			)
			.execute();
	}
}

/** Order ids by external id, with the customer each order had before this chunk wrote it. */
export async function existingOrders(
	db: Db,
	workspaceId: number,
	externalIds: readonly string[]
): Promise<Map<string, { id: number; customerId: number | null }>> {
	const found = new Map<string, { id: number; customerId: number | null }>();
	for (const batch of chunks(externalIds, 1000)) {
		const rows = await db
			.selectFrom('shop_order')
			.select(['id', 'external_id', 'customer_id'])
			.where('workspace_id', '=', workspaceId)
			.where('external_id', 'in', batch)
			.execute();
		for (const r of rows)
			found.set(r.external_id, {
				id: Number(r.id),
				customerId: r.customer_id === null ? null : Number(r.customer_id)
			});
	}
	return found;
}

/**
 * A column the planner must not pick an index for. Without statistics SQLite prefers the
 * (workspace_id, product_id) index for "workspace_id = ? and order_id in (...)", which reads every
 * line of the workspace; a unary plus (valid in both dialects) leaves it the order_id index.
 */
function unindexed(column: 'workspace_id') {
	return sql<number>`+${sql.ref(column)}`;
}

export interface LineRow {
	orderId: number;
	productId: number | null;
	sku: string;
	name: string;
	quantity: number;
	priceMinor: number;
}

/** Stored lines of these orders, in the order they were written. */
export async function linesOf(
	db: Db,
	workspaceId: number,
	orderIds: readonly number[]
): Promise<LineRow[]> {
	const out: LineRow[] = [];
	for (const batch of chunks(orderIds, 1000)) {
		const rows = await db
			.selectFrom('order_line')
			.select(['order_id', 'product_id', 'sku', 'name', 'quantity', 'price_minor'])
			.where(unindexed('workspace_id'), '=', workspaceId)
			.where('order_id', 'in', batch)
			.orderBy('order_id')
			.orderBy('id')
			.execute();
		for (const r of rows)
			out.push({
				orderId: Number(r.order_id),
				productId: r.product_id === null ? null : Number(r.product_id),
				sku: r.sku,
				name: r.name,
				quantity: Number(r.quantity),
				priceMinor: Number(r.price_minor)
			});
	}
	return out;
}

export async function deleteLines(
	db: Db,
	workspaceId: number,
	orderIds: readonly number[]
): Promise<void> {
	for (const batch of chunks(orderIds, 1000))
		await db
			.deleteFrom('order_line')
			.where(unindexed('workspace_id'), '=', workspaceId)
			.where('order_id', 'in', batch)
			.execute();
}

export async function insertLines(
	db: Db,
	workspaceId: number,
	lines: readonly LineRow[]
): Promise<void> {
	for (const batch of chunks(lines, 1000)) {
		await db
			.insertInto('order_line')
			.values(
				batch.map((l) => ({
					workspace_id: workspaceId,
					order_id: l.orderId,
					product_id: l.productId,
					sku: l.sku,
					name: l.name,
					quantity: l.quantity,
					price_minor: l.priceMinor
				}))
			)
			.execute();
	}
}

/** For orders whose lines arrived in more than one piece: the total is the sum of all lines. */
export async function refreshOrderTotals(
	db: Db,
	workspaceId: number,
	orderIds: readonly number[]
): Promise<void> {
	for (const batch of chunks(orderIds, 1000)) {
		await db
			.updateTable('shop_order')
			.set({
				total_minor: sql<number>`(select coalesce(sum(l.quantity * l.price_minor), 0) from order_line l where l.order_id = shop_order.id)`
			})
			.where('workspace_id', '=', workspaceId)
			.where('id', 'in', batch)
			.execute();
	}
}

/**
 * Recomputes customers' order facts from their orders in one statement per batch, and marks the
 * customers whose facts changed as stale so the facts job (RFM, lifecycle) looks at them again.
 * Placed orders are completed or refunded ones with a total of zero or more; a negative total is a
 * refund record (an imported cancellation), which is not an order placed but gives money back.
 * Revenue is completed orders' totals plus refund records' (negative) totals, never below zero.
 */
export async function recomputeCustomerTotals(
	db: Db,
	workspaceId: number,
	ids: readonly number[],
	now: number
): Promise<number> {
	let changed = 0;
	for (const batch of chunks(ids, 1000)) {
		const result = await sql`
			update customer set
				orders_count = agg.placed,
				revenue_minor = agg.revenue,
				first_order_at = agg.first_order,
				last_order_at = agg.last_order,
				first_seen_at = case when agg.first_any < customer.first_seen_at then agg.first_any else customer.first_seen_at end,
				last_seen_at = case when agg.last_any > customer.last_seen_at then agg.last_any else customer.last_seen_at end,
				facts_stale_at = coalesce(customer.facts_stale_at, ${now}),
				updated_at = ${now}
			from (
				select
					o.customer_id as customer_id,
					count(case when o.status <> 'cancelled' and o.total_minor >= 0 then 1 end) as placed,
					case when s.revenue < 0 then 0 else s.revenue end as revenue,
					min(case when o.status <> 'cancelled' and o.total_minor >= 0 then o.placed_at end) as first_order,
					max(case when o.status <> 'cancelled' and o.total_minor >= 0 then o.placed_at end) as last_order,
					min(o.placed_at) as first_any,
					max(o.placed_at) as last_any
				from shop_order o
				join (
					select customer_id, coalesce(sum(case
						when status = 'completed' then total_minor
						when status = 'refunded' and total_minor < 0 then total_minor
						else 0 end), 0) as revenue
					from shop_order
					where workspace_id = ${workspaceId} and customer_id in (${sql.join(batch)})
					group by customer_id
				) s on s.customer_id = o.customer_id
				where o.workspace_id = ${workspaceId} and o.customer_id in (${sql.join(batch)})
				group by o.customer_id, s.revenue
			) agg
			where customer.id = agg.customer_id
				and customer.workspace_id = ${workspaceId}
				and (
					customer.orders_count is distinct from agg.placed
					or customer.revenue_minor is distinct from agg.revenue
					or customer.first_order_at is distinct from agg.first_order
					or customer.last_order_at is distinct from agg.last_order
					or agg.first_any < customer.first_seen_at
					or agg.last_any > customer.last_seen_at
				)
		`.execute(db);
		changed += Number(result.numAffectedRows ?? 0);
		// Someone whose last order moved to another customer (a corrected file) has none left.
		const emptied = await db
			.updateTable('customer')
			.set({
				orders_count: 0,
				revenue_minor: 0,
				first_order_at: null,
				last_order_at: null,
				facts_stale_at: sql<number>`coalesce(customer.facts_stale_at, ${now})`,
				updated_at: now
			})
			.where('workspace_id', '=', workspaceId)
			.where('id', 'in', batch)
			.where((eb) => eb.or([eb('orders_count', '<>', 0), eb('revenue_minor', '<>', 0)]))
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('shop_order as o')
							.select('o.id')
							.whereRef('o.customer_id', '=', 'customer.id')
							.where('o.workspace_id', '=', workspaceId)
					)
				)
			)
			.executeTakeFirst();
		changed += Number(emptied.numUpdatedRows);
	}
	return changed;
}
