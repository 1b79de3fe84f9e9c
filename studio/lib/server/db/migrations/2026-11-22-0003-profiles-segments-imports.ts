import { sql, type Kysely } from 'kysely';
import { bigint, identity, json } from './util';

/**
 * Computed customer facts (RFM, value tier, lifecycle stage), segments with their membership and
 * its history, CSV imports, and per-workspace lifecycle rules.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	const id = identity(db);
	const big = bigint(db);

	await db.schema.alterTable('workspace').addColumn('lifecycle_rules', json(db)).execute();

	// Each added in its own statement: SQLite alters one column at a time.
	const customerColumns: [string, 'integer' | 'bigint' | 'real' | 'text', boolean][] = [
		['avg_days_between_orders', 'real', false],
		['rfm_recency', 'integer', false],
		['rfm_frequency', 'integer', false],
		['rfm_monetary', 'integer', false],
		['value_tier', 'text', false],
		['lifecycle_stage', 'text', true],
		['churn_risk', 'real', false],
		['loyalty_points', 'integer', true],
		['facts_stale_at', big, false],
		['search_text', 'text', true]
	];
	for (const [name, type, notNull] of customerColumns) {
		await db.schema
			.alterTable('customer')
			.addColumn(name, type, (c) => {
				if (!notNull) return c;
				if (name === 'lifecycle_stage') return c.notNull().defaultTo('prospect');
				if (name === 'search_text') return c.notNull().defaultTo('');
				return c.notNull().defaultTo(0);
			})
			.execute();
	}
	for (const [index, columns] of [
		['customer_stage_seen', ['workspace_id', 'lifecycle_stage', 'last_seen_at']],
		['customer_tier_seen', ['workspace_id', 'value_tier', 'last_seen_at']],
		['customer_revenue', ['workspace_id', 'revenue_minor']],
		['customer_stale', ['workspace_id', 'facts_stale_at']]
	] as const) {
		await db.schema
			.createIndex(index)
			.on('customer')
			.columns([...columns])
			.execute();
	}

	await db.schema
		.createTable('segment')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('definition', json(db), (c) => c.notNull())
		.addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('evaluated_at', big)
		.addColumn('created_by', big, (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('updated_at', big, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('segment_workspace').on('segment').column('workspace_id').execute();

	await db.schema
		.createTable('segment_membership')
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('segment_id', big, (c) => c.notNull().references('segment.id').onDelete('cascade'))
		.addColumn('customer_id', big, (c) => c.notNull().references('customer.id').onDelete('cascade'))
		.addColumn('entered_at', big, (c) => c.notNull())
		.addPrimaryKeyConstraint('segment_membership_pk', ['segment_id', 'customer_id'])
		.execute();
	await db.schema
		.createIndex('segment_membership_customer')
		.on('segment_membership')
		.columns(['workspace_id', 'customer_id'])
		.execute();

	// Append-only: journeys enrol on "entered" and leave on "left".
	await db.schema
		.createTable('segment_change')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('segment_id', big, (c) => c.notNull().references('segment.id').onDelete('cascade'))
		.addColumn('customer_id', big, (c) => c.notNull().references('customer.id').onDelete('cascade'))
		.addColumn('change', 'text', (c) => c.notNull())
		.addColumn('at', big, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('segment_change_segment_time')
		.on('segment_change')
		.columns(['workspace_id', 'segment_id', 'at'])
		.execute();

	await db.schema
		.createTable('import_job')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('preset', 'text')
		.addColumn('mapping', json(db), (c) => c.notNull().defaultTo(sql`'{}'`))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('bytes_total', big, (c) => c.notNull().defaultTo(0))
		.addColumn('bytes_done', big, (c) => c.notNull().defaultTo(0))
		.addColumn('rows_ok', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rows_skipped', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rows_failed', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('summary', json(db))
		.addColumn('created_by', big, (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('finished_at', big)
		.execute();
	await db.schema
		.createIndex('import_job_workspace')
		.on('import_job')
		.columns(['workspace_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('import_error')
		.addColumn('job_id', big, (c) => c.notNull().references('import_job.id').onDelete('cascade'))
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('row_number', 'integer', (c) => c.notNull())
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('raw', 'text')
		.execute();
	await db.schema
		.createIndex('import_error_job')
		.on('import_error')
		.columns(['job_id', 'row_number'])
		.execute();

	await db.schema
		.createTable('import_preset')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('mapping', json(db), (c) => c.notNull())
		.addColumn('created_at', big, (c) => c.notNull())
		.addUniqueConstraint('import_preset_name_unique', ['workspace_id', 'kind', 'name'])
		.execute();

	// Background work that must run on one instance at a time is claimed here (see job-lease.ts).
	await db.schema
		.createTable('job_lease')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('holder', 'text', (c) => c.notNull())
		.addColumn('until', big, (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'job_lease',
		'import_preset',
		'import_error',
		'import_job',
		'segment_change',
		'segment_membership',
		'segment'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
