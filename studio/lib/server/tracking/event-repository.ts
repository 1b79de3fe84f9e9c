import type { Db } from '../db/connect';
import type { EventTable } from '../db/schema';

export interface EventRow {
	messageId: string;
	customerId: number;
	anonymousId: string | null;
	userId: string | null;
	type: EventTable['type'];
	name: string | null;
	/** Already JSON: the payload was measured against the size limit in this form. */
	properties: string;
	timestamp: number;
	receivedAt: number;
}

/** 10 columns; 1,000 rows per statement stays under both databases' parameter ceilings. */
const ROWS_PER_STATEMENT = 1000;

/**
 * Inserts events, skipping message ids the workspace already has (client retries), and returns
 * how many were new.
 */
export async function insertEvents(
	db: Db,
	workspaceId: number,
	rows: readonly EventRow[]
): Promise<number> {
	let inserted = 0;
	for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
		const result = await db
			.insertInto('event')
			.values(
				rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => ({
					workspace_id: workspaceId,
					message_id: row.messageId,
					customer_id: row.customerId,
					anonymous_id: row.anonymousId,
					user_id: row.userId,
					type: row.type,
					name: row.name,
					properties: row.properties,
					timestamp: row.timestamp,
					received_at: row.receivedAt
				}))
			)
			.onConflict((oc) => oc.columns(['workspace_id', 'message_id']).doNothing())
			.executeTakeFirst();
		inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
	}
	return inserted;
}
