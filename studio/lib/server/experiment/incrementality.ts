import { sql } from 'kysely';
import { compareMeans, compareProportions, type Comparison } from '../../experiment/stats';
import type { IncrementalityArm, JourneyIncrementality } from '../../experiment/model';
import type { PropertyFilter } from '../../segment/definition';
import { matchesAll } from '../../journey/match';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { DAY_MS } from './results-repository';

/** Without a goal, a journey is judged on completed orders within a week of entering it. */
export const NO_GOAL_EVENT = 'Order Completed';
export const NO_GOAL_WINDOW_DAYS = 7;

interface Goal {
	event: string;
	filters: PropertyFilter[];
	windowDays: number;
}

/** The goal of the version people enter now (the live one, else the newest, else the draft). */
async function goalOf(
	db: Db,
	workspaceId: number,
	journeyId: number
): Promise<{ found: boolean; goal: Goal | null }> {
	const journey = await db
		.selectFrom('journey')
		.leftJoin('journey_version', (join) =>
			join
				.onRef('journey_version.id', '=', 'journey.live_version_id')
				.on('journey_version.workspace_id', '=', workspaceId)
		)
		.select(['journey.draft', 'journey_version.definition'])
		.where('journey.workspace_id', '=', workspaceId)
		.where('journey.id', '=', journeyId)
		.executeTakeFirst();
	if (!journey) return { found: false, goal: null };
	let definition: unknown = journey.definition;
	if (definition === null || definition === undefined) {
		const newest = await db
			.selectFrom('journey_version')
			.select('definition')
			.where('workspace_id', '=', workspaceId)
			.where('journey_id', '=', journeyId)
			.orderBy('number', 'desc')
			.limit(1)
			.executeTakeFirst();
		definition = newest?.definition ?? journey.draft;
	}
	const parsed = readJson<{ settings?: { goal?: unknown } } | null>(definition, null);
	const goal = parsed?.settings?.goal as Partial<Goal> | null | undefined;
	if (!goal || typeof goal.event !== 'string' || !goal.event) return { found: true, goal: null };
	const windowDays = Number(goal.windowDays);
	return {
		found: true,
		goal: {
			event: goal.event,
			filters: Array.isArray(goal.filters) ? goal.filters : [],
			windowDays: Number.isFinite(windowDays) && windowDays > 0 ? windowDays : NO_GOAL_WINDOW_DAYS
		}
	};
}

