import type { Role } from '../../auth/permissions';
import { checkEmail, normaliseEmail } from '../../account/validate';
import { recordAudit } from '../audit/audit-service';
import type { Db } from '../db/connect';
import { generateToken, hashToken } from '../auth/tokens';
import {
	findInvitationByHash,
	insertInvitation,
	listPendingInvitations,
	markInvitationAccepted,
	revokeInvitationRow
} from './invitation-repository';
import { findMember, insertMembership } from './workspace-repository';
import { inTransaction } from '../db/transaction';

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationError =
	'email_invalid' | 'not_found' | 'expired' | 'used' | 'revoked' | 'wrong_account';

/** Creates a single-use link. Only the token's hash is stored; the link is shown once. */
export async function inviteMember(
	db: Db,
	input: {
		workspaceId: number;
		role: Role;
		email?: string;
		invitedBy: number;
		ip: string | null;
	},
	now = Date.now()
): Promise<{ ok: true; token: string; expiresAt: number } | { ok: false; error: InvitationError }> {
	const email = input.email ? normaliseEmail(input.email) : null;
	if (email && checkEmail(email)) return { ok: false, error: 'email_invalid' };
	const token = generateToken();
	const expiresAt = now + INVITATION_LIFETIME_MS;
	await insertInvitation(db, {
		workspaceId: input.workspaceId,
		tokenHash: hashToken(token),
		role: input.role,
		email,
		createdBy: input.invitedBy,
		now,
		expiresAt
	});
	await recordAudit(db, {
		workspaceId: input.workspaceId,
		actorUserId: input.invitedBy,
		action: 'member.invited',
		target: email,
		ip: input.ip,
		detail: { role: input.role }
	});
	return { ok: true, token, expiresAt };
}

export interface InvitationView {
	id: number;
	workspaceId: number;
	workspaceName: string;
	workspaceSlug: string;
	role: Role;
	email: string | null;
}

/** Looks an invitation up by the token in its link, telling why it cannot be used. */
export async function openInvitation(
	db: Db,
	token: string,
	now = Date.now()
): Promise<{ ok: true; invitation: InvitationView } | { ok: false; error: InvitationError }> {
	if (!/^[a-z2-7]{16,64}$/.test(token)) return { ok: false, error: 'not_found' };
	const row = await findInvitationByHash(db, hashToken(token));
	if (!row) return { ok: false, error: 'not_found' };
	if (row.revokedAt) return { ok: false, error: 'revoked' };
	if (row.acceptedAt) return { ok: false, error: 'used' };
	if (row.expiresAt <= now) return { ok: false, error: 'expired' };
	return {
		ok: true,
		invitation: {
			id: row.id,
			workspaceId: row.workspaceId,
			workspaceName: row.workspaceName,
			workspaceSlug: row.workspaceSlug,
			role: row.role,
			email: row.email
		}
	};
}

export async function acceptInvitation(
	db: Db,
	token: string,
	user: { id: number; email: string },
	ip: string | null,
	now = Date.now()
): Promise<{ ok: true; slug: string } | { ok: false; error: InvitationError }> {
	return inTransaction(db, async (trx) => {
		const opened = await openInvitation(trx, token, now);
		if (!opened.ok) return opened;
		const { invitation } = opened;
		if (invitation.email && invitation.email !== user.email)
			return { ok: false, error: 'wrong_account' } as const;
		if (!(await markInvitationAccepted(trx, invitation.id, user.id, now)))
			return { ok: false, error: 'used' } as const;
		const existing = await findMember(trx, invitation.workspaceId, user.id);
		if (!existing) {
			await insertMembership(trx, {
				workspaceId: invitation.workspaceId,
				userId: user.id,
				role: invitation.role,
				now
			});
			await recordAudit(trx, {
				workspaceId: invitation.workspaceId,
				actorUserId: user.id,
				action: 'member.added',
				target: user.email,
				ip,
				detail: { role: invitation.role, via: 'invitation' }
			});
		}
		return { ok: true, slug: invitation.workspaceSlug } as const;
	});
}

export async function pendingInvitations(db: Db, workspaceId: number, now = Date.now()) {
	return listPendingInvitations(db, workspaceId, now);
}

export async function revokeInvitation(
	db: Db,
	workspaceId: number,
	actorUserId: number,
	invitationId: number,
	ip: string | null,
	now = Date.now()
): Promise<{ ok: true } | { ok: false; error: InvitationError }> {
	if (!(await revokeInvitationRow(db, workspaceId, invitationId, now)))
		return { ok: false, error: 'not_found' };
	await recordAudit(db, {
		workspaceId,
		actorUserId,
		action: 'member.invitation_revoked',
		target: String(invitationId),
		ip
	});
	return { ok: true };
}
