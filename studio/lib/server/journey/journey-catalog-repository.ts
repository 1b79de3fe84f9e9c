import type { Db } from '../db/connect';

/**
 * Event names among the workspace's latest `sample` events, with how often each occurs there.
 * Counting a bounded sample keeps the cost flat however long the history grows, and the most
 * recent traffic is what a marketer building a journey today cares about.
 */
export async function recentEventNameCounts(
	db: Db,
	workspaceId: number,
	sample: number,
	limit: number
): Promise<{ name: string; count: number }[]> {
	const recent = db
		.selectFrom('event')
		.select('name')
		.where('workspace_id', '=', workspaceId)
		.where('name', 'is not', null)
		.orderBy('id', 'desc')
		.limit(sample)
		.as('recent');
	const rows = await db
		.selectFrom(recent)
		.select(['recent.name', (eb) => eb.fn.countAll<number | string>().as('n')])
		.groupBy('recent.name')
		.orderBy('n', 'desc')
		.orderBy('recent.name')
		.limit(limit)
		.execute();
	return rows.flatMap((r) => (r.name ? [{ name: r.name, count: Number(r.n) }] : []));
}

export async function segmentNames(
	db: Db,
	workspaceId: number
): Promise<{ id: number; name: string }[]> {
	return db
		.selectFrom('segment')
		.select(['id', 'name'])
		.where('workspace_id', '=', workspaceId)
		.orderBy('name')
		.orderBy('id')
		.execute();
}

/** Placements this workspace's journeys delivered offers to, or its storefront showed lately. */
export async function usedPlacements(
	db: Db,
	workspaceId: number,
	since: number,
	limit: number
): Promise<string[]> {
	const offers = await db
		.selectFrom('journey_offer')
		.select('placement')
		.distinct()
		.where('workspace_id', '=', workspaceId)
		.orderBy('placement')
		.limit(limit)
		.execute();
	const shown = await db
		.selectFrom('recommendation_interaction')
		.select('placement')
		.distinct()
		.where('workspace_id', '=', workspaceId)
		.where('kind', 'in', ['view', 'click'])
		.where('at', '>=', since)
		.orderBy('placement')
		.limit(limit)
		.execute();
	return [...offers, ...shown].map((r) => r.placement);
}
