import type { SnapshotCell } from '../../dashboard/model';
import type { Db } from '../db/connect';
import type { LifecycleStage } from '../db/schema';

/** Replaces the snapshots of the given months with `cells`. Run inside a transaction. */
export async function replaceSnapshots(
	db: Db,
	workspaceId: number,
	months: readonly string[],
	cells: readonly SnapshotCell[]
): Promise<void> {
	if (!months.length) return;
	await db
		.deleteFrom('lifecycle_snapshot')
		.where('workspace_id', '=', workspaceId)
		.where('month', 'in', [...months])
		.execute();
	const rows = cells
		.filter((c) => c.customers > 0)
		.map((c) => ({
			workspace_id: workspaceId,
			month: c.month,
			stage: c.stage,
			tier: c.tier,
			customers: c.customers
		}));
	// A dashboard's first look of the month can race the periodic job; both write the same
	// figures, so the later write simply wins instead of failing on the primary key.
	for (let i = 0; i < rows.length; i += 500)
		await db
			.insertInto('lifecycle_snapshot')
			.values(rows.slice(i, i + 500))
			.onConflict((oc) =>
				oc
					.columns(['workspace_id', 'month', 'stage', 'tier'])
					.doUpdateSet((eb) => ({ customers: eb.ref('excluded.customers') }))
			)
			.execute();
}

export async function snapshotCells(
	db: Db,
	workspaceId: number,
	months: readonly string[]
): Promise<SnapshotCell[]> {
	if (!months.length) return [];
	const rows = await db
		.selectFrom('lifecycle_snapshot')
		.select(['month', 'stage', 'tier', 'customers'])
		.where('workspace_id', '=', workspaceId)
		.where('month', 'in', [...months])
		.orderBy('month')
		.orderBy('stage')
		.orderBy('tier')
		.execute();
	return rows.map((r) => ({
		month: r.month,
		stage: r.stage as LifecycleStage,
		tier: r.tier as SnapshotCell['tier'],
		customers: Number(r.customers)
	}));
}

/** The month of the workspace's newest snapshot, or null before the first. */
export async function latestSnapshotMonth(db: Db, workspaceId: number): Promise<string | null> {
	const row = await db
		.selectFrom('lifecycle_snapshot')
		.select((eb) => eb.fn.max('month').as('month'))
		.where('workspace_id', '=', workspaceId)
		.executeTakeFirst();
	return row?.month ?? null;
}

export async function workspaceZones(db: Db): Promise<{ id: number; timeZone: string }[]> {
	return db.selectFrom('workspace').select(['id', 'time_zone as timeZone']).orderBy('id').execute();
}
