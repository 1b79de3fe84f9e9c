import type { Db } from '../db/connect';
import { readJson } from '../db/json';

/** The customer seen most recently: a real profile to preview with when none was chosen. */
export async function latestCustomerId(db: Db, workspaceId: number): Promise<number | null> {
	const row = await db
		.selectFrom('customer')
		.select('id')
		.where('workspace_id', '=', workspaceId)
		.orderBy('last_seen_at', 'desc')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.id ?? null;
}

/** The properties of the latest event of this name: the customer's own when `customerId` is set. */
export async function latestEventProperties(
	db: Db,
	workspaceId: number,
	name: string,
	customerId: number | null
): Promise<Record<string, unknown> | null> {
	let query = db
		.selectFrom('event')
		.select('properties')
		.where('workspace_id', '=', workspaceId)
		.where('name', '=', name);
	if (customerId !== null) query = query.where('customer_id', '=', customerId);
	const row = await query
		.orderBy('timestamp', 'desc')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!row) return null;
	const properties = readJson<unknown>(row.properties, {});
	return properties && typeof properties === 'object' && !Array.isArray(properties)
		? (properties as Record<string, unknown>)
		: {};
}