interface ArmSums {
	units: number;
	conversions: number;
	sumY: number;
	sumY2: number;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * Per arm (held = 1: the holdout) in the database: runs, runs that converted (the goal event, or
 * a completed order when there is no goal, within the window after entry) and the sums of
 * revenue per run (completed orders placed within the window). With goal property filters the
 * conversion is decided in JavaScript from the candidate events instead (the filters are the
 * engine's in-memory rules); the other sums stay in SQL.
 */
async function armSums(
	db: Db,
	workspaceId: number,
	journeyId: number,
	goal: Goal | null,
	windowMs: number
): Promise<{ treated: ArmSums; holdout: ArmSums }> {
	const filtered = goal !== null && goal.filters.length > 0;
	const converted = goal
		? filtered
			? sql`0`
			: sql`case when exists (
					select 1 from event e
					where e.workspace_id = ${workspaceId} and e.customer_id = r.customer_id
						and e.name = ${goal.event}
						and e.timestamp >= r.entered_at and e.timestamp < r.entered_at + ${windowMs}
				) then 1 else 0 end`
		: sql`case when count(o.id) > 0 then 1 else 0 end`;
	const result = await sql<Record<string, unknown>>`
		with per as (
			select case when r.status = 'holdout' then 1 else 0 end as held, ${converted} as converted,
				coalesce(sum(o.total_minor), 0) as y
			from enrollment r
			left join shop_order o on o.workspace_id = ${workspaceId} and o.customer_id = r.customer_id
				and o.status = 'completed'
				and o.placed_at >= r.entered_at and o.placed_at < r.entered_at + ${windowMs}
			where r.workspace_id = ${workspaceId} and r.journey_id = ${journeyId}
			group by r.id, r.status, r.customer_id, r.entered_at
		)
		select held, count(*) as units, sum(converted) as conversions, sum(y) as sum_y,
			sum(y * 1.0 * y) as sum_y2
		from per group by held
	`.execute(db);
	const empty = (): ArmSums => ({ units: 0, conversions: 0, sumY: 0, sumY2: 0 });
	const arms = { treated: empty(), holdout: empty() };
	for (const row of result.rows) {
		const arm = num(row.held) === 1 ? arms.holdout : arms.treated;
		arm.units = num(row.units);
		arm.conversions = num(row.conversions);
		arm.sumY = num(row.sum_y);
		arm.sumY2 = num(row.sum_y2);
	}
	if (filtered) {
		const candidates = await sql<{ id: unknown; held: unknown; properties: unknown }>`
			select r.id, case when r.status = 'holdout' then 1 else 0 end as held, e.properties
			from enrollment r
			join event e on e.workspace_id = ${workspaceId} and e.customer_id = r.customer_id
				and e.name = ${goal.event}
				and e.timestamp >= r.entered_at and e.timestamp < r.entered_at + ${windowMs}
			where r.workspace_id = ${workspaceId} and r.journey_id = ${journeyId}
		`.execute(db);
		const done = { treated: new Set<number>(), holdout: new Set<number>() };
		for (const c of candidates.rows)
			if (matchesAll(readJson<unknown>(c.properties, {}), goal.filters))
				(num(c.held) === 1 ? done.holdout : done.treated).add(num(c.id));
		arms.treated.conversions = done.treated.size;
		arms.holdout.conversions = done.holdout.size;
	}
	return arms;
}

function arm(s: ArmSums): IncrementalityArm {
	return {
		units: s.units,
		conversions: s.conversions,
		rate: s.units ? s.conversions / s.units : 0,
		revenueMinor: s.sumY,
		revenuePerUnitMinor: s.units ? s.sumY / s.units : 0
	};
}

function meanOf(s: ArmSums) {
	const mean = s.units ? s.sumY / s.units : 0;
	const variance = s.units > 1 ? Math.max(0, (s.sumY2 - s.units * mean * mean) / (s.units - 1)) : 0;
	return { units: s.units, mean, variance };
}

const known = (c: Comparison): Comparison | null => (Number.isNaN(c.pValue) ? null : c);

/** A per-unit difference (with its interval) scaled to the treated units. */
function scaled(c: Comparison | null, units: number) {
	if (!c) return null;
	return {
		estimate: c.difference * units,
		lower: c.differenceInterval.lower * units,
		upper: c.differenceInterval.upper * units
	};
}

/**
 * A journey's treated runs against its holdout (runs kept out by the journey's or the workspace's
 * control group, enrolment status 'holdout'): units are runs, so a customer who entered twice
 * counts twice in the arm the hash put them in both times. Incremental conversions and revenue
 * are the per-run differences times the treated runs: what the journey added over doing nothing.
 * Null when the journey is not in the workspace.
 */
export async function journeyIncrementality(
	db: Db,
	workspaceId: number,
	journeyId: number,
	now = Date.now()
): Promise<JourneyIncrementality | null> {
	if (!Number.isSafeInteger(journeyId)) return null;
	const { found, goal } = await goalOf(db, workspaceId, journeyId);
	if (!found) return null;
	const windowDays = goal?.windowDays ?? NO_GOAL_WINDOW_DAYS;
	const sums = await armSums(db, workspaceId, journeyId, goal, windowDays * DAY_MS);
	const treated = arm(sums.treated);
	const holdout = arm(sums.holdout);
	const both = sums.treated.units > 0 && sums.holdout.units > 0;
	const conversion = both
		? known(
				compareProportions(
					{ units: holdout.units, conversions: holdout.conversions },
					{ units: treated.units, conversions: treated.conversions },
					{ sequential: true }
				)
			)
		: null;
	const revenue = both
		? known(compareMeans(meanOf(sums.holdout), meanOf(sums.treated), { sequential: true }))
		: null;
	return {
		journeyId,
		computedAt: now,
		event: goal?.event ?? NO_GOAL_EVENT,
		windowDays,
		treated,
		holdout,
		conversion,
		revenue,
		incrementalConversions: scaled(conversion, treated.units),
		incrementalRevenueMinor: scaled(revenue, treated.units)
	};
}
