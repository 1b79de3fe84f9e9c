import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect';

export const DAY_MS = 86_400_000;
/** The covariate for CUPED: revenue in the 30 days before a unit's first exposure. */
export const PRE_PERIOD_MS = 30 * DAY_MS;

/** Sums for one variant and one exposure day (UTC days since the epoch). */
export interface VariantDayAggregate {
	variant: string;
	day: number;
	units: number;
	conversions: number;
	orders: number;
	sumY: number;
	sumY2: number;
	sumX: number;
	sumX2: number;
	sumXY: number;
	/** Units that did each guardrail event within the window, in the order asked. */
	guardrails: number[];
}

export interface ResultsQuery {
	workspaceId: number;
	experimentId: number;
	event: string;
	windowMs: number;
	guardrails: readonly string[];
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Whether the unit's customer did `name` within the window after its first exposure. */
function didEvent(q: ResultsQuery, name: string): RawBuilder<number> {
	return sql<number>`case when exists (
		select 1 from event e
		where e.workspace_id = ${q.workspaceId} and e.customer_id = c.customer_id and e.name = ${name}
			and e.timestamp >= c.first_at and e.timestamp < c.first_at + ${q.windowMs}
	) then 1 else 0 end`;
}

/**
 * Everything the analysis needs, aggregated in the database per variant and exposure day, so the
 * work grows with units only inside the database's index lookups, not in JavaScript:
 *
 * - `c`: each unit's first exposure, its customer and how many variants it saw; units that saw
 *   more than one (cleared storage, a changed weight) are left out here and counted apart.
 * - `per`: per unit, completed orders in the window after exposure (revenue, y) and in the 30
 *   days before (the CUPED covariate, x), in one range scan of the order index; conversions and
 *   guardrails by an indexed existence check on the customer's events. (Joined straight to the
 *   tables rather than to another CTE: SQLite has no index on a CTE and would loop over it.)
 *
 * Sums of squares are taken in floating point (`* 1.0`: real on SQLite, numeric on PostgreSQL)
 * so large revenues cannot overflow 64-bit integers.
 */
export async function aggregateResults(db: Db, q: ResultsQuery): Promise<VariantDayAggregate[]> {
	const guardrailColumns = q.guardrails.map(
		(name, i) => sql`${didEvent(q, name)} as ${sql.ref(`g${i}`)}`
	);
	const guardrailSums = q.guardrails.map(
		(_, i) => sql`sum(${sql.ref(`g${i}`)}) as ${sql.ref(`gs${i}`)}`
	);
	const extra = (list: RawBuilder<unknown>[]) => (list.length ? sql`, ${sql.join(list)}` : sql``);
	const result = await sql<Record<string, unknown>>`
		with c as (
			select unit, max(customer_id) as customer_id, min(variant) as variant,
				min(exposed_at) as first_at, count(*) as seen
			from exposure
			where workspace_id = ${q.workspaceId} and experiment_id = ${q.experimentId}
			group by unit
		),
		per as (
			select c.variant, c.first_at / ${sql.raw(String(DAY_MS))} as day,
				${didEvent(q, q.event)} as converted,
				coalesce(sum(case when o.placed_at >= c.first_at then o.total_minor end), 0) as y,
				count(case when o.placed_at >= c.first_at then 1 end) as orders,
				coalesce(sum(case when o.placed_at < c.first_at then o.total_minor end), 0) as x
				${extra(guardrailColumns)}
			from c
			left join shop_order o on o.workspace_id = ${q.workspaceId} and o.customer_id = c.customer_id
				and o.status = 'completed'
				and o.placed_at >= c.first_at - ${PRE_PERIOD_MS}
				and o.placed_at < c.first_at + ${q.windowMs}
			where c.seen = 1
			group by c.unit, c.variant, c.first_at, c.customer_id
		)
		select variant, day, count(*) as units, sum(converted) as conversions, sum(orders) as orders,
			sum(y) as sum_y, sum(y * 1.0 * y) as sum_y2, sum(x) as sum_x, sum(x * 1.0 * x) as sum_x2,
			sum(x * 1.0 * y) as sum_xy
			${extra(guardrailSums)}
		from per
		group by variant, day
		order by variant, day
	`.execute(db);
	return result.rows.map((r) => ({
		variant: String(r.variant),
		day: num(r.day),
		units: num(r.units),
		conversions: num(r.conversions),
		orders: num(r.orders),
		sumY: num(r.sum_y),
		sumY2: num(r.sum_y2),
		sumX: num(r.sum_x),
		sumX2: num(r.sum_x2),
		sumXY: num(r.sum_xy),
		guardrails: q.guardrails.map((_, i) => num(r[`gs${i}`]))
	}));
}

/** Units exposed to more than one variant. */
export async function countContaminated(
	db: Db,
	workspaceId: number,
	experimentId: number
): Promise<number> {
	const row = await db
		.selectFrom((eb) =>
			eb
				.selectFrom('exposure')
				.select('unit')
				.where('workspace_id', '=', workspaceId)
				.where('experiment_id', '=', experimentId)
				.groupBy('unit')
				.having((h) => h.fn.countAll(), '>', 1)
				.as('multi')
		)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirst();
	return num(row?.n);
}
