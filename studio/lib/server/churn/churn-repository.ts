import { sql } from 'kysely';
import { chunks } from '../db/chunks';
import type { Db } from '../db/connect';

/** Every customer of the workspace with the risk stored now, by id. */
export async function customersWithRisk(db: Db, workspaceId: number) {
	return db
		.selectFrom('customer')
		.select(['id', 'churn_risk as risk'])
		.where('workspace_id', '=', workspaceId)
		.orderBy('id')
		.execute();
}

/**
 * The completed orders of some of the workspace's customers, grouped by customer and in time
 * order: the (workspace, customer, placed_at) index answers it without a sort.
 */
export async function completedOrdersOf(db: Db, workspaceId: number, customerIds: number[]) {
	if (!customerIds.length) return [];
	return db
		.selectFrom('shop_order')
		.select(['customer_id as customerId', 'placed_at as placedAt', 'total_minor as totalMinor'])
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', 'in', customerIds)
		.where('status', '=', 'completed')
		.orderBy('customer_id')
		.orderBy('placed_at')
		.execute();
}

/**
 * Stores risks (null: not scored), a chunk of customers per statement. One CASE per chunk rather
 * than one statement per distinct value: the rule-based scores take hundreds of distinct values.
 */
export async function writeChurnRisks(
	db: Db,
	workspaceId: number,
	risks: { id: number; risk: number | null }[]
): Promise<void> {
	for (const part of chunks(risks, 500)) {
		const ids = part.map((r) => r.id);
		// The cast gives PostgreSQL a type for the CASE, whose branches are all parameters.
		const cases = sql.join(
			part.map((r) => sql`when ${r.id} then cast(${r.risk} as real)`),
			sql` `
		);
		await db
			.updateTable('customer')
			.set({ churn_risk: sql<number | null>`case id ${cases} end` })
			.where('workspace_id', '=', workspaceId)
			.where('id', 'in', ids)
			.execute();
	}
}
