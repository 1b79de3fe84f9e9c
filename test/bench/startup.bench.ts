// How long a fresh install takes from `node build` to serving: migrations plus the demo seed on
// an empty database, then a restart that reuses the data. Black-box: it starts the built server
// and polls /healthz. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const root = new URL('../..', import.meta.url).pathname;
const PORT = 4391;

async function timeToHealthy(env: Record<string, string>): Promise<number> {
	const started = performance.now();
	const server = spawn('node', ['studio/bin/serve.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			...env
		},
		stdio: 'ignore'
	});
	try {
		for (;;) {
			if (performance.now() - started > 120_000)
				throw new Error('server did not become healthy in 120 s');
			try {
				const response = await fetch(`http://127.0.0.1:${PORT}/healthz`);
				if (response.ok) return (performance.now() - started) / 1000;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 50));
		}
	} finally {
		server.kill('SIGTERM');
		await new Promise((r) => server.once('exit', r));
	}
}

if (!existsSync(join(root, 'build/handler.js'))) {
	console.error('Run `npm run build` first.');
	process.exit(1);
}

const figures: string[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'regulars-bench-'));
try {
	figures.push(
		`startup_fresh_sqlite_with_demo_s: ${(await timeToHealthy({ DATA_DIR: dataDir, DEMO: '1' })).toFixed(2)} s`
	);
	figures.push(
		`startup_restart_sqlite_s: ${(await timeToHealthy({ DATA_DIR: dataDir, DEMO: '1' })).toFixed(2)} s`
	);
} finally {
	rmSync(dataDir, { recursive: true, force: true });
}

const admin = process.env.REGULARS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `regulars_bench_${process.pid}`;
const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
try {
	await client.connect();
	await client.query(`create database ${name}`);
	const url = new URL(admin);
	url.pathname = `/${name}`;
	figures.push(
		`startup_fresh_postgres_with_demo_s: ${(await timeToHealthy({ DATABASE_URL: url.toString(), DEMO: '1' })).toFixed(2)} s`
	);
	figures.push(
		`startup_restart_postgres_s: ${(await timeToHealthy({ DATABASE_URL: url.toString(), DEMO: '1' })).toFixed(2)} s`
	);
	await client.query(`drop database ${name} with (force)`);
} catch (error) {
	console.log(`PostgreSQL part skipped: ${(error as Error).message}`);
} finally {
	await client.end().catch(() => undefined);
}

for (const line of figures) console.log(line);
