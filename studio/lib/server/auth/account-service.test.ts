import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { inviteMember } from '../workspace/invitation-service';
import { workspaceForMember } from '../workspace/workspace-service';
import { changePassword, signIn, signUp } from './account-service';
import { validateSessionToken } from './session-service';
import { LOGIN_LIMITS } from './throttle-service';

describe.each(testDatabases())('accounts on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
	});
	afterAll(async () => close?.());

	it.skipIf(skip)('signs up: creates the user, an owned workspace and a session', async () => {
		const result = await signUp(db, {
			name: 'Ada Shop',
			email: '  Ada@Example.COM ',
			password: 'correct horse battery',
			workspaceName: 'Ada’s Tea House',
			ip: '10.0.0.1'
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.slug).toBe('ada-s-tea-house');
		const user = await db
			.selectFrom('app_user')
			.selectAll()
			.where('id', '=', result.userId)
			.executeTakeFirstOrThrow();
		expect(user.email).toBe('ada@example.com');
		expect(user.password_hash).toMatch(/^scrypt\$/);
		expect(user.password_hash).not.toContain('correct horse');
		const membership = await db
			.selectFrom('membership')
			.selectAll()
			.where('user_id', '=', result.userId)
			.execute();
		expect(membership).toHaveLength(1);
		expect(membership[0]?.role).toBe('owner');
		const sessions = await db
			.selectFrom('session')
			.selectAll()
			.where('user_id', '=', result.userId)
			.execute();
		expect(sessions).toHaveLength(1);
		expect(sessions[0]?.id).not.toBe(result.session.token);
		expect((await validateSessionToken(db, result.session.token))?.user.email).toBe(
			'ada@example.com'
		);
	});

	it.skipIf(skip)('rejects bad sign-up input field by field and duplicate emails', async () => {
		const bad = await signUp(db, { name: ' ', email: 'nope', password: 'short', ip: null });
		expect(bad).toEqual({
			ok: false,
			errors: {
				name: 'name_required',
				email: 'email_invalid',
				password: 'password_too_short',
				workspace: 'workspace_name_required'
			}
		});
		const duplicate = await signUp(db, {
			name: 'Other',
			email: 'ADA@example.com',
			password: 'another long password',
			workspaceName: 'Other',
			ip: null
		});
		expect(duplicate).toEqual({ ok: false, errors: { email: 'email_taken' } });
	});

	it.skipIf(skip)('handles unicode names and a Chinese shop name', async () => {
		const result = await signUp(db, {
			name: '李伟 🛍️',
			email: 'liwei@example.cn',
			password: '密码密码密码密码密码',
			workspaceName: '常客小店',
			ip: null
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.slug).toMatch(/^shop(-[a-z2-7]+)?$/);
		const ok = await signIn(db, {
			email: 'liwei@example.cn',
			password: '密码密码密码密码密码',
			ip: '10.0.0.9'
		});
		expect(ok.ok).toBe(true);
	});

	it.skipIf(skip)(
		'joins the inviting workspace instead of creating one when signing up by link',
		async () => {
			const owner = await signIn(db, {
				email: 'ada@example.com',
				password: 'correct horse battery',
				ip: '10.0.0.7'
			});
			if (!owner.ok) throw new Error('owner sign-in failed');
			const access = await workspaceForMember(db, owner.userId, 'ada-s-tea-house');
			const invite = await inviteMember(db, {
				workspaceId: access!.id,
				role: 'editor',
				invitedBy: owner.userId,
				ip: null
			});
			if (!invite.ok) throw new Error('invite failed');
			const before = await db.selectFrom('workspace').select('id').execute();
			const joined = await signUp(db, {
				name: 'Ed',
				email: 'ed@example.com',
				password: 'ed long password',
				invitationToken: invite.token,
				ip: null
			});
			expect(joined).toMatchObject({ ok: true, slug: 'ada-s-tea-house' });
			if (!joined.ok) return;
			expect(await workspaceForMember(db, joined.userId, 'ada-s-tea-house')).toMatchObject({
				role: 'editor'
			});
			expect(await db.selectFrom('workspace').select('id').execute()).toHaveLength(before.length);

			// The link is spent: a second person using it is told so, and no account is left behind.
			const late = await signUp(db, {
				name: 'Late',
				email: 'late@example.com',
				password: 'late long password',
				invitationToken: invite.token,
				ip: null
			});
			expect(late).toEqual({ ok: false, errors: { workspace: 'invitation_invalid' } });
			expect(
				await db
					.selectFrom('app_user')
					.select('id')
					.where('email', '=', 'late@example.com')
					.execute()
			).toEqual([]);
		}
	);

	it.skipIf(skip)(
		'lets exactly one of two simultaneous sign-ups with one address win',
		async () => {
			const attempt = () =>
				signUp(db, {
					name: 'Twin',
					email: 'twin@example.com',
					password: 'twin long password',
					workspaceName: 'Twin',
					ip: null
				});
			const results = await Promise.all([attempt(), attempt()]);
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			expect(results.find((r) => !r.ok)).toEqual({ ok: false, errors: { email: 'email_taken' } });
			expect(
				await db
					.selectFrom('app_user')
					.select('id')
					.where('email', '=', 'twin@example.com')
					.execute()
			).toHaveLength(1);
		}
	);

	it.skipIf(skip)('signs in with the right password only, and audits both outcomes', async () => {
		const wrong = await signIn(db, {
			email: 'ada@example.com',
			password: 'wrong password',
			ip: '10.0.0.2'
		});
		expect(wrong).toEqual({ ok: false, error: 'credentials_invalid' });
		const unknown = await signIn(db, {
			email: 'ghost@example.com',
			password: 'whatever it is',
			ip: '10.0.0.2'
		});
		expect(unknown).toEqual({ ok: false, error: 'credentials_invalid' });
		const right = await signIn(db, {
			email: 'ADA@example.com',
			password: 'correct horse battery',
			ip: '10.0.0.2'
		});
		expect(right.ok).toBe(true);
		const actions = await db.selectFrom('audit_log').select('action').orderBy('id').execute();
		expect(actions.map((a) => a.action)).toEqual(
			expect.arrayContaining(['auth.sign_in_failed', 'auth.sign_in'])
		);
	});

	it.skipIf(skip)('locks an account after repeated failures and says when to retry', async () => {
		await signUp(db, {
			name: 'Target',
			email: 'target@example.com',
			password: 'target password 1',
			workspaceName: 'Target',
			ip: null
		});
		const now = Date.now();
		for (let i = 0; i < LOGIN_LIMITS.account.limit; i++) {
			const r = await signIn(
				db,
				{ email: 'target@example.com', password: `guess ${i}`, ip: `10.1.0.${i}` },
				now
			);
			expect(r.ok).toBe(false);
		}
		// The right password is refused too while locked: the lock is what stops guessing.
		const locked = await signIn(
			db,
			{ email: 'target@example.com', password: 'target password 1', ip: '10.1.1.1' },
			now + 1000
		);
		expect(locked.ok).toBe(false);
		if (locked.ok || locked.error !== 'rate_limited') throw new Error('expected rate_limited');
		expect(locked.retryAfter).toBeGreaterThan(0);
		expect(locked.retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.account.lockMs / 1000);
		const later = await signIn(
			db,
			{ email: 'target@example.com', password: 'target password 1', ip: '10.1.1.1' },
			now + LOGIN_LIMITS.account.lockMs + 1000
		);
		expect(later.ok).toBe(true);
	});

	it.skipIf(skip)('counts concurrent failures without losing any', async () => {
		const now = Date.now();
		await Promise.all(
			Array.from({ length: 4 }, (_, i) =>
				signIn(db, { email: 'race@example.com', password: `p${i}xxxxxxxxx`, ip: '10.9.9.9' }, now)
			)
		);
		const row = await db
			.selectFrom('login_throttle')
			.selectAll()
			.where('key', '=', 'account:race@example.com')
			.executeTakeFirstOrThrow();
		expect(row.failures).toBe(4);
	});

	it.skipIf(skip)(
		'changing the password signs out every session and needs the current one',
		async () => {
			const a = await signIn(db, {
				email: 'ada@example.com',
				password: 'correct horse battery',
				ip: '10.0.0.3'
			});
			const b = await signIn(db, {
				email: 'ada@example.com',
				password: 'correct horse battery',
				ip: '10.0.0.4'
			});
			if (!a.ok || !b.ok) throw new Error('sign-in failed');
			const refused = await changePassword(db, {
				userId: a.userId,
				currentPassword: 'nope nope nope',
				newPassword: 'a brand new password',
				ip: null
			});
			expect(refused).toEqual({ ok: false, errors: { current: 'password_wrong' } });
			const changed = await changePassword(db, {
				userId: a.userId,
				currentPassword: 'correct horse battery',
				newPassword: 'a brand new password',
				ip: null
			});
			expect(changed.ok).toBe(true);
			expect(await validateSessionToken(db, a.session.token)).toBeNull();
			expect(await validateSessionToken(db, b.session.token)).toBeNull();
			if (changed.ok) expect(await validateSessionToken(db, changed.session.token)).not.toBeNull();
			expect(
				(
					await signIn(db, {
						email: 'ada@example.com',
						password: 'correct horse battery',
						ip: '10.0.0.5'
					})
				).ok
			).toBe(false);
			expect(
				(
					await signIn(db, {
						email: 'ada@example.com',
						password: 'a brand new password',
						ip: '10.0.0.5'
					})
				).ok
			).toBe(true);
		}
	);
});
