// Recommender on real purchases (UCI Online Retail, ~400k lines, 4,335 customers, 3,659
// products): training time of the full model (item-kNN with its validation tuning, user-kNN
// index, popularity, trending, frequently bought together), request latency of `recommend` for
// known customers with the default rules, snapshot size and memory.
// Reads ../shared/data/online-retail/online-retail.csv.gz in place.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readOnlineRetail } from '../../recommender/bin/datasets.js';
import type { InteractionEvent } from '../../recommender/src/interactions.js';
import { fitRecommender } from '../../recommender/src/model.js';
import { recommend } from '../../recommender/src/recommend.js';
import { deserialize, serialize } from '../../recommender/src/snapshot.js';

const root = new URL('../..', import.meta.url).pathname;
const file = join(root, '../shared/data/online-retail/online-retail.csv.gz');
if (!existsSync(file)) {
	console.error(`Missing ${file}`);
	process.exit(1);
}

const lines = readOnlineRetail(file);
const events: InteractionEvent[] = lines.map((l) => ({
	userId: l.customer,
	itemId: l.stockCode,
	type: 'purchase',
	at: l.at,
	orderId: l.invoice
}));
const now = events.reduce((latest, e) => Math.max(latest, e.at), 0);
console.log(`# ${events.length} purchase events from ${file}`);

const fitStart = performance.now();
const model = fitRecommender(events, { now });
const fitMs = performance.now() - fitStart;
// Heap in use with the events, the model and the load-time data all alive.
const heapAfterFit = process.memoryUsage().heapUsed;
console.log(`# item-kNN chosen on validation: ${JSON.stringify(model.itemKnnParams)}`);

const snapshotStart = performance.now();
const bytes = serialize(model);
const served = deserialize(bytes);
const snapshotMs = performance.now() - snapshotStart;

// Warm up (JIT, the lazily built serving index), then time one request per customer.
for (const userId of served.userIds.slice(0, 200)) recommend(served, { userId, n: 10, now });
const timings: number[] = [];
let returned = 0;
for (const userId of served.userIds) {
	const t0 = performance.now();
	returned += recommend(served, { userId, n: 10, now }).length;
	timings.push(performance.now() - t0);
}
timings.sort((a, b) => a - b);
const quantile = (q: number): number =>
	timings[Math.min(timings.length - 1, Math.floor(q * timings.length))] ?? Number.NaN;
const anonymous: number[] = [];
for (const itemId of served.itemIds.slice(0, 1000)) {
	const t0 = performance.now();
	recommend(served, { sessionItems: [itemId], n: 10, now });
	anonymous.push(performance.now() - t0);
}
anonymous.sort((a, b) => a - b);

console.log(`# ${timings.length} requests, ${returned} items returned`);
console.log(`recs_fit_ms: ${fitMs.toFixed(0)} ms`);
console.log(`recs_recommend_p50_ms: ${quantile(0.5).toFixed(3)} ms`);
console.log(`recs_recommend_p95_ms: ${quantile(0.95).toFixed(3)} ms`);
console.log(
	`recs_session_recommend_p50_ms: ${(anonymous[Math.floor(anonymous.length / 2)] ?? 0).toFixed(3)} ms`
);
console.log(`recs_snapshot_bytes: ${bytes.length} bytes`);
console.log(`recs_snapshot_roundtrip_ms: ${snapshotMs.toFixed(0)} ms`);
console.log(`recs_heap_after_fit_mb: ${(heapAfterFit / 1e6).toFixed(0)} MB`);
console.log(`recs_rss_mb: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
