import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { bigint, identity, json } from './util';

/**
 * Journeys and their engine: drafts and immutable published versions, one enrollment row per
 * customer per run, the append-only step log that per-node statistics come from, the outbox of
 * every message with its idempotency key, on-site offers for the SDK, the loyalty ledger, the
 * per-workspace channel settings, and the engine's cursors over the event and segment streams.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	const big = bigint(db);
	const workspace = (c: ColumnDefinitionBuilder) =>
		c.notNull().references('workspace.id').onDelete('cascade');
	const customer = (c: ColumnDefinitionBuilder) =>
		c.notNull().references('customer.id').onDelete('cascade');

	await db.schema
		.createTable('journey')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		.addColumn('name', 'text', (c) => c.notNull())
		// draft (never published) | live | paused | archived
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('draft', json(db), (c) => c.notNull())
		.addColumn('live_version_id', big)
		.addColumn('created_by', big, (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('updated_at', big, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('journey_workspace').on('journey').column('workspace_id').execute();

	await db.schema
		.createTable('journey_version')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		.addColumn('journey_id', big, (c) => c.notNull().references('journey.id').onDelete('cascade'))
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('definition', json(db), (c) => c.notNull())
		.addColumn('published_by', big, (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('published_at', big, (c) => c.notNull())
		.addUniqueConstraint('journey_version_number', ['journey_id', 'number'])
		.execute();

	await db.schema
		.createTable('enrollment')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		.addColumn('journey_id', big, (c) => c.notNull().references('journey.id').onDelete('cascade'))
		.addColumn('version_id', big, (c) =>
			c.notNull().references('journey_version.id').onDelete('cascade')
		)
		.addColumn('customer_id', big, customer)
		// active | completed | converted | exited | failed | holdout
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('node_id', 'text', (c) => c.notNull())
		// How many times this run has arrived at its current node: part of idempotency keys.
		.addColumn('visit', 'integer', (c) => c.notNull().defaultTo(1))
		// When a timer is due (delay, wait timeout, quiet hours, retry); null when none.
		.addColumn('wake_at', big)
		// The event a wait or goal node listens for; null when none.
		.addColumn('waiting_for', 'text')
		// An instance working on the row holds it until then (a crashed one lets go by itself).
		.addColumn('claimed_until', big)
		.addColumn('context', json(db), (c) => c.notNull())
		.addColumn('entered_at', big, (c) => c.notNull())
		.addColumn('updated_at', big, (c) => c.notNull())
		.addColumn('ended_at', big)
		.addColumn('error', 'text')
		.execute();
	await db.schema
		.createIndex('enrollment_due')
		.on('enrollment')
		.columns(['wake_at'])
		.where(sql<boolean>`status = 'active'`)
		.execute();
	await db.schema
		.createIndex('enrollment_customer')
		.on('enrollment')
		.columns(['workspace_id', 'customer_id', 'status'])
		.execute();
	await db.schema
		.createIndex('enrollment_journey')
		.on('enrollment')
		.columns(['journey_id', 'customer_id', 'entered_at'])
		.execute();
	await db.schema
		.createIndex('enrollment_node')
		.on('enrollment')
		.columns(['journey_id', 'status', 'node_id'])
		.execute();

	await db.schema
		.createTable('journey_step')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		.addColumn('journey_id', big, (c) => c.notNull().references('journey.id').onDelete('cascade'))
		.addColumn('version_id', big, (c) => c.notNull())
		.addColumn('enrollment_id', big, (c) =>
			c.notNull().references('enrollment.id').onDelete('cascade')
		)
		.addColumn('customer_id', big, (c) => c.notNull())
		.addColumn('node_id', 'text', (c) => c.notNull())
		// entered, an output's name, converted, exited, sent, skipped_*, failed, completed
		.addColumn('outcome', 'text', (c) => c.notNull())
		.addColumn('detail', json(db))
		.addColumn('at', big, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('journey_step_node')
		.on('journey_step')
		.columns(['journey_id', 'node_id', 'outcome'])
		.execute();
	await db.schema
		.createIndex('journey_step_enrollment')
		.on('journey_step')
		.column('enrollment_id')
		.execute();

	await db.schema
		.createTable('message')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		.addColumn('journey_id', big, (c) => c.references('journey.id').onDelete('set null'))
		.addColumn('enrollment_id', big, (c) => c.references('enrollment.id').onDelete('set null'))
		.addColumn('customer_id', big, (c) => c.references('customer.id').onDelete('set null'))
		.addColumn('node_id', 'text')
		// email | webhook | offer
		.addColumn('channel', 'text', (c) => c.notNull())
		// enrollment + node + visit: a retried step finds its message instead of making another
		.addColumn('idempotency_key', 'text', (c) => c.notNull())
		// pending | sending | sent | unconfirmed | failed
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', big)
		.addColumn('claimed_until', big)
		.addColumn('recipient', 'text')
		.addColumn('subject', 'text')
		.addColumn('payload', json(db), (c) => c.notNull())
		.addColumn('error', 'text')
		.addColumn('provider_id', 'text')
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('sent_at', big)
		.addUniqueConstraint('message_idempotency', ['workspace_id', 'idempotency_key'])
		.execute();
	await db.schema
		.createIndex('message_due')
		.on('message')
		.columns(['status', 'next_attempt_at'])
		.execute();
	await db.schema
		.createIndex('message_outbox')
		.on('message')
		.columns(['workspace_id', 'id'])
		.execute();
	await db.schema
		.createIndex('message_customer')
		.on('message')
		.columns(['customer_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('journey_offer')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		.addColumn('customer_id', big, customer)
		.addColumn('message_id', big, (c) => c.references('message.id').onDelete('cascade'))
		.addColumn('placement', 'text', (c) => c.notNull())
		.addColumn('content', json(db), (c) => c.notNull())
		.addColumn('expires_at', big, (c) => c.notNull())
		.addColumn('created_at', big, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('journey_offer_customer')
		.on('journey_offer')
		.columns(['workspace_id', 'customer_id', 'placement', 'expires_at'])
		.execute();

	await db.schema
		.createTable('loyalty_ledger')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		.addColumn('customer_id', big, customer)
		.addColumn('points', big, (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('idempotency_key', 'text', (c) => c.notNull())
		.addColumn('created_at', big, (c) => c.notNull())
		.addUniqueConstraint('loyalty_idempotency', ['workspace_id', 'idempotency_key'])
		.execute();
	await db.schema
		.createIndex('loyalty_customer')
		.on('loyalty_ledger')
		.columns(['customer_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('channel_settings')
		.addColumn('workspace_id', big, (c) =>
			c.primaryKey().references('workspace.id').onDelete('cascade')
		)
		.addColumn('smtp_host', 'text')
		.addColumn('smtp_port', 'integer')
		.addColumn('smtp_secure', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('smtp_user', 'text')
		// Encrypted with the instance's secret (it has to be usable, so it cannot be hashed).
		.addColumn('smtp_password', 'text')
		.addColumn('from_address', 'text')
		.addColumn('webhook_secret', 'text')
		.addColumn('cap_per_day', 'integer')
		.addColumn('cap_per_week', 'integer')
		.addColumn('global_holdout', 'real', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', big, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('engine_cursor')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('position', big, (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'engine_cursor',
		'channel_settings',
		'loyalty_ledger',
		'journey_offer',
		'message',
		'journey_step',
		'enrollment',
		'journey_version',
		'journey'
	])
		await db.schema.dropTable(table).execute();
}
