import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { findJourney, findVersionByNumber } from './journey-repository';

export interface NodeStats {
	/** Arrivals at the node (a run that loops counts each time). */
	entered: number;
	/** Runs at this node right now, waiting for a timer or an event. */
	waiting: number;
	/** How many left by each output, and the other outcomes (queued, skipped_consent...). */
	outcomes: Record<string, number>;
	/** Runs that converted here (goal nodes) or while waiting here (the journey's goal). */
	converted: number;
}

export interface JourneyStats {
	nodes: Record<string, NodeStats>;
	runs: {
		total: number;
		active: number;
		completed: number;
		converted: number;
		exited: number;
		failed: number;
		holdout: number;
	};
	conversionRate: number | null;
	/** Orders of converted customers within the goal window after they entered. */
	revenueMinor: number;
}

function node(stats: Record<string, NodeStats>, id: string): NodeStats {
	let s = stats[id];
	if (!s) {
		s = { entered: 0, waiting: 0, outcomes: {}, converted: 0 };
		stats[id] = s;
	}
	return s;
}

/**
 * Per-node counts from the append-only step log, and the runs' current state. With `versionId`,
 * only runs that entered on that version (a run keeps its version to the end, and so do its
 * steps); without it, every version's runs together.
 */
export async function journeyStats(
	db: Db,
	workspaceId: number,
	journeyId: number,
	goalWindowDays: number,
	scope: { versionId?: number } = {}
): Promise<JourneyStats> {
	const { versionId } = scope;
	const nodes: Record<string, NodeStats> = Object.create(null) as Record<string, NodeStats>;
	const steps = await db
		.selectFrom('journey_step')
		.select(['node_id as nodeId', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
		.where('workspace_id', '=', workspaceId)
		.where('journey_id', '=', journeyId)
		.$if(versionId !== undefined, (qb) => qb.where('version_id', '=', versionId!))
		.groupBy(['node_id', 'outcome'])
		.execute();
	for (const row of steps) {
		const s = node(nodes, row.nodeId);
		const n = Number(row.n);
		if (row.outcome === 'entered') s.entered += n;
		else s.outcomes[row.outcome] = (s.outcomes[row.outcome] ?? 0) + n;
		if (row.outcome === 'converted') s.converted += n;
	}
	const runs = await db
		.selectFrom('enrollment')
		.select(['status', 'node_id as nodeId', (eb) => eb.fn.countAll<number>().as('n')])
		.where('workspace_id', '=', workspaceId)
		.where('journey_id', '=', journeyId)
		.$if(versionId !== undefined, (qb) => qb.where('version_id', '=', versionId!))
		.groupBy(['status', 'node_id'])
		.execute();
	const totals = {
		total: 0,
		active: 0,
		completed: 0,
		converted: 0,
		exited: 0,
		failed: 0,
		holdout: 0
	};
	for (const row of runs) {
		const n = Number(row.n);
		totals.total += n;
		totals[row.status] += n;
		if (row.status === 'active') node(nodes, row.nodeId).waiting += n;
	}
	const windowMs = goalWindowDays * 86_400_000;
	const revenue = await db
		.selectFrom('enrollment')
		.innerJoin('shop_order', (join) =>
			join
				.onRef('shop_order.customer_id', '=', 'enrollment.customer_id')
				.on('shop_order.workspace_id', '=', workspaceId)
		)
		.select(sql<number>`coalesce(sum(shop_order.total_minor), 0)`.as('revenue'))
		.where('enrollment.workspace_id', '=', workspaceId)
		.where('enrollment.journey_id', '=', journeyId)
		.where('enrollment.status', '=', 'converted')
		.$if(versionId !== undefined, (qb) => qb.where('enrollment.version_id', '=', versionId!))
		.where('shop_order.status', '=', 'completed')
		.whereRef('shop_order.placed_at', '>=', 'enrollment.entered_at')
		.where(sql<boolean>`shop_order.placed_at <= enrollment.entered_at + ${windowMs}`)
		.executeTakeFirst();
	const entered = totals.total - totals.holdout;
	return {
		nodes,
		runs: totals,
		conversionRate: entered > 0 ? totals.converted / entered : null,
		revenueMinor: Number(revenue?.revenue ?? 0)
	};
}

export type JourneyStatsResult =
	| { ok: true; value: JourneyStats & { goalWindowDays: number } }
	| { ok: false; error: { code: 'not_found' | 'version_not_found'; message: string } };

/**
 * The stats behind `GET /api/v1/journeys/{id}/stats`: every version's runs, or with `version`
 * (its number) only the runs that entered on it, measured against that version's goal window.
 */
export async function journeyStatsById(
	db: Db,
	workspaceId: number,
	journeyId: number,
	version: number | null
): Promise<JourneyStatsResult> {
	if (!(await findJourney(db, workspaceId, journeyId)))
		return { ok: false, error: { code: 'not_found', message: 'No such journey.' } };
	if (version === null) {
		const window = await goalWindowDays(db, workspaceId, journeyId);
		const stats = await journeyStats(db, workspaceId, journeyId, window);
		return { ok: true, value: { goalWindowDays: window, ...stats } };
	}
	const found = await findVersionByNumber(db, workspaceId, journeyId, version);
	if (!found)
		return {
			ok: false,
			error: { code: 'version_not_found', message: `This journey has no version ${version}.` }
		};
	const window = goalWindowOf(found.definition);
	const stats = await journeyStats(db, workspaceId, journeyId, window, { versionId: found.id });
	return { ok: true, value: { goalWindowDays: window, ...stats } };
}

/** The goal window of the journey's live (or latest) version, in days; 30 when it has none. */
export async function goalWindowDays(
	db: Db,
	workspaceId: number,
	journeyId: number
): Promise<number> {
	const row = await db
		.selectFrom('journey_version')
		.select('definition')
		.where('workspace_id', '=', workspaceId)
		.where('journey_id', '=', journeyId)
		.orderBy('number', 'desc')
		.limit(1)
		.executeTakeFirst();
	return goalWindowOf(readJson<unknown>(row?.definition, {}));
}

function goalWindowOf(definition: unknown): number {
	const goal = (definition as { settings?: { goal?: { windowDays?: unknown } | null } } | null)
		?.settings?.goal;
	const days = Number(goal?.windowDays);
	return Number.isFinite(days) && days > 0 ? days : 30;
}
