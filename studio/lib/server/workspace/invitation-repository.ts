import type { Db } from '../db/connect';
import type { Role } from '../db/schema';

export async function insertInvitation(
	db: Db,
	row: {
		workspaceId: number;
		tokenHash: string;
		role: Role;
		email: string | null;
		createdBy: number;
		now: number;
		expiresAt: number;
	}
): Promise<number> {
	const inserted = await db
		.insertInto('invitation')
		.values({
			workspace_id: row.workspaceId,
			token_hash: row.tokenHash,
			role: row.role,
			email: row.email,
			created_by: row.createdBy,
			created_at: row.now,
			expires_at: row.expiresAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

export async function findInvitationByHash(db: Db, tokenHash: string) {
	return db
		.selectFrom('invitation')
		.innerJoin('workspace', 'workspace.id', 'invitation.workspace_id')
		.select([
			'invitation.id',
			'invitation.workspace_id as workspaceId',
			'invitation.role',
			'invitation.email',
			'invitation.expires_at as expiresAt',
			'invitation.accepted_at as acceptedAt',
			'invitation.revoked_at as revokedAt',
			'workspace.name as workspaceName',
			'workspace.slug as workspaceSlug'
		])
		.where('invitation.token_hash', '=', tokenHash)
		.executeTakeFirst();
}

/** Marks the invitation used; false when another request used or revoked it first. */
export async function markInvitationAccepted(
	db: Db,
	id: number,
	userId: number,
	now: number
): Promise<boolean> {
	const result = await db
		.updateTable('invitation')
		.set({ accepted_at: now, accepted_by: userId })
		.where('id', '=', id)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function listPendingInvitations(db: Db, workspaceId: number, now: number) {
	return db
		.selectFrom('invitation')
		.select(['id', 'role', 'email', 'created_at as createdAt', 'expires_at as expiresAt'])
		.where('workspace_id', '=', workspaceId)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.where('expires_at', '>', now)
		.orderBy('created_at', 'desc')
		.execute();
}

export async function revokeInvitationRow(
	db: Db,
	workspaceId: number,
	id: number,
	now: number
): Promise<boolean> {
	const result = await db
		.updateTable('invitation')
		.set({ revoked_at: now })
		.where('id', '=', id)
		.where('workspace_id', '=', workspaceId)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}
