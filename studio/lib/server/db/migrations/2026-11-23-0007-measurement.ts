import { type Kysely } from 'kysely';
import { bigint, identity, json } from './util';

/**
 * Measuring what marketing returns: experiments gain targeting, a metric and a link to the journey
 * split they mirror; exposures are stored once per unit, experiment and variant (from the SDK's
 * "Experiment Viewed" events and from journeys' A/B splits); costs the marketer enters feed ROI
 * and CAC; monthly lifecycle snapshots give the dashboard its "over time".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	const big = bigint(db);
	const workspace = (c: import('kysely').ColumnDefinitionBuilder) =>
		c.notNull().references('workspace.id').onDelete('cascade');

	await db.schema
		.alterTable('experiment')
		.addColumn('segment_id', big, (c) => c.references('segment.id').onDelete('set null'))
		.execute();
	// `{ event, windowDays, guardrails: string[] }`; null means "Order Completed within 7 days".
	await db.schema.alterTable('experiment').addColumn('metric', json(db)).execute();
	await db.schema
		.alterTable('experiment')
		.addColumn('journey_id', big, (c) => c.references('journey.id').onDelete('cascade'))
		.execute();
	await db.schema.alterTable('experiment').addColumn('node_id', 'text').execute();
	// The variant rolled out when the test ended; the SDK then serves it to everyone.
	await db.schema.alterTable('experiment').addColumn('winner', 'text').execute();
	await db.schema
		.createIndex('experiment_journey_node')
		.on('experiment')
		.columns(['journey_id', 'node_id'])
		.unique()
		.execute();

	await db.schema
		.createTable('exposure')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		.addColumn('experiment_id', big, (c) =>
			c.notNull().references('experiment.id').onDelete('cascade')
		)
		// The hashed unit: the SDK's anonymous id, or `c:<customer id>` for journeys. Erasing a
		// customer erases their exposures with them (the cascade below).
		.addColumn('unit', 'text', (c) => c.notNull())
		.addColumn('customer_id', big, (c) => c.references('customer.id').onDelete('cascade'))
		.addColumn('variant', 'text', (c) => c.notNull())
		// sdk | journey
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('exposed_at', big, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('exposure_unit')
		.on('exposure')
		.columns(['experiment_id', 'unit', 'variant'])
		.unique()
		.execute();
	await db.schema
		.createIndex('exposure_customer')
		.on('exposure')
		.columns(['workspace_id', 'customer_id'])
		.execute();

	await db.schema
		.createTable('marketing_cost')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, workspace)
		// email | webhook | offer (per message), point (per loyalty point), conversion (discount
		// per converted run), fixed (per journey per month), acquisition (per month)
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('journey_id', big, (c) => c.references('journey.id').onDelete('cascade'))
		// YYYY-MM for fixed and acquisition costs; null for unit costs.
		.addColumn('month', 'text')
		// Thousandths of the currency's minor unit: an email can cost a tenth of a cent.
		.addColumn('amount_milli', big, (c) => c.notNull())
		.addColumn('updated_by', big, (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('updated_at', big, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('marketing_cost_kind')
		.on('marketing_cost')
		.columns(['workspace_id', 'kind', 'month'])
		.execute();

	await db.schema
		.createTable('lifecycle_snapshot')
		.addColumn('workspace_id', big, workspace)
		.addColumn('month', 'text', (c) => c.notNull())
		.addColumn('stage', 'text', (c) => c.notNull())
		.addColumn('tier', 'text', (c) => c.notNull())
		.addColumn('customers', big, (c) => c.notNull())
		.addPrimaryKeyConstraint('lifecycle_snapshot_pk', ['workspace_id', 'month', 'stage', 'tier'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('lifecycle_snapshot').execute();
	await db.schema.dropTable('marketing_cost').execute();
	await db.schema.dropTable('exposure').execute();
	await db.schema.dropIndex('experiment_journey_node').execute();
	for (const column of ['winner', 'node_id', 'journey_id', 'metric', 'segment_id']) {
		await db.schema.alterTable('experiment').dropColumn(column).execute();
	}
}
