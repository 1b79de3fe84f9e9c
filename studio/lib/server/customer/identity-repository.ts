import { sql } from 'kysely';
import { dialectOf, type Db } from '../db/connect';
import type { CustomerTable } from '../db/schema';

// Every statement here is shaped for the ingest hot path: one query per kind of lookup or write
// per request, whatever the number of events in it.

const IN_CHUNK = 500;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
	for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** What the hot path needs to know about a customer to decide whether to write to it. */
export interface SeenState {
	id: number;
	externalId: string | null;
	firstSeenAt: number;
	lastSeenAt: number;
	factsStaleAt: number | null;
}

export async function findCustomersByExternalIds(
	db: Db,
	workspaceId: number,
	externalIds: readonly string[]
): Promise<SeenState[]> {
	const found: SeenState[] = [];
	for (const chunk of chunks(externalIds, IN_CHUNK)) {
		const rows = await db
			.selectFrom('customer')
			.select([
				'id',
				'external_id as externalId',
				'first_seen_at as firstSeenAt',
				'last_seen_at as lastSeenAt',
				'facts_stale_at as factsStaleAt'
			])
			.where('workspace_id', '=', workspaceId)
			.where('external_id', 'in', chunk)
			.execute();
		found.push(...rows);
	}
	return found;
}

export async function findIdentities(
	db: Db,
	workspaceId: number,
	anonymousIds: readonly string[]
): Promise<(SeenState & { anonymousId: string })[]> {
	const found: (SeenState & { anonymousId: string })[] = [];
	for (const chunk of chunks(anonymousIds, IN_CHUNK)) {
		const rows = await db
			.selectFrom('identity')
			.innerJoin('customer', 'customer.id', 'identity.customer_id')
			.select([
				'identity.anonymous_id as anonymousId',
				'customer.id',
				'customer.external_id as externalId',
				'customer.first_seen_at as firstSeenAt',
				'customer.last_seen_at as lastSeenAt',
				'customer.facts_stale_at as factsStaleAt'
			])
			.where('identity.workspace_id', '=', workspaceId)
			.where('identity.anonymous_id', 'in', chunk)
			.execute();
		found.push(...rows);
	}
	return found;
}

export interface NewCustomerRow {
	externalId: string | null;
	email: string | null;
	name: string | null;
	traits: string;
	consent: CustomerTable['consent'];
	searchText: string;
	firstSeenAt: number;
	lastSeenAt: number;
}

/**
 * Inserts customers and returns their ids in row order. Anonymous rows have no unique column to
 * match returned rows by, but both databases hand out ids in VALUES order, so sorted ids line up
 * with rows. A known customer created meanwhile by a concurrent request (PostgreSQL) makes the
 * counts differ; the caller then retries its transaction.
 */
export async function insertCustomers(
	db: Db,
	workspaceId: number,
	rows: readonly NewCustomerRow[],
	now: number
): Promise<number[] | null> {
	const ids: number[] = [];
	for (const chunk of chunks(rows, 1000)) {
		const inserted = await db
			.insertInto('customer')
			.values(
				chunk.map((row) => ({
					workspace_id: workspaceId,
					external_id: row.externalId,
					email: row.email,
					name: row.name,
					traits: row.traits,
					consent: row.consent,
					search_text: row.searchText,
					first_seen_at: row.firstSeenAt,
					last_seen_at: row.lastSeenAt,
					orders_count: 0,
					revenue_minor: 0,
					created_at: now,
					updated_at: now,
					facts_stale_at: now
				}))
			)
			.onConflict((oc) => oc.columns(['workspace_id', 'external_id']).doNothing())
			.returning(['id', 'external_id'])
			.execute();
		if (inserted.length !== chunk.length) return null;
		inserted.sort((a, b) => a.id - b.id);
		for (const [i, row] of chunk.entries()) {
			const match = inserted[i];
			if (!match || match.external_id !== row.externalId) return null;
			ids.push(match.id);
		}
	}
	return ids;
}

/** Links anonymous ids to customers; returns the ids linked here (not by someone else first). */
export async function insertIdentities(
	db: Db,
	workspaceId: number,
	rows: readonly { anonymousId: string; customerId: number }[],
	now: number
): Promise<number> {
	let count = 0;
	for (const chunk of chunks(rows, 1000)) {
		const result = await db
			.insertInto('identity')
			.values(
				chunk.map((row) => ({
					workspace_id: workspaceId,
					anonymous_id: row.anonymousId,
					customer_id: row.customerId,
					created_at: now
				}))
			)
			.onConflict((oc) => oc.columns(['workspace_id', 'anonymous_id']).doNothing())
			.executeTakeFirst();
		count += Number(result.numInsertedOrUpdatedRows ?? 0);
	}
	return count;
}

/**
 * Locks customers about to be merged or renamed (PostgreSQL), in id order so two requests never
 * wait on each other crosswise. A concurrent request that then writes an event for a merged-away
 * customer fails its foreign key check and retries against the merged state.
 */
export async function lockCustomers(db: Db, workspaceId: number, ids: number[]): Promise<void> {
	if (dialectOf(db) !== 'postgres' || !ids.length) return;
	await db
		.selectFrom('customer')
		.select('id')
		.where('workspace_id', '=', workspaceId)
		.where(
			'id',
			'in',
			[...ids].sort((a, b) => a - b)
		)
		.orderBy('id')
		.forUpdate()
		.execute();
}

