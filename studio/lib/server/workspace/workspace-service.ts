import { can, type Permission, type Role } from '../../auth/permissions';
import { checkName, type NameError } from '../../account/validate';
import { recordAudit } from '../audit/audit-service';
import type { Db } from '../db/connect';
import { generateToken } from '../auth/tokens';
import {
	countOwners,
	findWorkspace,
	deleteMembership,
	findMember,
	findMembershipBySlug,
	insertMembership,
	insertWorkspace,
	listMembers,
	listUserWorkspaces,
	updateMemberRole,
	updateWorkspace
} from './workspace-repository';
import { inTransaction } from '../db/transaction';

export interface WorkspaceAccess {
	id: number;
	slug: string;
	name: string;
	currency: string;
	timeZone: string;
	role: Role;
}

export type WorkspaceFieldError = NameError | 'currency_invalid' | 'time_zone_invalid';
export type WorkspaceError = WorkspaceFieldError | 'not_found' | 'last_owner';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export function isCurrency(value: string): boolean {
	return CURRENCIES.has(value);
}

export function isTimeZone(value: string): boolean {
	return TIME_ZONES.has(value);
}

/** A readable URL slug; names without Latin letters (e.g. 常客小店) fall back to "shop". */
export function slugify(name: string): string {
	const slug = name
		.normalize('NFKD')
		// NFKD splits "é" into "e" and a combining accent; dropping the accents keeps the letter.
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40)
		.replace(/-+$/, '');
	return slug || 'shop';
}

export async function createWorkspace(
	db: Db,
	input: {
		name: string;
		ownerId: number;
		currency?: string;
		timeZone?: string;
		ip?: string | null;
	},
	now = Date.now()
): Promise<
	{ ok: true; workspace: { id: number; slug: string } } | { ok: false; error: WorkspaceFieldError }
> {
	const name = input.name.trim();
	const nameError = checkName(name);
	if (nameError) return { ok: false, error: nameError };
	const currency = input.currency ?? 'USD';
	const timeZone = input.timeZone ?? 'UTC';
	if (!isCurrency(currency)) return { ok: false, error: 'currency_invalid' };
	if (!isTimeZone(timeZone)) return { ok: false, error: 'time_zone_invalid' };

	// The readable slug first; when taken (also by a concurrent sign-up), a random suffix.
	const base = slugify(name);
	let slug = base;
	let id = await insertWorkspace(db, { slug, name, currency, timeZone, now });
	while (id === null) {
		slug = `${base}-${generateToken(3)}`;
		id = await insertWorkspace(db, { slug, name, currency, timeZone, now });
	}
	await insertMembership(db, { workspaceId: id, userId: input.ownerId, role: 'owner', now });
	await recordAudit(db, {
		workspaceId: id,
		actorUserId: input.ownerId,
		action: 'workspace.created',
		target: slug,
		ip: input.ip
	});
	return { ok: true, workspace: { id, slug } };
}

/** The workspace as `userId` may see it, or null when they are not a member (callers answer 404). */
export async function workspaceForMember(
	db: Db,
	userId: number,
	slug: string
): Promise<WorkspaceAccess | null> {
	const row = await findMembershipBySlug(db, userId, slug);
	return row ?? null;
}

export function allowed(access: WorkspaceAccess, permission: Permission): boolean {
	return can(access.role, permission);
}

export async function workspacesOf(db: Db, userId: number) {
	return listUserWorkspaces(db, userId);
}

export async function updateWorkspaceSettings(
	db: Db,
	access: WorkspaceAccess,
	actorUserId: number,
	input: { name: string; currency: string; timeZone: string },
	ip: string | null
): Promise<{ ok: true } | { ok: false; error: WorkspaceError }> {
	const name = input.name.trim();
	const nameError = checkName(name);
	if (nameError) return { ok: false, error: nameError };
	if (!isCurrency(input.currency)) return { ok: false, error: 'currency_invalid' };
	if (!isTimeZone(input.timeZone)) return { ok: false, error: 'time_zone_invalid' };
	await updateWorkspace(db, access.id, {
		name,
		currency: input.currency,
		time_zone: input.timeZone
	});
	await recordAudit(db, {
		workspaceId: access.id,
		actorUserId,
		action: 'workspace.updated',
		ip,
		detail: { name, currency: input.currency, timeZone: input.timeZone }
	});
	return { ok: true };
}

export async function membersOf(db: Db, workspaceId: number) {
	return listMembers(db, workspaceId);
}

export async function changeMemberRole(
	db: Db,
	workspaceId: number,
	actorUserId: number,
	userId: number,
	role: Role,
	ip: string | null
): Promise<{ ok: true } | { ok: false; error: WorkspaceError }> {
	return inTransaction(db, async (trx) => {
		const member = await findMember(trx, workspaceId, userId);
		if (!member) return { ok: false, error: 'not_found' } as const;
		if (member.role === 'owner' && role !== 'owner' && (await countOwners(trx, workspaceId)) <= 1)
			return { ok: false, error: 'last_owner' } as const;
		await updateMemberRole(trx, workspaceId, userId, role);
		await recordAudit(trx, {
			workspaceId,
			actorUserId,
			action: 'member.role_changed',
			target: member.email,
			ip,
			detail: { from: member.role, to: role }
		});
		return { ok: true } as const;
	});
}

export async function removeMember(
	db: Db,
	workspaceId: number,
	actorUserId: number,
	userId: number,
	ip: string | null
): Promise<{ ok: true } | { ok: false; error: WorkspaceError }> {
	return inTransaction(db, async (trx) => {
		const member = await findMember(trx, workspaceId, userId);
		if (!member) return { ok: false, error: 'not_found' } as const;
		if (member.role === 'owner' && (await countOwners(trx, workspaceId)) <= 1)
			return { ok: false, error: 'last_owner' } as const;
		await deleteMembership(trx, workspaceId, userId);
		await recordAudit(trx, {
			workspaceId,
			actorUserId,
			action: 'member.removed',
			target: member.email,
			ip
		});
		return { ok: true } as const;
	});
}

export async function workspaceForKey(db: Db, workspaceId: number) {
	const row = await findWorkspace(db, workspaceId);
	if (!row) return null;
	return {
		id: row.id,
		slug: row.slug,
		name: row.name,
		currency: row.currency,
		timeZone: row.time_zone
	};
}
