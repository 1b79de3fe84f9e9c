// `npm run migrate`: bring the database named by DATABASE_URL / DATA_DIR up to date, then exit.
import { tsImport } from 'tsx/esm/api';

const { readConfig } = await tsImport('../lib/server/config.ts', import.meta.url);
const { connect } = await tsImport('../lib/server/db/connect.ts', import.meta.url);
const { migrateToLatest } = await tsImport('../lib/server/db/migrate.ts', import.meta.url);

const result = readConfig(process.env);
if (!result.ok) {
	console.error('Cannot migrate: the configuration is invalid.');
	for (const error of result.errors) console.error(`  - ${error}`);
	process.exit(1);
}
const { db, dialect } = connect(result.config);
try {
	const applied = await migrateToLatest(db);
	console.log(
		applied.length
			? `Applied ${applied.length} migration(s) on ${dialect}: ${applied.join(', ')}`
			: `The ${dialect} database is up to date.`
	);
} finally {
	await db.destroy();
}
