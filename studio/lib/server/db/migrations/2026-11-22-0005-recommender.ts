import { type Kysely } from 'kysely';
import { bigint, identity, isPostgres, json } from './util';

/**
 * The recommender's trained models (a snapshot every instance serves), its training runs with
 * their progress, and the impressions and clicks of recommended products that attribution reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	const big = bigint(db);
	const workspace = (c: import('kysely').ColumnDefinitionBuilder) =>
		c.notNull().references('workspace.id').onDelete('cascade');

	await db.schema
		.createTable('recommender_model')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		.addColumn('trained_at', big, (c) => c.notNull())
		.addColumn('snapshot', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('snapshot_bytes', 'integer', (c) => c.notNull())
		.addColumn('metrics', json(db), (c) => c.notNull())
		.addColumn('stats', json(db), (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('recommender_model_latest')
		.on('recommender_model')
		.columns(['workspace_id', 'id'])
		.execute();

	await db.schema
		.createTable('recommender_run')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		.addColumn('trigger', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('stage', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
		.addColumn('error', 'text')
		.addColumn('model_id', big, (c) => c.references('recommender_model.id').onDelete('set null'))
		.addColumn('requested_by', big, (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('started_at', big)
		.addColumn('finished_at', big)
		.execute();
	await db.schema
		.createIndex('recommender_run_latest')
		.on('recommender_run')
		.columns(['workspace_id', 'id'])
		.execute();

	await db.schema
		.createTable('recommendation_interaction')
		.addColumn('workspace_id', big, workspace)
		// The event's messageId: a retried event is recorded once, like the event itself.
		.addColumn('message_id', 'text', (c) => c.notNull())
		.addColumn('recommendation_id', 'text', (c) => c.notNull())
		.addColumn('sku', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('placement', 'text', (c) => c.notNull())
		.addColumn('customer_id', big, (c) => c.references('customer.id').onDelete('cascade'))
		.addColumn('at', big, (c) => c.notNull())
		.addPrimaryKeyConstraint('recommendation_interaction_pk', ['workspace_id', 'message_id'])
		.execute();
	await db.schema
		.createIndex('recommendation_interaction_time')
		.on('recommendation_interaction')
		.columns(['workspace_id', 'kind', 'at'])
		.execute();
	await db.schema
		.createIndex('recommendation_interaction_customer')
		.on('recommendation_interaction')
		.column('customer_id')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('recommendation_interaction').execute();
	await db.schema.dropTable('recommender_run').execute();
	await db.schema.dropTable('recommender_model').execute();
}
