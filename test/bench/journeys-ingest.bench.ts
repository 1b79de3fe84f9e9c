// Tracking throughput while the journey engine is busy, black-box on the built server (SQLite):
// the ingest benchmark's load (100-event batches from autocannon in its own process) runs once
// with no journey, then again with a live journey that every "Product Viewed" event (70% of the
// traffic) enters and runs through five steps at once. Prints both rates, the reduction and the
// engine's steps per second meanwhile. Build first; `npm run bench -- journeys-ingest`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTrackingServer, type TrackingServer } from '../api/tracking-server';

const PORT = 4521;
const SECONDS = Number(process.env.INGEST_SECONDS ?? 15);
const EVENTS_PER_BATCH = 100;

async function load(server: TrackingServer): Promise<number> {
	const ingest = fileURLToPath(new URL('./ingest.bench.ts', import.meta.url));
	const child = spawn(
		process.execPath,
		['--import', 'tsx', ingest, 'load', server.url, server.writeKey, String(SECONDS)],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	let out = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const code = await new Promise<number | null>((r) => child.once('exit', r));
	const line = out.split('\n').find((l) => l.startsWith('LOAD '));
	if (code !== 0 || !line) throw new Error(`the load generator failed (exit ${code}):\n${out}`);
	const result = JSON.parse(line.slice(5)) as {
		ok: number;
		non2xx: number;
		errors: number;
		durationS: number;
	};
	if (result.non2xx || result.errors)
		throw new Error(
			`${result.non2xx} requests failed, ${result.errors} errors:\n${server.output().slice(-4000)}`
		);
	return (result.ok * EVENTS_PER_BATCH) / result.durationS;
}

function stepCount(server: TrackingServer): number {
	const db = server.openDb();
	try {
		return Number(
			(
				db.prepare(`select count(*) as n from journey_step where outcome = 'entered'`).get() as {
					n: number;
				}
			).n
		);
	} finally {
		db.close();
	}
}

const server = await startTrackingServer({ port: PORT, env: { REGULARS_SECRET: 'bench' } });
try {
	console.log(`tracking load for ${SECONDS} s without journeys…`);
	const idle = await load(server);
	const api = async (path: string, body: unknown) => {
		const response = await fetch(`${server.url}${path}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${server.secretKey}`, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
		return (await response.json()) as { id: number };
	};
	const journey = await api('/api/v1/journeys', {
		name: 'Every view',
		definition: {
			version: 1,
			nodes: [
				{ id: 'in', type: 'entry_event', event: 'Product Viewed', filters: [] },
				{
					id: 'buyer',
					type: 'condition',
					match: 'all',
					checks: [
						{
							kind: 'customer',
							root: {
								type: 'group',
								op: 'and',
								children: [{ type: 'fact', fact: 'orders_count', operator: 'gte', value: 1 }]
							}
						}
					]
				},
				{ id: 'tag', type: 'update_profile', change: { kind: 'add_tag', tag: 'browsing' } },
				{ id: 'points', type: 'award_points', points: 1, reason: 'view' },
				{ id: 'out', type: 'exit' }
			],
			edges: [
				{ from: 'in', output: 'next', to: 'buyer' },
				{ from: 'buyer', output: 'yes', to: 'points' },
				{ from: 'buyer', output: 'no', to: 'tag' },
				{ from: 'tag', output: 'next', to: 'out' },
				{ from: 'points', output: 'next', to: 'out' }
			],
			settings: { reEntry: { kind: 'always' } }
		}
	});
	await api(`/api/v1/journeys/${journey.id}/publish`, {});
	// Let the engine take its position in the event stream before the load starts.
	await new Promise((r) => setTimeout(r, 2_000));
	console.log(`tracking load for ${SECONDS} s with the engine entering every view…`);
	const stepsBefore = stepCount(server);
	const started = performance.now();
	const busy = await load(server);
	const elapsed = (performance.now() - started) / 1000;
	const stepsDuring = stepCount(server) - stepsBefore;
	const reduction = (1 - busy / idle) * 100;
	console.log(`journeys_ingest_idle_events_per_s: ${Math.round(idle)} events/s`);
	console.log(`journeys_ingest_busy_events_per_s: ${Math.round(busy)} events/s`);
	console.log(`journeys_ingest_reduction_pct: ${reduction.toFixed(1)} %`);
	console.log(
		`journeys_engine_steps_per_s_under_load: ${Math.round(stepsDuring / elapsed)} steps/s`
	);
} finally {
	await server.dispose();
}
