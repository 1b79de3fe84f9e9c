/**
 * The reads behind test runs and dry runs of a journey. Every statement here is a SELECT scoped to
 * one workspace: a simulation looks at real customers and events and never writes.
 */
import { sql } from 'kysely';
import type { GroupNode, SegmentDefinition } from '../../segment/definition';
import { parseSegment } from '../../segment/validate';
import { chunks } from '../db/chunks';
import { dialectOf, type Db } from '../db/connect';
import { readJson } from '../db/json';
import type { CustomerTable } from '../db/schema';
import { findChannelSettingsRow } from '../messaging/channel-settings-repository';
import { compileSegment } from '../segment/segment-compiler';
import { findSegmentRow } from '../segment/segment-repository';
import { customerMatches, type JourneyCustomer } from './journey-customer-repository';

export interface SimulationEvent {
	id: number;
	customerId: number;
	name: string;
	properties: Record<string, unknown>;
	timestamp: number;
}

/** The customer's internal id, found by the shop's user id or by the internal id itself. */
export async function findCustomerId(
	db: Db,
	workspaceId: number,
	ref: { externalId: string } | { id: number }
): Promise<number | null> {
	let query = db.selectFrom('customer').select('id').where('workspace_id', '=', workspaceId);
	query =
		'id' in ref ? query.where('id', '=', ref.id) : query.where('external_id', '=', ref.externalId);
	const row = await query.executeTakeFirst();
	return row ? Number(row.id) : null;
}

/** The channel limits a simulated send respects; the defaults when the workspace has no row. */
export async function messageLimits(
	db: Db,
	workspaceId: number
): Promise<{ capPerDay: number | null; capPerWeek: number | null; globalHoldout: number }> {
	// Read the row itself: the settings service would create one (and a webhook secret) on first use.
	const row = await findChannelSettingsRow(db, workspaceId);
	return {
		capPerDay: row?.cap_per_day ?? null,
		capPerWeek: row?.cap_per_week ?? null,
		globalHoldout: Number(row?.global_holdout ?? 0)
	};
}

// Every column, so the stand-in below is the customer row in all but its traits. A column added
// to the schema and not here fails the type check rather than a segment query at run time.
const CUSTOMER_COLUMNS = {
	id: true,
	workspace_id: true,
	external_id: true,
	email: true,
	name: true,
	traits: true,
	consent: true,
	first_seen_at: true,
	last_seen_at: true,
	orders_count: true,
	revenue_minor: true,
	first_order_at: true,
	last_order_at: true,
	created_at: true,
	updated_at: true,
	avg_days_between_orders: true,
	rfm_recency: true,
	rfm_frequency: true,
	rfm_monetary: true,
	value_tier: true,
	lifecycle_stage: true,
	churn_risk: true,
	loyalty_points: true,
	facts_stale_at: true,
	search_text: true
} satisfies Record<keyof CustomerTable, true>;

/**
 * `customerMatches`, but with the traits a simulation has changed in memory: the compiled segment
 * runs against a one-row stand-in for `customer` whose traits are the given ones, so an earlier
 * update_profile step is seen by a later condition without writing it anywhere.
 */
