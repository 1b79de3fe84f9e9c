import type { Db } from '../db/connect';

export interface AuditInput {
	workspaceId: number;
	actorUserId: number | null;
	action: AuditAction;
	target?: string | null;
	ip?: string | null;
	detail?: Record<string, unknown> | null;
}

/** The security-relevant actions the log keeps. */
export type AuditAction =
	| 'auth.sign_in'
	| 'auth.sign_in_failed'
	| 'auth.password_changed'
	| 'workspace.created'
	| 'workspace.updated'
	| 'member.invited'
	| 'member.invitation_revoked'
	| 'member.added'
	| 'member.role_changed'
	| 'member.removed'
	| 'key.created'
	| 'key.revoked'
	| 'customer.deleted';

export async function insertAuditEntries(db: Db, entries: AuditInput[], now = Date.now()) {
	if (!entries.length) return;
	await db
		.insertInto('audit_log')
		.values(
			entries.map((e) => ({
				workspace_id: e.workspaceId,
				actor_user_id: e.actorUserId,
				action: e.action,
				target: e.target ?? null,
				ip: e.ip ?? null,
				detail: e.detail ? JSON.stringify(e.detail) : null,
				created_at: now
			}))
		)
		.execute();
}

export async function listAuditEntries(
	db: Db,
	workspaceId: number,
	options: { limit: number; beforeId?: number }
) {
	let query = db
		.selectFrom('audit_log')
		.leftJoin('app_user', 'app_user.id', 'audit_log.actor_user_id')
		.select([
			'audit_log.id',
			'audit_log.action',
			'audit_log.target',
			'audit_log.ip',
			'audit_log.detail',
			'audit_log.created_at as createdAt',
			'app_user.email as actorEmail'
		])
		.where('audit_log.workspace_id', '=', workspaceId)
		.orderBy('audit_log.id', 'desc')
		.limit(options.limit);
	if (options.beforeId) query = query.where('audit_log.id', '<', options.beforeId);
	return query.execute();
}
