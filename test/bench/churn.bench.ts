// Churn risk (k-NN over a few standardised order-history features) on real orders: UCI Online
// Retail imported through the CSV import service into a fresh SQLite database, then scored by the
// same `refreshChurnRisk` the background job runs. Two runs:
// - as of 2011-09-10 (90 days before the data ends), then checked against what happened next:
//   the out-of-time AUC of the stored scores, the figure that says whether the risks mean anything;
// - as of the end of the data: the run the studio would make, timed, with its holdout AUC.
// Then a synthetic 100k-customer workspace (BENCH_CHURN_CUSTOMERS) for the time at scale.
// Reads ../shared/data/online-retail/online-retail.csv.gz in place.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { auc } from '../../recommender/src/metrics';
import { refreshChurnRisk, CHURN_WINDOW_DAYS } from '../../studio/lib/server/churn/churn-service';
import { connect, type Db } from '../../studio/lib/server/db/connect';
import { migrateToLatest } from '../../studio/lib/server/db/migrate';
import { importFile } from '../../studio/lib/server/import/import-service';
import { ONLINE_RETAIL } from '../../studio/lib/server/import/presets';

const FILE = new URL('../../../shared/data/online-retail/online-retail.csv.gz', import.meta.url)
	.pathname;
const SYNTHETIC = Number(process.env.BENCH_CHURN_CUSTOMERS ?? 100_000);
const DAY = 86_400_000;
if (!existsSync(FILE)) {
	console.error(`Missing ${FILE}`);
	process.exit(1);
}

async function workspace(db: Db, slug: string): Promise<number> {
	const row = await db
		.insertInto('workspace')
		.values({ slug, name: slug, currency: 'GBP', time_zone: 'Europe/London', created_at: 0 })
		.returning('id')
		.executeTakeFirstOrThrow();
	return Number(row.id);
}

/** Runs a refresh, timing it and the longest the event loop waited meanwhile. */
async function timed(db: Db, workspaceId: number, now: number) {
	const delay = monitorEventLoopDelay({ resolution: 5 });
	delay.enable();
	const started = performance.now();
	const result = await refreshChurnRisk(db, workspaceId, now);
	const seconds = (performance.now() - started) / 1000;
	delay.disable();
	return { result, seconds, maxDelayMs: delay.max / 1e6 };
}

/** The AUC of the stored risks against "no completed order in the window after `asOf`". */
async function outOfTimeAuc(db: Db, workspaceId: number, asOf: number) {
	const rows = await db
		.selectFrom('customer')
		.select((eb) => [
			'customer.churn_risk as risk',
			eb
				.exists(
					eb
						.selectFrom('shop_order')
						.select('shop_order.id')
						.whereRef('shop_order.customer_id', '=', 'customer.id')
						.where('shop_order.workspace_id', '=', workspaceId)
						.where('shop_order.status', '=', 'completed')
						.where('shop_order.placed_at', '>', asOf)
						.where('shop_order.placed_at', '<=', asOf + CHURN_WINDOW_DAYS * DAY)
				)
				.as('ordered')
		])
		.where('customer.workspace_id', '=', workspaceId)
		.where('customer.churn_risk', 'is not', null)
		.execute();
	const churned = rows.map((r) => !Number(r.ordered));
	return {
		auc: auc(
			Float64Array.from(rows, (r) => Number(r.risk)),
			churned
		),
		customers: rows.length,
		churnedShare: churned.filter(Boolean).length / rows.length
	};
}

