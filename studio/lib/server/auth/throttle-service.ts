import type { Db } from '../db/connect';
import { addFailure, clearFailures, findLocks } from './throttle-repository';

const MINUTE = 60 * 1000;

/**
 * Sign-in limits. The account limit stops guessing one password; the wider IP limit stops one
 * address spraying many accounts. Both live in the database so every instance sees the same count.
 */
export const LOGIN_LIMITS = {
	account: { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
	ip: { limit: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE }
} as const;

export function throttleKeys(email: string, ip: string) {
	return { account: `account:${email.trim().toLowerCase()}`, ip: `ip:${ip}` };
}

/** Seconds to wait, or 0 when sign-in may be tried now. */
export async function loginRetryAfter(
	db: Db,
	email: string,
	ip: string,
	now = Date.now()
): Promise<number> {
	const keys = throttleKeys(email, ip);
	const rows = await findLocks(db, [keys.account, keys.ip]);
	const until = Math.max(0, ...rows.map((r) => r.locked_until ?? 0));
	return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export async function recordLoginFailure(
	db: Db,
	email: string,
	ip: string,
	now = Date.now()
): Promise<void> {
	const keys = throttleKeys(email, ip);
	const { account, ip: byIp } = LOGIN_LIMITS;
	await addFailure(db, keys.account, now, account.windowMs, account.limit, account.lockMs);
	await addFailure(db, keys.ip, now, byIp.windowMs, byIp.limit, byIp.lockMs);
}

export async function recordLoginSuccess(db: Db, email: string): Promise<void> {
	await clearFailures(db, throttleKeys(email, '').account);
}