export async function customerMatchesWithTraits(
	db: Db,
	workspaceId: number,
	customerId: number,
	traits: Record<string, unknown> | null,
	root: GroupNode,
	now: number
): Promise<boolean> {
	if (traits === null) return customerMatches(db, workspaceId, customerId, root, now);
	const dialect = dialectOf(db);
	const condition = compileSegment(
		{ version: 1, marketing: false, root },
		{ dialect, workspaceId, now }
	);
	const document = JSON.stringify(traits);
	const value = dialect === 'postgres' ? sql`cast(${document} as jsonb)` : sql`${document}`;
	const columns = Object.keys(CUSTOMER_COLUMNS)
		.filter((c) => c !== 'traits')
		.map((c) => sql`c.${sql.id(c)} as ${sql.id(c)}`);
	const standIn = sql<{
		id: number;
	}>`(select ${sql.join(columns)}, ${value} as traits from customer c where c.workspace_id = ${workspaceId} and c.id = ${customerId})`;
	const row = await db
		.selectFrom(standIn.as('customer'))
		.select(sql<number>`customer.id`.as('id'))
		.where(condition)
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * A customer who exists only in a test run ("describe a customer"): no row, no history. Segment
 * conditions see a brand-new shopper with these columns and traits, no orders and no events.
 */
export type DescribedCustomer = Omit<JourneyCustomer, 'id' | 'workspaceTimeZone'>;

/**
 * A one-row stand-in for `customer` holding a described customer. The row comes from a left join
 * that finds nothing (ids start at 1), so each column keeps the table's type on PostgreSQL and a
 * bound value only has to fill it in: `coalesce(value, c.column)`. Its id is null, so the event
 * subqueries of a condition (`e.customer_id = customer.id`) find no history.
 */
function describedStandIn(db: Db, workspaceId: number, customer: DescribedCustomer, now: number) {
	const dialect = dialectOf(db);
	const document = JSON.stringify(customer.traits);
	const traits = dialect === 'postgres' ? sql`cast(${document} as jsonb)` : sql`${document}`;
	const values: Partial<Record<keyof CustomerTable, string | number | null>> = {
		workspace_id: workspaceId,
		external_id: customer.externalId,
		email: customer.email,
		name: customer.name,
		consent: customer.consent,
		first_seen_at: now,
		last_seen_at: now,
		created_at: now,
		updated_at: now,
		orders_count: 0,
		revenue_minor: 0,
		lifecycle_stage: 'prospect',
		loyalty_points: customer.loyaltyPoints
	};
	const columns = (Object.keys(CUSTOMER_COLUMNS) as (keyof CustomerTable)[]).map((c) => {
		if (c === 'traits') return sql`${traits} as traits`;
		const value = values[c];
		return value === null || value === undefined
			? sql`c.${sql.id(c)} as ${sql.id(c)}`
			: sql`coalesce(${value}, c.${sql.id(c)}) as ${sql.id(c)}`;
	});
	return sql<{
		id: number;
	}>`(select ${sql.join(columns)} from (select 1 as one) one left join customer c on c.id = 0)`;
}

async function describedMatches(
	db: Db,
	workspaceId: number,
	customer: DescribedCustomer,
	definition: SegmentDefinition,
	now: number
): Promise<boolean> {
	const condition = compileSegment(definition, { dialect: dialectOf(db), workspaceId, now });
	const row = await db
		.selectFrom(describedStandIn(db, workspaceId, customer, now).as('customer'))
		.select(sql<number>`1`.as('hit'))
		.where(condition)
		.executeTakeFirst();
	return row !== undefined;
}

/** A condition's customer check, for a described customer. */
export async function describedCustomerMatches(
	db: Db,
	workspaceId: number,
	customer: DescribedCustomer,
	root: GroupNode,
	now: number
): Promise<boolean> {
	return describedMatches(db, workspaceId, customer, { version: 1, marketing: false, root }, now);
}

/**
 * Whether a described customer would be in the segment: its rules, evaluated on them, since no
 * stored membership can exist. A segment that is gone or no longer valid has nobody in it.
 */
export async function describedInSegment(
	db: Db,
	workspaceId: number,
	segmentId: number,
	customer: DescribedCustomer,
	now: number
): Promise<boolean> {
	const segment = await findSegmentRow(db, workspaceId, segmentId);
	if (!segment) return false;
	const parsed = parseSegment(readJson<unknown>(segment.definition, null));
	if (!parsed.ok) return false;
	return describedMatches(db, workspaceId, customer, parsed.definition, now);
}

function record(value: unknown): Record<string, unknown> {
	const parsed = readJson<unknown>(value, {});
	return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
		? (parsed as Record<string, unknown>)
		: {};
}

/** Named events of known customers in [from, to], oldest first, a page after `afterId` at a time. */
export async function eventsNamed(
	db: Db,
	workspaceId: number,
	input: { name: string; from: number; to: number; afterId: number; limit: number }
): Promise<SimulationEvent[]> {
	const rows = await db
		.selectFrom('event')
		.select(['id', 'customer_id as customerId', 'name', 'properties', 'timestamp'])
		.where('workspace_id', '=', workspaceId)
		.where('name', '=', input.name)
		.where('timestamp', '>=', input.from)
		.where('timestamp', '<=', input.to)
		.where('customer_id', 'is not', null)
		.where('id', '>', input.afterId)
		.orderBy('id')
		.limit(input.limit)
		.execute();
	return rows.map((r) => ({
		id: Number(r.id),
		customerId: Number(r.customerId),
		name: r.name ?? input.name,
		properties: record(r.properties),
		timestamp: Number(r.timestamp)
	}));
}

/** These customers' events of these names in [from, to], oldest first. */
export async function eventsOfCustomers(
	db: Db,
	workspaceId: number,
	input: { customerIds: readonly number[]; names: readonly string[]; from: number; to: number }
): Promise<SimulationEvent[]> {
	if (input.customerIds.length === 0 || input.names.length === 0) return [];
	const out: SimulationEvent[] = [];
	for (const ids of chunks([...new Set(input.customerIds)], 400)) {
		const rows = await db
			.selectFrom('event')
			.select(['id', 'customer_id as customerId', 'name', 'properties', 'timestamp'])
			.where('workspace_id', '=', workspaceId)
			.where('customer_id', 'in', ids)
			.where('name', 'in', [...input.names])
			.where('timestamp', '>=', input.from)
			.where('timestamp', '<=', input.to)
			.execute();
		for (const r of rows)
			out.push({
				id: Number(r.id),
				customerId: Number(r.customerId),
				name: r.name ?? '',
				properties: record(r.properties),
				timestamp: Number(r.timestamp)
			});
	}
	return out.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
}

export async function segmentMemberIds(
	db: Db,
	workspaceId: number,
	segmentId: number
): Promise<number[]> {
	const rows = await db
		.selectFrom('segment_membership')
		.select('customer_id')
		.where('workspace_id', '=', workspaceId)
		.where('segment_id', '=', segmentId)
		.orderBy('customer_id')
		.execute();
	return rows.map((r) => Number(r.customer_id));
}

/**
 * Customers whose last `event` happened in [from, to), with when: they crossed an inactivity line
 * `to - from` wide. Orders come from the customer's facts, which include offline orders, as the
 * engine's entry does.
 */
export async function lastEventsBetween(
	db: Db,
	workspaceId: number,
	input: { event: string; from: number; to: number }
): Promise<{ customerId: number; last: number }[]> {
	if (input.event === 'Order Completed') {
		const rows = await db
			.selectFrom('customer')
			.select(['id', 'last_order_at'])
			.where('workspace_id', '=', workspaceId)
			.where('last_order_at', '>=', input.from)
			.where('last_order_at', '<', input.to)
			.orderBy('id')
			.execute();
		return rows.map((r) => ({ customerId: Number(r.id), last: Number(r.last_order_at) }));
	}
	const rows = await db
		.selectFrom('event')
		.select(['customer_id', (eb) => eb.fn.max('timestamp').as('last')])
		.where('workspace_id', '=', workspaceId)
		.where('name', '=', input.event)
		.where('customer_id', 'is not', null)
		.groupBy('customer_id')
		.having((eb) => eb.fn.max('timestamp'), '>=', input.from)
		.having((eb) => eb.fn.max('timestamp'), '<', input.to)
		.orderBy('customer_id')
		.execute();
	return rows.map((r) => ({ customerId: Number(r.customer_id), last: Number(r.last) }));
}

export async function churnRiskAtLeast(
	db: Db,
	workspaceId: number,
	threshold: number
): Promise<number[]> {
	const rows = await db
		.selectFrom('customer')
		.select('id')
		.where('workspace_id', '=', workspaceId)
		.where('churn_risk', '>=', threshold)
		.orderBy('id')
		.execute();
	return rows.map((r) => Number(r.id));
}

/** Customers holding a date trait (or a first order, for `first_order_at`), with their traits. */
export async function customersWithDateValue(
	db: Db,
	workspaceId: number,
	trait: string
): Promise<{ id: number; value: unknown; traits: Record<string, unknown> }[]> {
	if (trait === 'first_order_at') {
		const rows = await db
			.selectFrom('customer')
			.select(['id', 'first_order_at', 'traits'])
			.where('workspace_id', '=', workspaceId)
			.where('first_order_at', 'is not', null)
			.orderBy('id')
			.execute();
		return rows.map((r) => ({
			id: Number(r.id),
			value: r.first_order_at,
			traits: record(r.traits)
		}));
	}
	// The key is the date trait's own name, bound as a parameter; the match happens in code.
	const field =
		dialectOf(db) === 'postgres'
			? sql`customer.traits ->> ${trait}`
			: sql`json_extract(customer.traits, ${`$."${trait.replace(/"/g, '')}"`})`;
	const rows = await db
		.selectFrom('customer')
		.select(['id', sql<unknown>`${field}`.as('value'), 'traits'])
		.where('workspace_id', '=', workspaceId)
		.where(sql<boolean>`${field} is not null`)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ id: Number(r.id), value: r.value, traits: record(r.traits) }));
}

export async function workspaceTimeZone(db: Db, workspaceId: number): Promise<string> {
	const row = await db
		.selectFrom('workspace')
		.select('time_zone')
		.where('id', '=', workspaceId)
		.executeTakeFirst();
	return row?.time_zone ?? 'UTC';
}
