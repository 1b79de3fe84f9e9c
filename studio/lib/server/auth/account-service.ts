import {
	checkEmail,
	checkName,
	checkPassword,
	normaliseEmail,
	type FieldError
} from '../../account/validate';
import { isLocale, type Locale } from '../../i18n/locales';
import { recordAudit } from '../audit/audit-service';
import type { Db } from '../db/connect';
import { inTransaction } from '../db/transaction';
import { acceptInvitation, openInvitation } from '../workspace/invitation-service';
import { listMembershipWorkspaceIds } from '../workspace/workspace-repository';
import { createWorkspace, type WorkspaceFieldError } from '../workspace/workspace-service';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { createSession, invalidateUserSessions } from './session-service';
import { loginRetryAfter, recordLoginFailure, recordLoginSuccess } from './throttle-service';
import { findUserByEmail, findUserById, insertUser, updateUser } from './user-repository';

export type AccountError =
	| FieldError
	| WorkspaceFieldError
	| 'email_taken'
	| 'workspace_name_required'
	| 'credentials_invalid'
	| 'rate_limited'
	| 'invitation_invalid'
	| 'password_wrong';

export type FieldErrors = Partial<
	Record<'name' | 'email' | 'password' | 'workspace', AccountError>
>;

export interface SignUpInput {
	name: string;
	email: string;
	password: string;
	/** The shop's name; required unless the person joins through an invitation. */
	workspaceName?: string;
	invitationToken?: string;
	locale?: string | null;
	ip: string | null;
}

export type SignUpResult =
	| { ok: true; userId: number; slug: string; session: { token: string; expiresAt: number } }
	| { ok: false; errors: FieldErrors };

export async function signUp(db: Db, input: SignUpInput, now = Date.now()): Promise<SignUpResult> {
	const email = normaliseEmail(input.email);
	const name = input.name.trim();
	const errors: FieldErrors = {};
	const nameError = checkName(name);
	if (nameError) errors.name = nameError;
	const emailError = checkEmail(email);
	if (emailError) errors.email = emailError;
	const passwordError = checkPassword(input.password);
	if (passwordError) errors.password = passwordError;
	if (!input.invitationToken && !input.workspaceName?.trim())
		errors.workspace = 'workspace_name_required';
	if (input.invitationToken && !(await openInvitation(db, input.invitationToken, now)).ok)
		errors.workspace = 'invitation_invalid';
	if (Object.keys(errors).length) return { ok: false, errors };
	if (await findUserByEmail(db, email)) return { ok: false, errors: { email: 'email_taken' } };

	// Hash outside the transaction: it takes a third of a second and holds no lock.
	const passwordHash = await hashPassword(input.password);
	const locale: Locale | null = isLocale(input.locale) ? input.locale : null;

	let created: { userId: number; slug: string };
	try {
		created = await inTransaction(db, async (trx) => {
			const userId = await insertUser(trx, {
				email,
				name,
				password_hash: passwordHash,
				locale,
				last_workspace_id: null,
				created_at: now,
				password_changed_at: now
			});
			if (input.invitationToken) {
				const accepted = await acceptInvitation(
					trx,
					input.invitationToken,
					{ id: userId, email },
					input.ip,
					now
				);
				if (!accepted.ok) throw new SignUpRefused({ workspace: 'invitation_invalid' });
				return { userId, slug: accepted.slug };
			}
			const workspace = await createWorkspace(
				trx,
				{ name: input.workspaceName ?? '', ownerId: userId, ip: input.ip },
				now
			);
			if (!workspace.ok) throw new SignUpRefused({ workspace: workspace.error });
			return { userId, slug: workspace.workspace.slug };
		});
	} catch (error) {
		if (error instanceof SignUpRefused) return { ok: false, errors: error.errors };
		// Two sign-ups with one address at once: the unique index decides, the loser is told.
		if (await findUserByEmail(db, email)) return { ok: false, errors: { email: 'email_taken' } };
		throw error;
	}

	const session = await createSession(db, created.userId, now);
	return { ok: true, userId: created.userId, slug: created.slug, session };
}