export interface CustomerProfileRow {
	id: number;
	external_id: string | null;
	email: string | null;
	name: string | null;
	traits: unknown;
	consent: CustomerTable['consent'];
	first_seen_at: number;
	last_seen_at: number;
	orders_count: number;
	revenue_minor: number;
	first_order_at: number | null;
	last_order_at: number | null;
	loyalty_points: number;
}

export async function findProfiles(
	db: Db,
	workspaceId: number,
	ids: readonly number[]
): Promise<CustomerProfileRow[]> {
	const found: CustomerProfileRow[] = [];
	for (const chunk of chunks(ids, IN_CHUNK)) {
		const rows = await db
			.selectFrom('customer')
			.select([
				'id',
				'external_id',
				'email',
				'name',
				'traits',
				'consent',
				'first_seen_at',
				'last_seen_at',
				'orders_count',
				'revenue_minor',
				'first_order_at',
				'last_order_at',
				'loyalty_points'
			])
			.where('workspace_id', '=', workspaceId)
			.where('id', 'in', chunk)
			.execute();
		found.push(...rows);
	}
	return found;
}

export interface ProfileUpdate {
	externalId?: string | null;
	email?: string | null;
	name?: string | null;
	traits?: string;
	consent?: CustomerTable['consent'];
	searchText?: string;
	firstSeenAt?: number;
	lastSeenAt?: number;
	ordersCount?: number;
	revenueMinor?: number;
	firstOrderAt?: number | null;
	lastOrderAt?: number | null;
	loyaltyPoints?: number;
}

/** Writes the given columns and marks the customer's computed facts stale. */
export async function updateProfile(
	db: Db,
	workspaceId: number,
	id: number,
	patch: ProfileUpdate,
	now: number
): Promise<boolean> {
	const result = await db
		.updateTable('customer')
		.set({
			...(patch.externalId !== undefined && { external_id: patch.externalId }),
			...(patch.email !== undefined && { email: patch.email }),
			...(patch.name !== undefined && { name: patch.name }),
			...(patch.traits !== undefined && { traits: patch.traits }),
			...(patch.consent !== undefined && { consent: patch.consent }),
			...(patch.searchText !== undefined && { search_text: patch.searchText }),
			...(patch.firstSeenAt !== undefined && { first_seen_at: patch.firstSeenAt }),
			...(patch.lastSeenAt !== undefined && { last_seen_at: patch.lastSeenAt }),
			...(patch.ordersCount !== undefined && { orders_count: patch.ordersCount }),
			...(patch.revenueMinor !== undefined && { revenue_minor: patch.revenueMinor }),
			...(patch.firstOrderAt !== undefined && { first_order_at: patch.firstOrderAt }),
			...(patch.lastOrderAt !== undefined && { last_order_at: patch.lastOrderAt }),
			...(patch.loyaltyPoints !== undefined && { loyalty_points: patch.loyaltyPoints }),
			updated_at: now,
			facts_stale_at: now
		})
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/**
 * Moves everything that belongs to `fromId` onto `intoId`: its anonymous ids, events and orders.
 * The caller then updates `intoId` and deletes `fromId` (whose remaining rows, such as segment
 * memberships, are recomputed for the survivor by the facts job).
 */
export async function moveCustomerData(
	db: Db,
	workspaceId: number,
	fromId: number,
	intoId: number
): Promise<void> {
	await db
		.updateTable('identity')
		.set({ customer_id: intoId })
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', fromId)
		.execute();
	await db
		.updateTable('event')
		.set({ customer_id: intoId })
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', fromId)
		.execute();
	await db
		.updateTable('shop_order')
		.set({ customer_id: intoId })
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', fromId)
		.execute();
	await db
		.updateTable('recommendation_interaction')
		.set({ customer_id: intoId })
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', fromId)
		.execute();
	// Exposures cascade with their customer (erasure); a merge must carry them over instead.
	await db
		.updateTable('exposure')
		.set({ customer_id: intoId })
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', fromId)
		.execute();
}

export async function deleteCustomerRow(db: Db, workspaceId: number, id: number): Promise<void> {
	await db
		.deleteFrom('customer')
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.execute();
}

/**
 * Widens first/last seen to cover new events and marks facts stale, for many customers in one
 * statement: an UPDATE joined to a VALUES list, which both databases accept (their VALUES columns
 * are both named column1, column2, ...).
 */
export async function touchCustomers(
	db: Db,
	workspaceId: number,
	rows: readonly { id: number; firstSeenAt: number; lastSeenAt: number }[],
	now: number
): Promise<void> {
	const type = dialectOf(db) === 'postgres' ? sql.raw('bigint') : sql.raw('integer');
	for (const chunk of chunks(rows, 2000)) {
		const values = sql.join(
			chunk.map(
				(row) =>
					sql`(cast(${row.id} as ${type}), cast(${row.firstSeenAt} as ${type}), cast(${row.lastSeenAt} as ${type}))`
			)
		);
		await sql`update customer set
			first_seen_at = case when v.column2 < customer.first_seen_at then v.column2 else customer.first_seen_at end,
			last_seen_at = case when v.column3 > customer.last_seen_at then v.column3 else customer.last_seen_at end,
			updated_at = ${now},
			facts_stale_at = coalesce(customer.facts_stale_at, ${now})
			from (values ${values}) as v
			where customer.id = v.column1 and customer.workspace_id = ${workspaceId}`.execute(db);
	}
}
