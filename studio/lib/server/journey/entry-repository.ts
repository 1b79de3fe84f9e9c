import { sql } from 'kysely';
import { dialectOf, type Db } from '../db/connect';
import { readJson } from '../db/json';

export interface SegmentChange {
	id: number;
	workspaceId: number;
	segmentId: number;
	customerId: number;
	change: 'entered' | 'left';
}

export async function segmentChangesAfter(
	db: Db,
	cursor: number,
	limit: number
): Promise<SegmentChange[]> {
	const rows = await db
		.selectFrom('segment_change')
		.select([
			'id',
			'workspace_id as workspaceId',
			'segment_id as segmentId',
			'customer_id as customerId',
			'change'
		])
		.where('id', '>', cursor)
		.orderBy('id')
		.limit(limit)
		.execute();
	return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function maxSegmentChangeId(db: Db): Promise<number> {
	const row = await db
		.selectFrom('segment_change')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirst();
	return Number(row?.id ?? 0);
}

/**
 * Customers whose last `event` happened between `from` and `to` (they crossed the inactivity
 * line in that window) and who have not entered this journey since `notEnteredSince`. Orders are
 * read from the customer's facts, which include offline orders that never were events.
 */
export async function inactiveCustomers(
	db: Db,
	input: {
		workspaceId: number;
		journeyId: number;
		event: string;
		from: number;
		to: number;
		notEnteredSince: number;
		limit: number;
	}
): Promise<number[]> {
	const notEntered = sql<boolean>`not exists (select 1 from enrollment en where en.journey_id = ${input.journeyId} and en.customer_id = customer.id and en.entered_at >= ${input.notEnteredSince})`;
	if (input.event === 'Order Completed') {
		const rows = await db
			.selectFrom('customer')
			.select('customer.id')
			.where('customer.workspace_id', '=', input.workspaceId)
			.where('customer.last_order_at', '>=', input.from)
			.where('customer.last_order_at', '<', input.to)
			.where(notEntered)
			.limit(input.limit)
			.execute();
		return rows.map((r) => Number(r.id));
	}
	const rows = await db
		.selectFrom('event')
		.innerJoin('customer', 'customer.id', 'event.customer_id')
		.select('customer.id')
		.where('event.workspace_id', '=', input.workspaceId)
		.where('event.name', '=', input.event)
		.groupBy('customer.id')
		.having((eb) => eb.fn.max('event.timestamp'), '>=', input.from)
		.having((eb) => eb.fn.max('event.timestamp'), '<', input.to)
		.where(notEntered)
		.limit(input.limit)
		.execute();
	return rows.map((r) => Number(r.id));
}

export async function churningCustomers(
	db: Db,
	input: {
		workspaceId: number;
		journeyId: number;
		threshold: number;
		notEnteredSince: number;
		limit: number;
	}
): Promise<number[]> {
	const rows = await db
		.selectFrom('customer')
		.select('customer.id')
		.where('customer.workspace_id', '=', input.workspaceId)
		.where('customer.churn_risk', '>=', input.threshold)
		.where(
			sql<boolean>`not exists (select 1 from enrollment en where en.journey_id = ${input.journeyId} and en.customer_id = customer.id and en.entered_at >= ${input.notEnteredSince})`
		)
		.limit(input.limit)
		.execute();
	return rows.map((r) => Number(r.id));
}

/**
 * Customers holding a date trait (or, for `first_order_at`, a first order), with the value, who
 * have not entered the journey since `notEnteredSince`. The anniversary test happens in code,
 * in each customer's time zone.
 */
export async function customersWithDate(
	db: Db,
	input: {
		workspaceId: number;
		journeyId: number;
		trait: string;
		notEnteredSince: number;
		after: number;
		limit: number;
	}
): Promise<{ id: number; value: unknown; traits: unknown }[]> {
	const notEntered = sql<boolean>`not exists (select 1 from enrollment en where en.journey_id = ${input.journeyId} and en.customer_id = customer.id and en.entered_at >= ${input.notEnteredSince})`;
	if (input.trait === 'first_order_at') {
		const rows = await db
			.selectFrom('customer')
			.select(['customer.id', 'customer.first_order_at as value', 'customer.traits'])
			.where('customer.workspace_id', '=', input.workspaceId)
			.where('customer.first_order_at', 'is not', null)
			.where('customer.id', '>', input.after)
			.where(notEntered)
			.orderBy('customer.id')
			.limit(input.limit)
			.execute();
		return rows.map((r) => ({ id: Number(r.id), value: r.value, traits: readJson(r.traits, {}) }));
	}
	const path = `$."${input.trait}"`;
	const field =
		dialectOf(db) === 'postgres'
			? sql`customer.traits ->> ${input.trait}`
			: sql`json_extract(customer.traits, ${path})`;
	const rows = await db
		.selectFrom('customer')
		.select(['customer.id', sql<unknown>`${field}`.as('value'), 'customer.traits'])
		.where('customer.workspace_id', '=', input.workspaceId)
		.where(sql<boolean>`${field} is not null`)
		.where('customer.id', '>', input.after)
		.where(notEntered)
		.orderBy('customer.id')
		.limit(input.limit)
		.execute();
	return rows.map((r) => ({ id: Number(r.id), value: r.value, traits: readJson(r.traits, {}) }));
}
