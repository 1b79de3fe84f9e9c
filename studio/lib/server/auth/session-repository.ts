import type { Db } from '../db/connect';

export async function insertSession(
	db: Db,
	row: { id: string; userId: number; expiresAt: number; createdAt: number }
): Promise<void> {
	await db
		.insertInto('session')
		.values({
			id: row.id,
			user_id: row.userId,
			expires_at: row.expiresAt,
			created_at: row.createdAt
		})
		.execute();
}

export async function findSessionWithUser(db: Db, id: string) {
	return db
		.selectFrom('session')
		.innerJoin('app_user', 'app_user.id', 'session.user_id')
		.select([
			'session.id as sessionId',
			'session.expires_at as expiresAt',
			'app_user.id as userId',
			'app_user.email',
			'app_user.name',
			'app_user.locale',
			'app_user.last_workspace_id as lastWorkspaceId'
		])
		.where('session.id', '=', id)
		.executeTakeFirst();
}

export async function updateSessionExpiry(db: Db, id: string, expiresAt: number): Promise<void> {
	await db.updateTable('session').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: number, exceptId?: string): Promise<void> {
	let query = db.deleteFrom('session').where('user_id', '=', userId);
	if (exceptId) query = query.where('id', '!=', exceptId);
	await query.execute();
}

export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
	await db.deleteFrom('session').where('expires_at', '<=', now).execute();
}
