import type { Db } from '../db/connect';

/**
 * Events received since `since`, looking at no more than the workspace's `cap` newest events: the
 * page polls every few seconds and only needs "none", "some" or "plenty", and events has no index
 * on received_at (ingestion speed matters more), so the scan stays bounded.
 */
export async function countEventsReceivedSince(
	db: Db,
	workspaceId: number,
	since: number,
	cap = 1000
): Promise<number> {
	const recent = db
		.selectFrom('event')
		.select('received_at')
		.where('workspace_id', '=', workspaceId)
		.orderBy('id', 'desc')
		.limit(cap);
	const row = await db
		.selectFrom(recent.as('recent'))
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('received_at', '>=', since)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
