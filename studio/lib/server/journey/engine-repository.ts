import type { Db } from '../db/connect';
import { readJson } from '../db/json';

export interface EngineEvent {
	id: number;
	workspaceId: number;
	customerId: number | null;
	name: string | null;
	properties: Record<string, unknown>;
	timestamp: number;
}

/** Events stored after the cursor (and before `settledBefore`), oldest first. */
export async function eventsAfter(
	db: Db,
	cursor: number,
	settledBefore: number,
	limit: number
): Promise<EngineEvent[]> {
	const rows = await db
		.selectFrom('event')
		.select([
			'id',
			'workspace_id as workspaceId',
			'customer_id as customerId',
			'name',
			'properties',
			'timestamp'
		])
		.where('id', '>', cursor)
		.where('received_at', '<=', settledBefore)
		.orderBy('id')
		.limit(limit)
		.execute();
	return rows.map((r) => {
		const properties = readJson<unknown>(r.properties, {});
		return {
			...r,
			id: Number(r.id),
			properties:
				properties && typeof properties === 'object' && !Array.isArray(properties)
					? (properties as Record<string, unknown>)
					: {}
		};
	});
}

export async function maxEventId(db: Db): Promise<number> {
	const row = await db
		.selectFrom('event')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirst();
	return Number(row?.id ?? 0);
}

export async function externalIdOf(db: Db, customerId: number): Promise<string | null> {
	const row = await db
		.selectFrom('customer')
		.select('external_id')
		.where('id', '=', customerId)
		.executeTakeFirst();
	return row?.external_id ?? null;
}
