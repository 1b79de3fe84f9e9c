import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../auth/account-service';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import {
	acceptInvitation,
	inviteMember,
	openInvitation,
	revokeInvitation
} from './invitation-service';
import {
	changeMemberRole,
	createWorkspace,
	membersOf,
	removeMember,
	slugify,
	updateWorkspaceSettings,
	workspaceForMember,
	workspacesOf
} from './workspace-service';

describe('slugify', () => {
	it.each([
		['Ada’s Tea House', 'ada-s-tea-house'],
		['  Café Crème  ', 'cafe-creme'],
		['常客小店', 'shop'],
		['__proto__', 'proto'],
		['A'.repeat(80), 'a'.repeat(40)]
	])('%s -> %s', (name, slug) => expect(slugify(name)).toBe(slug));
});

describe.each(testDatabases())('workspaces and invitations on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let owner: { id: number; email: string; slug: string };
	let outsider: { id: number; email: string; slug: string };

	async function person(name: string, email: string) {
		const r = await signUp(db, {
			name,
			email,
			password: 'long enough password',
			workspaceName: `${name} Shop`,
			ip: null
		});
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		return { id: r.userId, email, slug: r.slug };
	}

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		owner = await person('Owner', 'owner@example.com');
		outsider = await person('Outsider', 'outsider@example.com');
	});
	afterAll(async () => close?.());

	it.skipIf(skip)('gives each workspace a unique slug', async () => {
		const again = await createWorkspace(db, { name: 'Owner Shop', ownerId: owner.id });
		expect(again.ok).toBe(true);
		if (again.ok) expect(again.workspace.slug).toMatch(/^owner-shop-[a-z2-7]{5}$/);
		expect((await workspacesOf(db, owner.id)).map((w) => w.name)).toEqual([
			'Owner Shop',
			'Owner Shop'
		]);
	});

	it.skipIf(skip)('gives simultaneous workspaces of one name different slugs', async () => {
		const made = await Promise.all(
			Array.from({ length: 4 }, () => createWorkspace(db, { name: 'Same Name', ownerId: owner.id }))
		);
		const slugs = made.map((m) => (m.ok ? m.workspace.slug : 'failed'));
		expect(new Set(slugs).size).toBe(4);
		expect(slugs).toContain('same-name');
	});

	it.skipIf(skip)('shows a workspace only to its members', async () => {
		expect(await workspaceForMember(db, owner.id, owner.slug)).toMatchObject({ role: 'owner' });
		expect(await workspaceForMember(db, outsider.id, owner.slug)).toBeNull();
		expect(await workspaceForMember(db, owner.id, outsider.slug)).toBeNull();
		expect(await workspaceForMember(db, owner.id, 'no-such-shop')).toBeNull();
	});

	it.skipIf(skip)('validates workspace settings', async () => {
		const access = (await workspaceForMember(db, owner.id, owner.slug))!;
		expect(
			await updateWorkspaceSettings(
				db,
				access,
				owner.id,
				{ name: 'X', currency: 'XYZ1', timeZone: 'UTC' },
				null
			)
		).toEqual({ ok: false, error: 'currency_invalid' });
		expect(
			await updateWorkspaceSettings(
				db,
				access,
				owner.id,
				{ name: 'X', currency: 'EUR', timeZone: 'Mars/Base' },
				null
			)
		).toEqual({ ok: false, error: 'time_zone_invalid' });
		expect(
			await updateWorkspaceSettings(
				db,
				access,
				owner.id,
				{ name: 'Owner Shop', currency: 'CNY', timeZone: 'Asia/Shanghai' },
				null
			)
		).toEqual({ ok: true });
		expect(await workspaceForMember(db, owner.id, owner.slug)).toMatchObject({
			currency: 'CNY',
			timeZone: 'Asia/Shanghai'
		});
	});

	it.skipIf(skip)('invites by a single-use link with a role', async () => {
		const access = (await workspaceForMember(db, owner.id, owner.slug))!;
		const invite = await inviteMember(db, {
			workspaceId: access.id,
			role: 'viewer',
			invitedBy: owner.id,
			ip: null
		});
		if (!invite.ok) throw new Error('invite failed');
		const stored = await db.selectFrom('invitation').select('token_hash').execute();
		expect(stored.map((s) => s.token_hash)).not.toContain(invite.token);

		const accepted = await acceptInvitation(db, invite.token, outsider, null);
		expect(accepted).toEqual({ ok: true, slug: owner.slug });
		expect(await workspaceForMember(db, outsider.id, owner.slug)).toMatchObject({ role: 'viewer' });
		expect(await acceptInvitation(db, invite.token, outsider, null)).toEqual({
			ok: false,
			error: 'used'
		});
		expect(await openInvitation(db, 'garbage<script>')).toEqual({ ok: false, error: 'not_found' });
	});

	it.skipIf(skip)('refuses expired, revoked and other-address invitations', async () => {
		const access = (await workspaceForMember(db, owner.id, owner.slug))!;
		const now = Date.now();
		const expired = await inviteMember(
			db,
			{ workspaceId: access.id, role: 'editor', invitedBy: owner.id, ip: null },
			now - 8 * 86400_000
		);
		if (!expired.ok) throw new Error();
		expect(await openInvitation(db, expired.token, now)).toEqual({ ok: false, error: 'expired' });

		const addressed = await inviteMember(db, {
			workspaceId: access.id,
			role: 'editor',
			email: 'Someone@Example.com',
			invitedBy: owner.id,
			ip: null
		});
		if (!addressed.ok) throw new Error();
		expect(await acceptInvitation(db, addressed.token, outsider, null)).toEqual({
			ok: false,
			error: 'wrong_account'
		});

		const revocable = await inviteMember(db, {
			workspaceId: access.id,
			role: 'editor',
			invitedBy: owner.id,
			ip: null
		});
		if (!revocable.ok) throw new Error();
		const row = await db
			.selectFrom('invitation')
			.select('id')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		// Another workspace's owner cannot withdraw it.
		const other = (await workspaceForMember(db, outsider.id, outsider.slug))!;
		expect(await revokeInvitation(db, other.id, outsider.id, row.id, null)).toEqual({
			ok: false,
			error: 'not_found'
		});
		expect(await revokeInvitation(db, access.id, owner.id, row.id, null)).toEqual({ ok: true });
		expect(await openInvitation(db, revocable.token)).toEqual({ ok: false, error: 'revoked' });
	});

	it.skipIf(skip)('accepts an invitation once even when two requests race', async () => {
		const access = (await workspaceForMember(db, owner.id, owner.slug))!;
		const third = await person('Third', 'third@example.com');
		const invite = await inviteMember(db, {
			workspaceId: access.id,
			role: 'editor',
			invitedBy: owner.id,
			ip: null
		});
		if (!invite.ok) throw new Error();
		const results = await Promise.all([
			acceptInvitation(db, invite.token, third, null),
			acceptInvitation(db, invite.token, third, null)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(
			(await membersOf(db, access.id)).filter((m) => m.email === 'third@example.com')
		).toHaveLength(1);
	});

	it.skipIf(skip)(
		'keeps at least one owner and scopes member changes to the workspace',
		async () => {
			const access = (await workspaceForMember(db, owner.id, owner.slug))!;
			expect(await changeMemberRole(db, access.id, owner.id, owner.id, 'viewer', null)).toEqual({
				ok: false,
				error: 'last_owner'
			});
			expect(await removeMember(db, access.id, owner.id, owner.id, null)).toEqual({
				ok: false,
				error: 'last_owner'
			});
			const other = (await workspaceForMember(db, outsider.id, outsider.slug))!;
			// The outsider owns their own shop; acting from it on the owner's membership finds nothing.
			expect(await removeMember(db, other.id, outsider.id, owner.id, null)).toEqual({
				ok: false,
				error: 'not_found'
			});
			expect(await changeMemberRole(db, access.id, owner.id, outsider.id, 'editor', null)).toEqual({
				ok: true
			});
			expect(await removeMember(db, access.id, owner.id, outsider.id, null)).toEqual({ ok: true });
			expect(await workspaceForMember(db, outsider.id, owner.slug)).toBeNull();
			const actions = (
				await db
					.selectFrom('audit_log')
					.select('action')
					.where('workspace_id', '=', access.id)
					.execute()
			).map((a) => a.action);
			expect(actions).toEqual(
				expect.arrayContaining([
					'member.invited',
					'member.added',
					'member.role_changed',
					'member.removed',
					'member.invitation_revoked'
				])
			);
		}
	);
});
