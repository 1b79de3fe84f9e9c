import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import {
	SESSION_LIFETIME_MS,
	createSession,
	invalidateSession,
	validateSessionToken
} from './session-service';
import { hashToken } from './tokens';

const DAY = 24 * 3600 * 1000;

describe.each(testDatabases())('sessions on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let userId: number;
	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		const row = await db
			.insertInto('app_user')
			.values({
				email: 's@example.com',
				name: 'S',
				password_hash: 'x',
				locale: null,
				last_workspace_id: null,
				created_at: 0,
				password_changed_at: 0
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		userId = row.id;
	});
	afterAll(async () => close?.());

	it.skipIf(skip)('stores only the SHA-256 of the token', async () => {
		const { token } = await createSession(db, userId);
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const rows = await db.selectFrom('session').select('id').execute();
		expect(rows.map((r) => r.id)).toContain(hashToken(token));
		expect(rows.map((r) => r.id)).not.toContain(token);
	});

	it.skipIf(skip)('slides the expiry when used in its second half, and not before', async () => {
		const start = 1_700_000_000_000;
		const { token, expiresAt } = await createSession(db, userId, start);
		expect(expiresAt).toBe(start + SESSION_LIFETIME_MS);
		const early = await validateSessionToken(db, token, start + 5 * DAY);
		expect(early?.session.renewed).toBe(false);
		expect(early?.session.expiresAt).toBe(expiresAt);
		const late = await validateSessionToken(db, token, start + 20 * DAY);
		expect(late?.session.renewed).toBe(true);
		expect(late?.session.expiresAt).toBe(start + 20 * DAY + SESSION_LIFETIME_MS);
	});

	it.skipIf(skip)('rejects expired, unknown and invalidated tokens', async () => {
		const start = 1_700_000_000_000;
		const expired = await createSession(db, userId, start);
		expect(await validateSessionToken(db, expired.token, start + 31 * DAY)).toBeNull();
		expect(await validateSessionToken(db, 'not-a-real-token')).toBeNull();
		const live = await createSession(db, userId);
		const validated = await validateSessionToken(db, live.token);
		expect(validated?.user.email).toBe('s@example.com');
		await invalidateSession(db, validated!.session.id);
		expect(await validateSessionToken(db, live.token)).toBeNull();
	});
});
