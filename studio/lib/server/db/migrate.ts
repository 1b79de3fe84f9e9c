import { Migrator } from 'kysely';
import type { Db } from './connect';
import { migrations } from './migrations/index';

/** Brings the schema up to date. Safe to call from several instances at once: kysely takes a lock. */
export async function migrateToLatest(
	db: Db,
	options: { schema?: string } = {}
): Promise<string[]> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: () => Promise.resolve(migrations) },
		// kysely looks for its bookkeeping tables across every schema unless told which one; tests
		// give each file a PostgreSQL schema of its own and must keep them apart.
		...(options.schema ? { migrationTableSchema: options.schema } : {})
	});
	const { error, results } = await migrator.migrateToLatest();
	if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
