import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectName } from '../db/connect';
import {
	TRAIT_KEY_PATTERN,
	type Condition,
	type EventCondition,
	type FactCondition,
	type SegmentDefinition,
	type SegmentNode,
	type TraitOperator
} from '../../segment/definition';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CompileContext {
	dialect: DialectName;
	workspaceId: number;
	/** The evaluation time: "days ago" and event windows count back from it, never the DB clock. */
	now: number;
}

type Sql = RawBuilder<unknown>;
type Bool = RawBuilder<SqlBool>;

/**
 * The membership test of a (validated) definition as a boolean expression over the `customer`
 * table, workspace scope and consent included. Every value is a bound parameter; trait and property
 * keys are bound too (as JSON paths), and checked against a safe charset besides.
 */
export function compileSegment(definition: SegmentDefinition, ctx: CompileContext): Bool {
	const parts: Bool[] = [sql<SqlBool>`customer.workspace_id = ${ctx.workspaceId}`];
	if (definition.marketing) parts.push(sql<SqlBool>`customer.consent <> 'denied'`);
	if (definition.root.children.length) parts.push(compileNode(definition.root, ctx));
	return and(parts);
}

function compileNode(node: SegmentNode, ctx: CompileContext): Bool {
	if (node.type === 'group') {
		const children = node.children.map((child) => compileNode(child, ctx));
		if (!children.length) return sql<SqlBool>`1 = 1`;
		return node.op === 'and' ? and(children) : or(children);
	}
	return compileCondition(node, ctx);
}

function compileCondition(condition: Condition, ctx: CompileContext): Bool {
	switch (condition.type) {
		case 'trait':
			return compileTrait(condition.key, condition.operator, condition.value, ctx);
		case 'fact':
			return compileFact(condition, ctx);
		case 'event':
			return compileEvent(condition, ctx);
	}
}

