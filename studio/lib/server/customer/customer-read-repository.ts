import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { CustomerListQuery } from '../../customer/list-query';
import type { Db } from '../db/connect';
import { containsPattern } from '../db/like';
import type { Database } from '../db/schema';

function filtered(db: Db, workspaceId: number, query: CustomerListQuery) {
	let q = db.selectFrom('customer').where('customer.workspace_id', '=', workspaceId);
	if (query.stage) q = q.where('customer.lifecycle_stage', '=', query.stage);
	if (query.tier) q = q.where('customer.value_tier', '=', query.tier);
	if (query.segment) {
		const segment = query.segment;
		q = q.where((eb: ExpressionBuilder<Database, 'customer'>) =>
			eb.exists(
				eb
					.selectFrom('segment_membership')
					.select('segment_membership.customer_id')
					.whereRef('segment_membership.customer_id', '=', 'customer.id')
					.where('segment_membership.segment_id', '=', segment)
					.where('segment_membership.workspace_id', '=', workspaceId)
			)
		);
	}
	if (query.q) {
		const id = Number(query.q);
		q = q.where((eb) =>
			eb.or([
				sql<boolean>`customer.search_text like ${containsPattern(query.q)} escape '\\'`,
				...(Number.isSafeInteger(id) && id > 0 ? [eb('customer.id', '=', id)] : [])
			])
		);
	}
	return q;
}

const SORT_COLUMNS = {
	last_seen: 'customer.last_seen_at',
	first_seen: 'customer.first_seen_at',
	revenue: 'customer.revenue_minor',
	orders: 'customer.orders_count',
	churn_risk: 'customer.churn_risk',
	name: 'customer.search_text'
} as const;

export async function listCustomers(
	db: Db,
	workspaceId: number,
	query: CustomerListQuery,
	limit: number
) {
	let q: SelectQueryBuilder<Database, 'customer', object> = filtered(db, workspaceId, query);
	// Unscored customers (no orders) last in either direction. Only for churn risk: on the indexed
	// columns a NULLS clause would stop PostgreSQL reading the index backwards. Unindexed, the sort
	// costs what the orders sort does (about 15 ms for 100k customers on SQLite).
	const dir = query.dir;
	q = q
		.orderBy(
			SORT_COLUMNS[query.sort],
			query.sort === 'churn_risk' ? (ob) => (dir === 'asc' ? ob.asc() : ob.desc()).nullsLast() : dir
		)
		.orderBy('customer.id', query.dir)
		.limit(limit)
		.offset((query.page - 1) * limit);
	return q
		.select([
			'customer.id',
			'customer.external_id as externalId',
			'customer.email',
			'customer.name',
			'customer.lifecycle_stage as stage',
			'customer.value_tier as tier',
			'customer.orders_count as orders',
			'customer.revenue_minor as revenueMinor',
			'customer.churn_risk as churnRisk',
			'customer.last_seen_at as lastSeenAt',
			'customer.consent'
		])
		.execute();
}

export async function countCustomers(db: Db, workspaceId: number, query: CustomerListQuery) {
	const row = await filtered(db, workspaceId, query)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function findCustomerRow(db: Db, workspaceId: number, id: number) {
	return db
		.selectFrom('customer')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function customerOrders(
	db: Db,
	workspaceId: number,
	customerId: number,
	limit: number
) {
	return db
		.selectFrom('shop_order')
		.select((eb) => [
			'shop_order.id',
			'shop_order.external_id as externalId',
			'shop_order.source',
			'shop_order.status',
			'shop_order.total_minor as totalMinor',
			'shop_order.currency',
			'shop_order.placed_at as placedAt',
			eb
				.selectFrom('order_line')
				.select((l) => l.fn.coalesce(l.fn.sum<number>('order_line.quantity'), l.lit(0)).as('q'))
				.whereRef('order_line.order_id', '=', 'shop_order.id')
				.as('items')
		])
		.where('shop_order.workspace_id', '=', workspaceId)
		.where('shop_order.customer_id', '=', customerId)
		.orderBy('shop_order.placed_at', 'desc')
		.limit(limit)
		.execute();
}

/** A page of the customer's events, newest first; `beforeId` continues after the last page. */
export async function customerEvents(
	db: Db,
	workspaceId: number,
	customerId: number,
	limit: number,
	before?: { timestamp: number; id: number }
) {
	let q = db
		.selectFrom('event')
		.select(['id', 'type', 'name', 'properties', 'timestamp', 'message_id as messageId'])
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', customerId);
	if (before)
		q = q.where((eb) =>
			eb.or([
				eb('timestamp', '<', before.timestamp),
				eb.and([eb('timestamp', '=', before.timestamp), eb('id', '<', before.id)])
			])
		);
	return q.orderBy('timestamp', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function customerIdentities(db: Db, workspaceId: number, customerId: number) {
	return db
		.selectFrom('identity')
		.select(['anonymous_id as anonymousId', 'created_at as createdAt'])
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', customerId)
		.orderBy('created_at')
		.execute();
}

export async function segmentOptions(db: Db, workspaceId: number) {
	return db
		.selectFrom('segment')
		.select(['id', 'name'])
		.where('workspace_id', '=', workspaceId)
		.orderBy('name')
		.execute();
}

/**
 * Ids of the customers matching all the given keys: the shop's user id, an email (exactly as
 * stored) or an anonymous id linked to the profile. At most a handful match; the cap guards
 * against an email shared by many guest profiles.
 */
export async function findCustomerIdsBy(
	db: Db,
	workspaceId: number,
	by: { userId?: string; email?: string; anonymousId?: string },
	limit = 20
): Promise<number[]> {
	let q = db
		.selectFrom('customer')
		.select('customer.id')
		.where('customer.workspace_id', '=', workspaceId);
	if (by.userId !== undefined) q = q.where('customer.external_id', '=', by.userId);
	if (by.email !== undefined) q = q.where('customer.email', '=', by.email);
	if (by.anonymousId !== undefined)
		q = q.where('customer.id', 'in', (eb) =>
			eb
				.selectFrom('identity')
				.select('identity.customer_id')
				.where('identity.workspace_id', '=', workspaceId)
				.where('identity.anonymous_id', '=', by.anonymousId!)
		);
	const rows = await q.orderBy('customer.id').limit(limit).execute();
	return rows.map((r) => r.id);
}
