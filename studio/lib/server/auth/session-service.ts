import type { Db } from '../db/connect';
import {
	deleteSession,
	deleteUserSessions,
	findSessionWithUser,
	insertSession,
	updateSessionExpiry
} from './session-repository';
import { generateToken, hashToken } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** Sliding expiry: a session used in its last 15 days is pushed out to 30 days again. */
const RENEW_WITHIN_MS = 15 * DAY;

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	locale: string | null;
	lastWorkspaceId: number | null;
}

export interface Session {
	id: string;
	expiresAt: number;
	/** True when validation pushed the expiry out, so the cookie must be re-sent. */
	renewed: boolean;
}

export async function createSession(
	db: Db,
	userId: number,
	now = Date.now()
): Promise<{ token: string; expiresAt: number }> {
	const token = generateToken();
	const expiresAt = now + SESSION_LIFETIME_MS;
	await insertSession(db, { id: hashToken(token), userId, expiresAt, createdAt: now });
	return { token, expiresAt };
}

export async function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now()
): Promise<{ session: Session; user: SessionUser } | null> {
	const id = hashToken(token);
	const row = await findSessionWithUser(db, id);
	if (!row) return null;
	if (now >= row.expiresAt) {
		await deleteSession(db, id);
		return null;
	}
	let expiresAt = row.expiresAt;
	let renewed = false;
	if (now >= expiresAt - RENEW_WITHIN_MS) {
		expiresAt = now + SESSION_LIFETIME_MS;
		renewed = true;
		await updateSessionExpiry(db, id, expiresAt);
	}
	return {
		session: { id, expiresAt, renewed },
		user: {
			id: row.userId,
			email: row.email,
			name: row.name,
			locale: row.locale,
			lastWorkspaceId: row.lastWorkspaceId
		}
	};
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await deleteSession(db, sessionId);
}

export async function invalidateUserSessions(
	db: Db,
	userId: number,
	exceptSessionId?: string
): Promise<void> {
	await deleteUserSessions(db, userId, exceptSessionId);
}