function and(parts: Bool[]): Bool {
	return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

function or(parts: Bool[]): Bool {
	return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

function not(part: Expression<SqlBool>): Bool {
	return sql<SqlBool>`not (${part})`;
}

// ---- traits and event properties -------------------------------------------------------------

/** Reads of one top-level key of a JSON column, as text, as a number and as an ISO date. */
interface JsonField {
	text: Sql;
	number: Sql;
	date: Sql;
}

function assertKey(key: string): void {
	// Validation already refused these; this guards callers that skip it.
	if (!TRAIT_KEY_PATTERN.test(key)) throw new Error(`Unsafe JSON key in a segment: ${key}`);
}

function jsonField(column: Sql, key: string, dialect: DialectName): JsonField {
	assertKey(key);
	if (dialect === 'postgres') {
		const text = sql`(${column} ->> ${key}::text)`;
		const type = sql`jsonb_typeof(${column} -> ${key}::text)`;
		return {
			text,
			// Only JSON numbers and strictly numeric strings are cast: a failed cast would abort the query.
			number: sql`(case when ${type} = 'number' then ${text}::numeric when ${type} = 'string' and btrim(${text}) ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$' then btrim(${text})::numeric end)`,
			date: sql`(case when ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' then substr(${text}, 1, 10) end)`
		};
	}
	const path = `$."${key}"`;
	const type = sql`json_type(${column}, ${path})`;
	const raw = sql`json_extract(${column}, ${path})`;
	// SQLite returns JSON true/false as 1/0; spell them as PostgreSQL's ->> does, so both agree.
	const text = sql`(case ${type} when 'true' then 'true' when 'false' then 'false' when 'null' then null else cast(${raw} as text) end)`;
	return {
		text,
		number: sql`(case when ${type} in ('integer', 'real') then ${raw} when ${type} = 'text' and trim(${raw}) <> '' and trim(${raw}) not glob '*[^0-9.eE+-]*' then cast(trim(${raw}) as real) end)`,
		date: sql`(case when ${text} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' then substr(${text}, 1, 10) end)`
	};
}

function columnField(column: Sql): JsonField {
	return { text: column, number: sql`null`, date: sql`null` };
}

function compileTrait(
	key: string,
	operator: TraitOperator,
	value: string | number | null,
	ctx: CompileContext
): Bool {
	if (key === 'consent') {
		const state = String(value);
		return operator === 'neq'
			? sql<SqlBool>`customer.consent <> ${state}`
			: sql<SqlBool>`customer.consent = ${state}`;
	}
	if (key === 'email') {
		// Email addresses compare without regard to case.
		return compare(columnField(sql`lower(customer.email)`), operator, lower(value), ctx.dialect);
	}
	if (key === 'name') return compare(columnField(sql`customer.name`), operator, value, ctx.dialect);
	return compare(jsonField(sql`customer.traits`, key, ctx.dialect), operator, value, ctx.dialect);
}

function lower(value: string | number | null): string | number | null {
	return typeof value === 'string' ? value.toLowerCase() : value;
}

function compare(
	field: JsonField,
	operator: TraitOperator,
	value: string | number | null,
	dialect: DialectName
): Bool {
	const text = value === null ? '' : String(value);
	switch (operator) {
		case 'eq':
			return sql<SqlBool>`${field.text} = ${text}`;
		case 'neq':
			// A missing trait is "not X" too.
			return sql<SqlBool>`(${field.text} is null or ${field.text} <> ${text})`;
		case 'contains':
			return dialect === 'postgres'
				? sql<SqlBool>`strpos(lower(${field.text}), lower(${text}::text)) > 0`
				: sql<SqlBool>`instr(lower(${field.text}), lower(${text})) > 0`;
		case 'exists':
			return sql<SqlBool>`(${field.text} is not null and ${field.text} <> '')`;
		case 'not_exists':
			return sql<SqlBool>`(${field.text} is null or ${field.text} = '')`;
		case 'gt':
			return sql<SqlBool>`${field.number} > ${Number(value)}`;
		case 'lt':
			return sql<SqlBool>`${field.number} < ${Number(value)}`;
		case 'before':
			return sql<SqlBool>`${field.date} < ${text}`;
		case 'after':
			return sql<SqlBool>`${field.date} > ${text}`;
	}
}

// ---- computed facts --------------------------------------------------------------------------

const FACT_COLUMNS = {
	lifecycle_stage: 'lifecycle_stage',
	value_tier: 'value_tier',
	rfm_recency: 'rfm_recency',
	rfm_frequency: 'rfm_frequency',
	rfm_monetary: 'rfm_monetary',
	orders_count: 'orders_count',
	revenue_minor: 'revenue_minor',
	avg_days_between_orders: 'avg_days_between_orders',
	churn_risk: 'churn_risk',
	last_order_days_ago: 'last_order_at',
	first_seen_days_ago: 'first_seen_at',
	last_seen_days_ago: 'last_seen_at'
} as const;

function compileFact(condition: FactCondition, ctx: CompileContext): Bool {
	const column = sql.ref(`customer.${FACT_COLUMNS[condition.fact]}`);
	if (condition.operator === 'in' || condition.operator === 'not_in') {
		const list = sql.join(condition.value.map((v) => sql`${v}`));
		return condition.operator === 'in'
			? sql<SqlBool>`${column} in (${list})`
			: sql<SqlBool>`(${column} is null or ${column} not in (${list}))`;
	}
	const [low, high] =
		condition.operator === 'between'
			? (condition.value as [number, number])
			: [condition.value as number, condition.value as number];
	if (condition.fact.endsWith('_days_ago'))
		return daysAgo(column, condition.operator, low, high, ctx);
	switch (condition.operator) {
		case 'gt':
			return sql<SqlBool>`${column} > ${low}`;
		case 'gte':
			return sql<SqlBool>`${column} >= ${low}`;
		case 'lt':
			return sql<SqlBool>`${column} < ${low}`;
		case 'lte':
			return sql<SqlBool>`${column} <= ${low}`;
		case 'eq':
			return sql<SqlBool>`${column} = ${low}`;
		case 'between':
			return sql<SqlBool>`${column} between ${low} and ${high}`;
	}
}

/**
 * "Days ago" is the whole days between the time and `now`: floor((now - t) / day). Each operator is
 * turned into a bound on the stored time, so the comparison stays an index-friendly range and no
 * arithmetic runs per row. A missing time (no order yet) never matches.
 */
function daysAgo(
	column: Sql,
	operator: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'between',
	low: number,
	high: number,
	ctx: CompileContext
): Bool {
	// daysAgo >= n  <=>  t <= now - n days;   daysAgo <= n  <=>  t > now - (n + 1) days
	const atLeast = (n: number) => sql<SqlBool>`${column} <= ${ctx.now - n * DAY_MS}`;
	const atMost = (n: number) => sql<SqlBool>`${column} > ${ctx.now - (n + 1) * DAY_MS}`;
	switch (operator) {
		case 'gt':
			return atLeast(low + 1);
		case 'gte':
			return atLeast(low);
		case 'lt':
			return atMost(low - 1);
		case 'lte':
			return atMost(low);
		case 'eq':
			return and([atLeast(low), atMost(low)]);
		case 'between':
			return and([atLeast(low), atMost(high)]);
	}
}

// ---- events ----------------------------------------------------------------------------------

/**
 * Event conditions are correlated subqueries on `event`, answered by the (workspace_id,
 * customer_id, timestamp) index. Counting stops early: `LIMIT n` inside the count means a customer
 * with thousands of page views costs no more than one with n.
 */
function compileEvent(condition: EventCondition, ctx: CompileContext): Bool {
	const filters: Bool[] = [
		sql<SqlBool>`e.workspace_id = ${ctx.workspaceId}`,
		sql<SqlBool>`e.customer_id = customer.id`,
		sql<SqlBool>`e.name = ${condition.name}`
	];
	if (condition.within)
		filters.push(sql<SqlBool>`e.timestamp >= ${ctx.now - condition.within.days * DAY_MS}`);
	if (condition.property) {
		const { key, operator, value } = condition.property;
		filters.push(
			compare(jsonField(sql`e.properties`, key, ctx.dialect), operator, value, ctx.dialect)
		);
	}
	const where = sql.join(filters, sql` and `);
	// Without statistics SQLite's planner prefers (workspace_id, name, timestamp) here and then
	// reads every event of that name once per customer: seconds instead of milliseconds.
	const from =
		ctx.dialect === 'sqlite' ? sql`event e indexed by event_customer_time` : sql`event e`;
	const exists = sql<SqlBool>`exists (select 1 from ${from} where ${where})`;
	const countUpTo = (limit: number) =>
		sql`(select count(*) from (select 1 from ${from} where ${where} limit ${limit}) hits)`;
	const { occurred, count } = condition;
	if (occurred === 'none' || (occurred !== 'at_least' && count === 0)) return not(exists);
	if (occurred === 'at_least')
		return count === 1 ? exists : sql<SqlBool>`${countUpTo(count)} >= ${count}`;
	if (occurred === 'at_most') return sql<SqlBool>`${countUpTo(count + 1)} <= ${count}`;
	return sql<SqlBool>`${countUpTo(count + 1)} = ${count}`;
}
