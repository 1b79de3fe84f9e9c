import type { Kysely } from 'kysely';
import { bigint, identity, json } from './util';

/** Workspaces, people, sessions, keys and the audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
	const id = identity(db);
	const big = bigint(db);

	await db.schema
		.createTable('workspace')
		.addColumn('id', big, id)
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('currency', 'text', (c) => c.notNull())
		.addColumn('time_zone', 'text', (c) => c.notNull())
		.addColumn('created_at', big, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('app_user')
		.addColumn('id', big, id)
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('locale', 'text')
		.addColumn('last_workspace_id', big, (c) => c.references('workspace.id').onDelete('set null'))
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('password_changed_at', big, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('membership')
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('user_id', big, (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('created_at', big, (c) => c.notNull())
		.addPrimaryKeyConstraint('membership_pk', ['workspace_id', 'user_id'])
		.execute();
	await db.schema.createIndex('membership_user').on('membership').column('user_id').execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', big, (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('expires_at', big, (c) => c.notNull())
		.addColumn('created_at', big, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_user').on('session').column('user_id').execute();

	await db.schema
		.createTable('invitation')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('email', 'text')
		.addColumn('created_by', big, (c) => c.notNull().references('app_user.id'))
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('expires_at', big, (c) => c.notNull())
		.addColumn('accepted_at', big)
		.addColumn('accepted_by', big, (c) => c.references('app_user.id'))
		.addColumn('revoked_at', big)
		.execute();
	await db.schema
		.createIndex('invitation_workspace')
		.on('invitation')
		.column('workspace_id')
		.execute();

	await db.schema
		.createTable('api_key')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('prefix', 'text', (c) => c.notNull())
		.addColumn('key_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_by', big, (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('last_used_at', big)
		.addColumn('revoked_at', big)
		.execute();
	await db.schema.createIndex('api_key_workspace').on('api_key').column('workspace_id').execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('actor_user_id', big, (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('target', 'text')
		.addColumn('ip', 'text')
		.addColumn('detail', json(db))
		.addColumn('created_at', big, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('audit_log_workspace_time')
		.on('audit_log')
		.columns(['workspace_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('login_throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('window_started_at', big, (c) => c.notNull())
		.addColumn('locked_until', big)
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'login_throttle',
		'audit_log',
		'api_key',
		'invitation',
		'session',
		'membership',
		'app_user',
		'workspace'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
