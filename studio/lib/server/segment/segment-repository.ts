import { sql, type Expression, type SqlBool } from 'kysely';
import { chunks } from '../db/chunks';
import type { Db } from '../db/connect';
import type { Json } from '../db/schema';
import { dialectOf } from '../db/connect';

export interface SegmentRow {
	id: number;
	workspaceId: number;
	name: string;
	description: string;
	definition: Json;
	memberCount: number;
	evaluatedAt: number | null;
	createdAt: number;
	updatedAt: number;
}

const SEGMENT_COLUMNS = [
	'segment.id',
	'segment.workspace_id as workspaceId',
	'segment.name',
	'segment.description',
	'segment.definition',
	'segment.member_count as memberCount',
	'segment.evaluated_at as evaluatedAt',
	'segment.created_at as createdAt',
	'segment.updated_at as updatedAt'
] as const;

export async function insertSegment(
	db: Db,
	row: {
		workspaceId: number;
		name: string;
		description: string;
		definition: unknown;
		createdBy: number | null;
		now: number;
	}
): Promise<number> {
	const inserted = await db
		.insertInto('segment')
		.values({
			workspace_id: row.workspaceId,
			name: row.name,
			description: row.description,
			definition: JSON.stringify(row.definition),
			created_by: row.createdBy,
			created_at: row.now,
			updated_at: row.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

export async function updateSegmentRow(
	db: Db,
	workspaceId: number,
	segmentId: number,
	fields: { name: string; description: string; definition: unknown; now: number }
): Promise<boolean> {
	const result = await db
		.updateTable('segment')
		.set({
			name: fields.name,
			description: fields.description,
			definition: JSON.stringify(fields.definition),
			updated_at: fields.now
		})
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', segmentId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function deleteSegmentRow(
	db: Db,
	workspaceId: number,
	segmentId: number
): Promise<boolean> {
	const result = await db
		.deleteFrom('segment')
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', segmentId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

export async function listSegmentRows(db: Db, workspaceId: number): Promise<SegmentRow[]> {
	return db
		.selectFrom('segment')
		.select(SEGMENT_COLUMNS)
		.where('workspace_id', '=', workspaceId)
		.orderBy('name')
		.orderBy('id')
		.execute();
}

export async function findSegmentRow(
	db: Db,
	workspaceId: number,
	segmentId: number,
	options: { lock?: boolean } = {}
): Promise<SegmentRow | undefined> {
	let query = db
		.selectFrom('segment')
		.select(SEGMENT_COLUMNS)
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', segmentId);
	// Two instances refreshing one segment would both insert the same "entered" rows; on
	// PostgreSQL the row lock makes the second wait. SQLite has a single writer already.
	if (options.lock && db.isTransaction && dialectOf(db) === 'postgres') query = query.forUpdate();
	return query.executeTakeFirst();
}

/** Every segment of every workspace, for the scheduler to pick the due ones. */
export async function listAllSegmentRows(db: Db): Promise<SegmentRow[]> {
	return db.selectFrom('segment').select(SEGMENT_COLUMNS).orderBy('id').execute();
}

export async function countCustomers(
	db: Db,
	workspaceId: number,
	matches?: Expression<SqlBool>
): Promise<number> {
	let query = db
		.selectFrom('customer')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('customer.workspace_id', '=', workspaceId);
	if (matches) query = query.where(matches);
	const row = await query.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** Ids of the customers matching, optionally only among `among`. */
export async function matchingCustomerIds(
	db: Db,
	matches: Expression<SqlBool>,
	among?: readonly number[]
): Promise<number[]> {
	let query = db.selectFrom('customer').select('customer.id').where(matches);
	if (among) query = query.where('customer.id', 'in', among);
	const rows = await query.execute();
	return rows.map((r) => Number(r.id));
}

export async function memberIds(
	db: Db,
	segmentId: number,
	among?: readonly number[]
): Promise<number[]> {
	let query = db
		.selectFrom('segment_membership')
		.select('customer_id')
		.where('segment_id', '=', segmentId);
	if (among) query = query.where('customer_id', 'in', among);
	const rows = await query.execute();
	return rows.map((r) => Number(r.customer_id));
}

export async function addMembers(
	db: Db,
	workspaceId: number,
	segmentId: number,
	customerIds: readonly number[],
	now: number
): Promise<void> {
	for (const part of chunks(customerIds)) {
		await db
			.insertInto('segment_membership')
			.values(
				part.map((customerId) => ({
					workspace_id: workspaceId,
					segment_id: segmentId,
					customer_id: customerId,
					entered_at: now
				}))
			)
			.execute();
		await insertChanges(db, workspaceId, segmentId, part, 'entered', now);
	}
}

export async function removeMembers(
	db: Db,
	workspaceId: number,
	segmentId: number,
	customerIds: readonly number[],
	now: number
): Promise<void> {
	for (const part of chunks(customerIds)) {
		await db
			.deleteFrom('segment_membership')
			.where('segment_id', '=', segmentId)
			.where('customer_id', 'in', part)
			.execute();
		await insertChanges(db, workspaceId, segmentId, part, 'left', now);
	}
}

async function insertChanges(
	db: Db,
	workspaceId: number,
	segmentId: number,
	customerIds: readonly number[],
	change: 'entered' | 'left',
	at: number
): Promise<void> {
	await db
		.insertInto('segment_change')
		.values(
			customerIds.map((customerId) => ({
				workspace_id: workspaceId,
				segment_id: segmentId,
				customer_id: customerId,
				change,
				at
			}))
		)
		.execute();
}

export async function setEvaluation(
	db: Db,
	segmentId: number,
	memberCount: number,
	evaluatedAt: number
): Promise<void> {
	await db
		.updateTable('segment')
		.set({ member_count: memberCount, evaluated_at: evaluatedAt })
		.where('id', '=', segmentId)
		.execute();
}

export async function adjustMemberCount(db: Db, segmentId: number, delta: number): Promise<void> {
	if (!delta) return;
	await db
		.updateTable('segment')
		.set((eb) => ({ member_count: eb('member_count', '+', delta) }))
		.where('id', '=', segmentId)
		.execute();
}

export async function segmentsOfCustomerRows(db: Db, workspaceId: number, customerId: number) {
	return db
		.selectFrom('segment_membership')
		.innerJoin('segment', 'segment.id', 'segment_membership.segment_id')
		.select([
			'segment.id',
			'segment.name',
			'segment.member_count as memberCount',
			'segment_membership.entered_at as enteredAt'
		])
		.where('segment_membership.workspace_id', '=', workspaceId)
		.where('segment_membership.customer_id', '=', customerId)
		.where('segment.workspace_id', '=', workspaceId)
		.orderBy('segment.name')
		.execute();
}

export async function recentMemberRows(
	db: Db,
	workspaceId: number,
	segmentId: number,
	limit: number
) {
	return db
		.selectFrom('segment_membership')
		.innerJoin('customer', 'customer.id', 'segment_membership.customer_id')
		.select([
			'customer.id',
			'customer.email',
			'customer.name',
			'customer.external_id as externalId',
			'segment_membership.entered_at as enteredAt'
		])
		.where('segment_membership.workspace_id', '=', workspaceId)
		.where('segment_membership.segment_id', '=', segmentId)
		.orderBy('segment_membership.entered_at', 'desc')
		.orderBy('customer.id', 'desc')
		.limit(limit)
		.execute();
}

/**
 * Distinct event names through a loose index scan on (workspace_id, name, timestamp): one index
 * seek per name, however many millions of events there are.
 */
export async function distinctEventNames(
	db: Db,
	workspaceId: number,
	limit: number
): Promise<string[]> {
	const result = await sql<{ name: string }>`
		with recursive names(name) as (
			select min(name) from event where workspace_id = ${workspaceId}
			union all
			select (select min(e.name) from event e where e.workspace_id = ${workspaceId} and e.name > names.name)
			from names where names.name is not null
		)
		select name from names where name is not null limit ${limit}`.execute(db);
	return result.rows.map((r) => r.name);
}

/** The properties of the latest events of one name, to offer their keys and values. */
export async function recentEventProperties(
	db: Db,
	workspaceId: number,
	name: string,
	limit: number
): Promise<Json[]> {
	const rows = await db
		.selectFrom('event')
		.select('properties')
		.where('workspace_id', '=', workspaceId)
		.where('name', '=', name)
		.orderBy('timestamp', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => r.properties);
}

/** The traits of the most recently seen customers, to offer their keys and values. */
export async function recentCustomerTraits(
	db: Db,
	workspaceId: number,
	limit: number
): Promise<Json[]> {
	const rows = await db
		.selectFrom('customer')
		.select('traits')
		.where('workspace_id', '=', workspaceId)
		.orderBy('last_seen_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => r.traits);
}
