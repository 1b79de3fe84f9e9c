import { type Kysely } from 'kysely';
import { bigint, identity, json } from './util';

/**
 * Site experiments the SDK's `variant()` reads. Exposures, targeting and analysis come with the
 * experiments screen; this table holds what assignment needs: the key, the variants with their
 * weights, the traffic coverage and the hash seed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	const big = bigint(db);
	await db.schema
		.createTable('experiment')
		.addColumn('id', big, identity(db))
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
		.addColumn('variants', json(db), (c) => c.notNull())
		.addColumn('coverage', 'real', (c) => c.notNull().defaultTo(1))
		.addColumn('seed', 'text', (c) => c.notNull())
		.addColumn('created_by', big, (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('updated_at', big, (c) => c.notNull())
		.addColumn('started_at', big)
		.addColumn('stopped_at', big)
		.execute();
	await db.schema
		.createIndex('experiment_key')
		.on('experiment')
		.columns(['workspace_id', 'key'])
		.unique()
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('experiment').execute();
}
