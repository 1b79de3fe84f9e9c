// Imports the whole UCI Online Retail file (541,909 rows) through the same service the command
// line uses, into a fresh SQLite database, then into PostgreSQL when one answers. Memory is sampled
// during the run: the import streams, so the peak should not grow with the file.
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type Db } from '../../studio/lib/server/db/connect';
import { migrateToLatest } from '../../studio/lib/server/db/migrate';
import { importFile } from '../../studio/lib/server/import/import-service';
import { ONLINE_RETAIL } from '../../studio/lib/server/import/presets';

const FILE = new URL('../../../shared/data/online-retail/online-retail.csv.gz', import.meta.url)
	.pathname;
const PG_ADMIN = process.env.REGULARS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function run(db: Db, suffix: string): Promise<string[]> {
	await migrateToLatest(db);
	const ws = await db
		.insertInto('workspace')
		.values({
			slug: 'bench',
			name: 'Bench',
			currency: 'GBP',
			time_zone: 'Europe/London',
			created_at: Date.now(),
			lifecycle_rules: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
	const started = performance.now();
	const result = await importFile(
		db,
		{
			workspaceId: Number(ws.id),
			kind: 'orders',
			fileName: 'online-retail.csv.gz',
			preset: ONLINE_RETAIL.name,
			mapping: ONLINE_RETAIL.mapping,
			workspaceCurrency: 'GBP',
			bytesTotal: statSync(FILE).size,
			createdBy: null
		},
		createReadStream(FILE)
	);
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	if (result.status !== 'done') throw new Error(`import failed: ${JSON.stringify(result.summary)}`);
	const { rowsOk, rowsSkipped, rowsFailed } = result.progress;
	const rows = rowsOk + rowsSkipped + rowsFailed;
	const s = result.summary as Record<string, number>;
	return [
		`import_online_retail_s${suffix}: ${seconds.toFixed(1)} s`,
		`import_rows_per_s${suffix}: ${Math.round(rows / seconds)} rows/s`,
		`import_peak_rss_mb${suffix}: ${Math.round(peak / 1e6)} MB`,
		`import_rss_before_mb${suffix}: ${Math.round(before / 1e6)} MB`,
		`import_rows${suffix}: ${rows} rows`,
		`import_rows_failed${suffix}: ${rowsFailed} rows`,
		`import_orders${suffix}: ${s.orders} orders`,
		`import_refunds${suffix}: ${s.refunds} orders`,
		`import_skipped_non_product${suffix}: ${rowsSkipped} rows`,
		`import_guest_orders${suffix}: ${s.guestOrders} orders`
	];
}

const figures: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'regulars-import-bench-'));
try {
	const { db } = connect({ dataDir: dir, sqliteFile: 'bench.sqlite' });
	try {
		figures.push(...(await run(db, '')));
	} finally {
		await db.destroy();
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}

const name = `regulars_import_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
let pgReady = false;
try {
	await admin.connect();
	await admin.query(`create database ${name}`);
	pgReady = true;
} catch (error) {
	console.log(`PostgreSQL not reachable at ${PG_ADMIN}; skipping it (${(error as Error).message})`);
}
if (pgReady) {
	const url = new URL(PG_ADMIN);
	url.pathname = `/${name}`;
	const { db } = connect({ databaseUrl: url.toString() });
	try {
		figures.push(...(await run(db, '_postgres')));
	} finally {
		await db.destroy();
		await admin.query(`drop database ${name}`);
	}
}
await admin.end().catch(() => undefined);

for (const line of figures) console.log(line);
