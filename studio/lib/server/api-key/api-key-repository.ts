import type { Db } from '../db/connect';
import type { ApiKeyKind } from '../db/schema';

export async function insertApiKey(
	db: Db,
	row: {
		workspaceId: number;
		kind: ApiKeyKind;
		name: string;
		prefix: string;
		keyHash: string;
		createdBy: number | null;
		now: number;
	}
): Promise<number> {
	const inserted = await db
		.insertInto('api_key')
		.values({
			workspace_id: row.workspaceId,
			kind: row.kind,
			name: row.name,
			prefix: row.prefix,
			key_hash: row.keyHash,
			created_by: row.createdBy,
			created_at: row.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

export async function listApiKeys(db: Db, workspaceId: number) {
	return db
		.selectFrom('api_key')
		.leftJoin('app_user', 'app_user.id', 'api_key.created_by')
		.select([
			'api_key.id',
			'api_key.kind',
			'api_key.name',
			'api_key.prefix',
			'api_key.created_at as createdAt',
			'api_key.last_used_at as lastUsedAt',
			'api_key.revoked_at as revokedAt',
			'app_user.email as createdByEmail'
		])
		.where('api_key.workspace_id', '=', workspaceId)
		.orderBy('api_key.revoked_at', (ob) => ob.desc().nullsFirst())
		.orderBy('api_key.created_at', 'desc')
		.execute();
}

export async function findApiKeyByHash(db: Db, keyHash: string) {
	return db
		.selectFrom('api_key')
		.select([
			'id',
			'workspace_id as workspaceId',
			'kind',
			'revoked_at as revokedAt',
			'last_used_at as lastUsedAt'
		])
		.where('key_hash', '=', keyHash)
		.executeTakeFirst();
}

/** Revokes a key of this workspace; false when there is no such live key here. */
export async function revokeApiKeyRow(db: Db, workspaceId: number, id: number, now: number) {
	const result = await db
		.updateTable('api_key')
		.set({ revoked_at: now })
		.where('id', '=', id)
		.where('workspace_id', '=', workspaceId)
		.where('revoked_at', 'is', null)
		.returning(['name', 'prefix', 'kind'])
		.executeTakeFirst();
	return result ?? null;
}

export async function touchApiKey(db: Db, id: number, now: number): Promise<void> {
	await db.updateTable('api_key').set({ last_used_at: now }).where('id', '=', id).execute();
}
