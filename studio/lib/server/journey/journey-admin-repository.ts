import type { Db } from '../db/connect';

export async function segmentHasMembersWithoutEmail(
	db: Db,
	workspaceId: number,
	segmentId: number
): Promise<boolean> {
	const row = await db
		.selectFrom('segment_membership')
		.innerJoin('customer', 'customer.id', 'segment_membership.customer_id')
		.select('customer.id')
		.where('segment_membership.workspace_id', '=', workspaceId)
		.where('segment_membership.segment_id', '=', segmentId)
		.where((eb) => eb.or([eb('customer.email', 'is', null), eb('customer.email', '=', '')]))
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** Archiving a journey ends every run still inside it, logged as exited. */
export async function exitActiveRuns(
	db: Db,
	workspaceId: number,
	journeyId: number,
	now: number
): Promise<number> {
	const active = await db
		.selectFrom('enrollment')
		.select(['id', 'version_id', 'customer_id', 'node_id'])
		.where('workspace_id', '=', workspaceId)
		.where('journey_id', '=', journeyId)
		.where('status', '=', 'active')
		.execute();
	if (active.length === 0) return 0;
	for (let i = 0; i < active.length; i += 500) {
		const chunk = active.slice(i, i + 500);
		await db
			.insertInto('journey_step')
			.values(
				chunk.map((r) => ({
					workspace_id: workspaceId,
					journey_id: journeyId,
					version_id: r.version_id,
					enrollment_id: r.id,
					customer_id: r.customer_id,
					node_id: r.node_id,
					outcome: 'exited',
					detail: JSON.stringify({ reason: 'archived' }),
					at: now
				}))
			)
			.execute();
		await db
			.updateTable('enrollment')
			.set({ status: 'exited', wake_at: null, waiting_for: null, ended_at: now, updated_at: now })
			.where(
				'id',
				'in',
				chunk.map((r) => r.id)
			)
			.execute();
	}
	return active.length;
}
