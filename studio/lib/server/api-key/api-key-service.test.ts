import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../auth/account-service';
import { hashToken } from '../auth/tokens';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { workspaceForMember } from '../workspace/workspace-service';
import { apiKeysOf, authenticateApiKey, createApiKey, revokeApiKey } from './api-key-service';

describe.each(testDatabases())('API keys on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let a: { workspaceId: number; userId: number };
	let b: { workspaceId: number; userId: number };

	async function shop(email: string) {
		const r = await signUp(db, {
			name: email,
			email,
			password: 'long enough password',
			workspaceName: email,
			ip: null
		});
		if (!r.ok) throw new Error();
		const access = await workspaceForMember(db, r.userId, r.slug);
		return { workspaceId: access!.id, userId: r.userId };
	}

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		a = await shop('a@example.com');
		b = await shop('b@example.com');
	});
	afterAll(async () => close?.());

	it.skipIf(skip)(
		'creates keys with a recognisable prefix and stores only their hash',
		async () => {
			const write = await createApiKey(db, {
				workspaceId: a.workspaceId,
				kind: 'write',
				name: 'Storefront',
				createdBy: a.userId,
				ip: null
			});
			const secret = await createApiKey(db, {
				workspaceId: a.workspaceId,
				kind: 'secret',
				name: 'ERP',
				createdBy: a.userId,
				ip: null
			});
			if (!write.ok || !secret.ok) throw new Error();
			expect(write.key).toMatch(/^rg_write_[a-z2-7]{39}$/);
			expect(secret.key).toMatch(/^rg_secret_[a-z2-7]{39}$/);
			const rows = await db.selectFrom('api_key').selectAll().execute();
			for (const row of rows) {
				expect([write.key, secret.key]).not.toContain(row.key_hash);
				expect(row.prefix.length).toBeLessThan(20);
			}
			expect(rows.map((r) => r.key_hash)).toContain(hashToken(secret.key));
			const listed = await apiKeysOf(db, a.workspaceId);
			expect(listed.map((k) => k.name).sort()).toEqual(['ERP', 'Storefront']);
			expect(JSON.stringify(listed)).not.toContain(secret.key);
		}
	);

	it.skipIf(skip)('authenticates by kind, records last use, and refuses revoked keys', async () => {
		const secret = await createApiKey(db, {
			workspaceId: a.workspaceId,
			kind: 'secret',
			name: 'Ops',
			createdBy: a.userId,
			ip: null
		});
		const write = await createApiKey(db, {
			workspaceId: a.workspaceId,
			kind: 'write',
			name: 'Web',
			createdBy: a.userId,
			ip: null
		});
		if (!secret.ok || !write.ok) throw new Error();
		expect(await authenticateApiKey(db, secret.key, ['secret'])).toMatchObject({
			ok: true,
			workspaceId: a.workspaceId,
			kind: 'secret'
		});
		expect(await authenticateApiKey(db, write.key, ['secret'])).toEqual({
			ok: false,
			error: 'key_kind_not_allowed'
		});
		expect(await authenticateApiKey(db, null, ['secret'])).toEqual({
			ok: false,
			error: 'key_missing'
		});
		expect(await authenticateApiKey(db, 'rg_secret_nope', ['secret'])).toEqual({
			ok: false,
			error: 'key_invalid'
		});
		expect(await authenticateApiKey(db, 'x'.repeat(10_000), ['secret'])).toEqual({
			ok: false,
			error: 'key_invalid'
		});
		const used = await db
			.selectFrom('api_key')
			.select('last_used_at')
			.where('id', '=', secret.id)
			.executeTakeFirstOrThrow();
		expect(used.last_used_at).toBeGreaterThan(0);

		// B's owner cannot revoke A's key; A's can.
		expect(
			await revokeApiKey(db, {
				workspaceId: b.workspaceId,
				keyId: secret.id,
				actorUserId: b.userId,
				ip: null
			})
		).toEqual({ ok: false, error: 'not_found' });
		expect(
			await revokeApiKey(db, {
				workspaceId: a.workspaceId,
				keyId: secret.id,
				actorUserId: a.userId,
				ip: null
			})
		).toEqual({ ok: true });
		expect(
			await revokeApiKey(db, {
				workspaceId: a.workspaceId,
				keyId: secret.id,
				actorUserId: a.userId,
				ip: null
			})
		).toEqual({ ok: false, error: 'not_found' });
		expect(await authenticateApiKey(db, secret.key, ['secret'])).toEqual({
			ok: false,
			error: 'key_revoked'
		});
	});

	it.skipIf(skip)('refuses empty names and audits creation and revocation', async () => {
		expect(
			await createApiKey(db, {
				workspaceId: b.workspaceId,
				kind: 'write',
				name: '   ',
				createdBy: b.userId,
				ip: null
			})
		).toEqual({ ok: false, error: 'name_required' });
		const actions = (
			await db
				.selectFrom('audit_log')
				.select('action')
				.where('workspace_id', '=', a.workspaceId)
				.execute()
		).map((x) => x.action);
		expect(actions).toEqual(expect.arrayContaining(['key.created', 'key.revoked']));
		expect(await apiKeysOf(db, b.workspaceId)).toEqual([]);
	});
});