/** Customers on rhythms of 7-66 days, a third of them stopped at some point in the last year. */
async function syntheticShop(db: Db, workspaceId: number, customers: number, now: number) {
	await sql`
		with recursive n(i) as (select 1 union all select i + 1 from n where i < ${customers})
		insert into customer
			(workspace_id, external_id, traits, consent, first_seen_at, last_seen_at, created_at, updated_at)
		select ${workspaceId}, 'u' || i, '{}', 'granted', 0, 0, 0, 0 from n`.execute(db);
	await sql`
		with recursive j(k) as (select 0 union all select k + 1 from j where k < 11)
		insert into shop_order
			(workspace_id, external_id, customer_id, source, status, total_minor, currency, placed_at, created_at)
		select c.workspace_id, 'o' || c.id || '-' || j.k, c.id, 'web', 'completed',
			1000 + (c.id * 7 % 50) * 100, 'GBP',
			${now} - ((case when c.id % 3 = 0 then 90 + c.id * 7919 % 270 else c.id % 30 end)
				+ j.k * (7 + c.id * 13 % 60)) * ${DAY}, 0
		from customer c, j
		where c.workspace_id = ${workspaceId} and j.k <= c.id % 12`.execute(db);
}

const figures: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'regulars-churn-bench-'));
const { db } = connect({ dataDir: dir, sqliteFile: 'bench.sqlite' });
try {
	await migrateToLatest(db);
	const retail = await workspace(db, 'online-retail');
	const importStarted = performance.now();
	const imported = await importFile(
		db,
		{
			workspaceId: retail,
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
	if (imported.status !== 'done') throw new Error(`import failed: ${imported.status}`);
	console.log(`# imported in ${((performance.now() - importStarted) / 1000).toFixed(1)} s`);
	const last = await db
		.selectFrom('shop_order')
		.select((eb) => eb.fn.max('placed_at').as('at'))
		.where('workspace_id', '=', retail)
		.executeTakeFirstOrThrow();
	const end = Number(last.at);

	const asOf = end - CHURN_WINDOW_DAYS * DAY;
	const past = await timed(db, retail, asOf);
	const later = await outOfTimeAuc(db, retail, asOf);
	figures.push(
		`churn_retail_out_of_time_auc: ${later.auc.toFixed(4)} auc`,
		`churn_retail_out_of_time_customers: ${later.customers} customers`,
		`churn_retail_out_of_time_churned: ${(later.churnedShare * 100).toFixed(1)} %`,
		`churn_retail_out_of_time_holdout_auc: ${past.result.auc?.toFixed(4) ?? 'n/a'} auc`
	);

	const now = await timed(db, retail, end);
	const rerun = await timed(db, retail, end);
	figures.push(
		`churn_retail_method: ${now.result.method} method`,
		`churn_retail_refresh_s: ${now.seconds.toFixed(2)} s`,
		`churn_retail_customers_scored: ${now.result.scored} customers`,
		`churn_retail_trained_on: ${now.result.trainedOn} customers`,
		`churn_retail_holdout_auc: ${now.result.auc?.toFixed(4) ?? 'n/a'} auc`,
		`churn_retail_holdout_rule_auc: ${now.result.ruleAuc?.toFixed(4) ?? 'n/a'} auc`,
		`churn_retail_rerun_s: ${rerun.seconds.toFixed(2)} s`,
		`churn_retail_rerun_changed: ${rerun.result.changedIds.length} customers`,
		`churn_retail_event_loop_max_ms: ${now.maxDelayMs.toFixed(0)} ms`
	);

	if (SYNTHETIC > 0) {
		const big = await workspace(db, 'synthetic');
		await syntheticShop(db, big, SYNTHETIC, end);
		const scale = await timed(db, big, end);
		figures.push(
			`churn_synthetic_refresh_s: ${scale.seconds.toFixed(2)} s`,
			`churn_synthetic_customers_scored: ${scale.result.scored} customers`,
			`churn_synthetic_trained_on: ${scale.result.trainedOn} customers`,
			`churn_synthetic_holdout_auc: ${scale.result.auc?.toFixed(4) ?? 'n/a'} auc`,
			`churn_synthetic_event_loop_max_ms: ${scale.maxDelayMs.toFixed(0)} ms`
		);
	}
} finally {
	await db.destroy();
	rmSync(dir, { recursive: true, force: true });
}

for (const line of figures) console.log(line);