/**
 * Account events belong to no single workspace, so each workspace the person is in gets the entry:
 * every owner sees sign-ins and password changes of their members.
 */
async function auditAccount(
	db: Db,
	user: { id: number; email: string },
	action: 'auth.sign_in' | 'auth.sign_in_failed' | 'auth.password_changed',
	ip: string | null
): Promise<void> {
	const workspaces = await listMembershipWorkspaceIds(db, user.id);
	await recordAudit(
		db,
		...workspaces.map((workspaceId) => ({
			workspaceId,
			actorUserId: user.id,
			action,
			target: user.email,
			ip
		}))
	);
}

/** Thrown inside the sign-up transaction to roll it back with a reason for the form. */
class SignUpRefused extends Error {
	constructor(readonly errors: FieldErrors) {
		super('sign-up refused');
	}
}

export type SignInResult =
	| { ok: true; userId: number; session: { token: string; expiresAt: number } }
	| { ok: false; error: 'credentials_invalid' }
	| { ok: false; error: 'rate_limited'; retryAfter: number };

export async function signIn(
	db: Db,
	input: { email: string; password: string; ip: string },
	now = Date.now()
): Promise<SignInResult> {
	const email = normaliseEmail(input.email);
	const retryAfter = await loginRetryAfter(db, email, input.ip, now);
	if (retryAfter > 0) return { ok: false, error: 'rate_limited', retryAfter };

	const user = email ? await findUserByEmail(db, email) : undefined;
	const password = typeof input.password === 'string' ? input.password : '';
	// Unknown addresses cost the same time as known ones, so timing does not reveal accounts.
	const valid = user
		? await verifyPassword(user.password_hash, password)
		: (await verifyPassword(await dummyPasswordHash(), password), false);

	if (!user || !valid) {
		await recordLoginFailure(db, email, input.ip, now);
		if (user) {
			await auditAccount(db, user, 'auth.sign_in_failed', input.ip);
		}
		return { ok: false, error: 'credentials_invalid' };
	}

	await recordLoginSuccess(db, email);
	await auditAccount(db, user, 'auth.sign_in', input.ip);
	const session = await createSession(db, user.id, now);
	return { ok: true, userId: user.id, session };
}

/** Changes the password and signs out every other session of the account. */
export async function changePassword(
	db: Db,
	input: { userId: number; currentPassword: string; newPassword: string; ip: string | null },
	now = Date.now()
): Promise<
	| { ok: true; session: { token: string; expiresAt: number } }
	| { ok: false; errors: Partial<Record<'current' | 'password', AccountError>> }
> {
	const user = await findUserById(db, input.userId);
	if (!user) return { ok: false, errors: { current: 'password_wrong' } };
	if (!(await verifyPassword(user.password_hash, input.currentPassword)))
		return { ok: false, errors: { current: 'password_wrong' } };
	const passwordError = checkPassword(input.newPassword);
	if (passwordError) return { ok: false, errors: { password: passwordError } };

	await updateUser(db, user.id, {
		password_hash: await hashPassword(input.newPassword),
		password_changed_at: now
	});
	await invalidateUserSessions(db, user.id);
	await auditAccount(db, user, 'auth.password_changed', input.ip);
	return { ok: true, session: await createSession(db, user.id, now) };
}

export async function updateProfile(
	db: Db,
	userId: number,
	input: { name: string }
): Promise<{ ok: true } | { ok: false; errors: Partial<Record<'name', AccountError>> }> {
	const name = input.name.trim();
	const error = checkName(name);
	if (error) return { ok: false, errors: { name: error } };
	await updateUser(db, userId, { name });
	return { ok: true };
}

export async function setUserLocale(db: Db, userId: number, locale: Locale): Promise<void> {
	await updateUser(db, userId, { locale });
}

export async function rememberWorkspace(
	db: Db,
	userId: number,
	workspaceId: number
): Promise<void> {
	await updateUser(db, userId, { last_workspace_id: workspaceId });
}
