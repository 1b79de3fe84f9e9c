import type { Db } from '../db/connect';
import type { Role } from '../db/schema';

/** Inserts unless the slug is taken; null then. No error, so a surrounding transaction lives on. */
export async function insertWorkspace(
	db: Db,
	row: { slug: string; name: string; currency: string; timeZone: string; now: number }
): Promise<number | null> {
	const inserted = await db
		.insertInto('workspace')
		.values({
			slug: row.slug,
			name: row.name,
			currency: row.currency,
			time_zone: row.timeZone,
			created_at: row.now
		})
		.onConflict((oc) => oc.column('slug').doNothing())
		.returning('id')
		.executeTakeFirst();
	return inserted?.id ?? null;
}

export async function updateWorkspace(
	db: Db,
	id: number,
	changes: { name?: string; currency?: string; time_zone?: string }
): Promise<void> {
	await db.updateTable('workspace').set(changes).where('id', '=', id).execute();
}

export async function insertMembership(
	db: Db,
	row: { workspaceId: number; userId: number; role: Role; now: number }
): Promise<void> {
	await db
		.insertInto('membership')
		.values({
			workspace_id: row.workspaceId,
			user_id: row.userId,
			role: row.role,
			created_at: row.now
		})
		.onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
		.execute();
}

/** The workspace behind `slug`, but only when `userId` belongs to it. */
export async function findMembershipBySlug(db: Db, userId: number, slug: string) {
	return db
		.selectFrom('workspace')
		.innerJoin('membership', 'membership.workspace_id', 'workspace.id')
		.select([
			'workspace.id',
			'workspace.slug',
			'workspace.name',
			'workspace.currency',
			'workspace.time_zone as timeZone',
			'membership.role'
		])
		.where('workspace.slug', '=', slug)
		.where('membership.user_id', '=', userId)
		.executeTakeFirst();
}

export async function listUserWorkspaces(db: Db, userId: number) {
	return db
		.selectFrom('workspace')
		.innerJoin('membership', 'membership.workspace_id', 'workspace.id')
		.select(['workspace.id', 'workspace.slug', 'workspace.name', 'membership.role'])
		.where('membership.user_id', '=', userId)
		.orderBy('workspace.name')
		.execute();
}

export async function listMembers(db: Db, workspaceId: number) {
	return db
		.selectFrom('membership')
		.innerJoin('app_user', 'app_user.id', 'membership.user_id')
		.select([
			'app_user.id as userId',
			'app_user.email',
			'app_user.name',
			'membership.role',
			'membership.created_at as joinedAt'
		])
		.where('membership.workspace_id', '=', workspaceId)
		.orderBy('membership.created_at')
		.execute();
}

export async function findMember(db: Db, workspaceId: number, userId: number) {
	return db
		.selectFrom('membership')
		.innerJoin('app_user', 'app_user.id', 'membership.user_id')
		.select(['app_user.id as userId', 'app_user.email', 'membership.role'])
		.where('membership.workspace_id', '=', workspaceId)
		.where('membership.user_id', '=', userId)
		.executeTakeFirst();
}

export async function countOwners(db: Db, workspaceId: number): Promise<number> {
	const row = await db
		.selectFrom('membership')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('workspace_id', '=', workspaceId)
		.where('role', '=', 'owner')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function updateMemberRole(db: Db, workspaceId: number, userId: number, role: Role) {
	await db
		.updateTable('membership')
		.set({ role })
		.where('workspace_id', '=', workspaceId)
		.where('user_id', '=', userId)
		.execute();
}

export async function deleteMembership(db: Db, workspaceId: number, userId: number) {
	await db
		.deleteFrom('membership')
		.where('workspace_id', '=', workspaceId)
		.where('user_id', '=', userId)
		.execute();
}

export async function listMembershipWorkspaceIds(db: Db, userId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('membership')
		.select('workspace_id')
		.where('user_id', '=', userId)
		.execute();
	return rows.map((r) => r.workspace_id);
}

export async function findWorkspace(db: Db, id: number) {
	return db.selectFrom('workspace').selectAll().where('id', '=', id).executeTakeFirst();
}
