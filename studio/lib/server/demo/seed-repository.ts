import { sql } from 'kysely';
import { dialectOf, type Db } from '../db/connect';
import type { DemoCustomer, DemoEvent, DemoOrder, DemoProduct, DemoShop } from './types';

// Bulk writes for the demo seed. Multi-row inserts keep a year of data to a few hundred
// statements; each statement stays under the bound-parameter ceiling of its database.

const SQLITE_MAX_PARAMETERS = 32766;
const POSTGRES_MAX_PARAMETERS = 65535;

/** Any key will do as long as nothing else in the app takes the same advisory lock. */
const DEMO_SEED_LOCK_KEY = 7_305_118_204;

function rowsPerStatement(db: Db, columns: number): number {
	const max = dialectOf(db) === 'postgres' ? POSTGRES_MAX_PARAMETERS : SQLITE_MAX_PARAMETERS;
	return Math.floor(max / columns);
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
	for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export async function anyWorkspaceExists(db: Db): Promise<boolean> {
	const row = await db.selectFrom('workspace').select('id').limit(1).executeTakeFirst();
	return row !== undefined;
}

/**
 * Serialises seeding across instances that start together against one PostgreSQL database. The
 * lock ends with the transaction. SQLite needs none: its single writer already serialises, and a
 * second seeder whose snapshot went stale fails to write rather than seeding twice.
 */
export async function lockDemoSeed(db: Db): Promise<void> {
	if (dialectOf(db) !== 'postgres') return;
	await sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK_KEY})`.execute(db);
}

/** Product ids by product index. */
export async function insertDemoProducts(
	db: Db,
	workspaceId: number,
	products: readonly DemoProduct[]
): Promise<number[]> {
	const ids: number[] = [];
	const bySku = new Map<string, number>();
	for (const chunk of chunks(products, rowsPerStatement(db, 10))) {
		const rows = await db
			.insertInto('product')
			.values(
				chunk.map((p) => ({
					workspace_id: workspaceId,
					sku: p.sku,
					name: p.name,
					category: p.category,
					price_minor: p.priceMinor,
					image_url: p.imageUrl,
					url: p.url,
					in_stock: p.inStock ? 1 : 0,
					created_at: p.createdAt,
					updated_at: p.updatedAt
				}))
			)
			.returning(['id', 'sku'])
			.execute();
		for (const row of rows) bySku.set(row.sku, row.id);
	}
	for (const p of products) ids.push(bySku.get(p.sku)!);
	return ids;
}

/**
 * Customer ids by customer index. Anonymous customers have no unique column to match returned
 * rows by, and RETURNING order is unspecified; ids, though, are handed out in VALUES order on both
 * databases, so sorted ids line up with the rows. The external ids check that on every row.
 */
export async function insertDemoCustomers(
	db: Db,
	workspaceId: number,
	customers: readonly DemoCustomer[]
): Promise<number[]> {
	const ids: number[] = [];
	for (const chunk of chunks(customers, rowsPerStatement(db, 14))) {
		const rows = await db
			.insertInto('customer')
			.values(
				chunk.map((c) => ({
					workspace_id: workspaceId,
					external_id: c.externalId,
					email: c.email,
					name: c.name,
					traits: JSON.stringify(c.traits),
					consent: c.consent,
					first_seen_at: c.firstSeenAt,
					last_seen_at: c.lastSeenAt,
					orders_count: c.ordersCount,
					revenue_minor: c.revenueMinor,
					first_order_at: c.firstOrderAt,
					last_order_at: c.lastOrderAt,
					created_at: c.firstSeenAt,
					updated_at: c.lastSeenAt
				}))
			)
			.returning(['id', 'external_id'])
			.execute();
		rows.sort((a, b) => a.id - b.id);
		chunk.forEach((customer, i) => {
			const row = rows[i];
			if (!row || row.external_id !== customer.externalId)
				throw new Error('customer ids did not come back in insertion order');
			ids.push(row.id);
		});
	}
	return ids;
}

export async function insertDemoIdentities(
	db: Db,
	workspaceId: number,
	customers: readonly DemoCustomer[],
	customerIds: readonly number[]
): Promise<void> {
	const rows = customers.flatMap((c) =>
		c.identities.map((identity) => ({
			workspace_id: workspaceId,
			anonymous_id: identity.anonymousId,
			customer_id: customerIds[c.index]!,
			created_at: identity.firstSeenAt
		}))
	);
	for (const chunk of chunks(rows, rowsPerStatement(db, 4)))
		await db.insertInto('identity').values(chunk).execute();
}

export async function insertDemoEvents(
	db: Db,
	workspaceId: number,
	events: readonly DemoEvent[],
	customerIds: readonly number[]
): Promise<void> {
	for (const chunk of chunks(events, rowsPerStatement(db, 10))) {
		await db
			.insertInto('event')
			.values(
				chunk.map((e) => ({
					workspace_id: workspaceId,
					message_id: e.messageId,
					customer_id: customerIds[e.customerIndex]!,
					anonymous_id: e.anonymousId,
					user_id: e.userId,
					type: e.type,
					name: e.name,
					properties: JSON.stringify(e.properties),
					timestamp: e.timestamp,
					received_at: e.receivedAt
				}))
			)
			.execute();
	}
}

/** Order ids, in the order of `orders`. */
export async function insertDemoOrders(
	db: Db,
	workspaceId: number,
	orders: readonly DemoOrder[],
	customerIds: readonly number[]
): Promise<number[]> {
	const byExternalId = new Map<string, number>();
	for (const chunk of chunks(orders, rowsPerStatement(db, 9))) {
		const rows = await db
			.insertInto('shop_order')
			.values(
				chunk.map((o) => ({
					workspace_id: workspaceId,
					external_id: o.externalId,
					customer_id: customerIds[o.customerIndex]!,
					source: o.source,
					status: o.status,
					total_minor: o.totalMinor,
					currency: o.currency,
					placed_at: o.placedAt,
					created_at: o.placedAt
				}))
			)
			.returning(['id', 'external_id'])
			.execute();
		for (const row of rows) byExternalId.set(row.external_id, row.id);
	}
	return orders.map((o) => byExternalId.get(o.externalId)!);
}

export async function insertDemoOrderLines(
	db: Db,
	workspaceId: number,
	orders: readonly DemoOrder[],
	orderIds: readonly number[],
	productIds: readonly number[]
): Promise<void> {
	const rows = orders.flatMap((order, i) =>
		order.lines.map((line) => ({
			workspace_id: workspaceId,
			order_id: orderIds[i]!,
			product_id: productIds[line.productIndex] ?? null,
			sku: line.sku,
			name: line.name,
			quantity: line.quantity,
			price_minor: line.priceMinor
		}))
	);
	for (const chunk of chunks(rows, rowsPerStatement(db, 7)))
		await db.insertInto('order_line').values(chunk).execute();
}

/** Writes a generated shop into `workspaceId`. Run it inside the caller's transaction. */
export async function insertDemoShop(db: Db, workspaceId: number, shop: DemoShop): Promise<void> {
	const productIds = await insertDemoProducts(db, workspaceId, shop.products);
	const customerIds = await insertDemoCustomers(db, workspaceId, shop.customers);
	await insertDemoIdentities(db, workspaceId, shop.customers, customerIds);
	await insertDemoEvents(db, workspaceId, shop.events, customerIds);
	const orderIds = await insertDemoOrders(db, workspaceId, shop.orders, customerIds);
	await insertDemoOrderLines(db, workspaceId, shop.orders, orderIds, productIds);
}
