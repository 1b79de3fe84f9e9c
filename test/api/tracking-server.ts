// Starts the built server (black-box) for the tracking API tests and the ingest benchmark: a
// fresh DATA_DIR, DEMO=0, and a workspace with a write and a secret key written straight into the
// SQLite file (the keys are stored as their SHA-256, as the app stores them).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

const root = resolve(new URL('../..', import.meta.url).pathname);

/**
 * The production entry (studio/bin/serve.js), which serves the build in REGULARS_BUILD_DIR, else
 * ./build. Throws (never skips) when there is no build.
 */
export function builtServerEntry(): string {
	const dir = process.env.REGULARS_BUILD_DIR
		? resolve(root, process.env.REGULARS_BUILD_DIR)
		: join(root, 'build');
	const handler = join(dir, 'handler.js');
	if (!existsSync(handler))
		throw new Error(
			`No server build at ${dir}. Build first: \`npm run build\` (or set REGULARS_BUILD_DIR to a build folder).`
		);
	return join(root, 'studio', 'bin', 'serve.js');
}

export interface TrackingServer {
	url: string;
	port: number;
	dataDir: string;
	dbFile: string;
	workspaceId: number;
	writeKey: string;
	secretKey: string;
	/** Stops the process (SIGTERM by default; SIGKILL to simulate a crash). */
	stop: (signal?: NodeJS.Signals) => Promise<void>;
	/** Starts the process again on the same DATA_DIR and port. */
	restart: () => Promise<void>;
	/** Opens the database read-only; close it when done. */
	openDb: () => SQLite.Database;
	/** Stops the server and removes its data. */
	dispose: () => Promise<void>;
	output: () => string;
}

async function waitHealthy(url: string, child: ChildProcess, logs: () => string): Promise<void> {
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`The server exited with code ${child.exitCode}:\n${logs()}`);
		if (Date.now() - started > 60_000)
			throw new Error(`The server did not become healthy in 60 s:\n${logs()}`);
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 50));
	}
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

export async function startTrackingServer(options: {
	port: number;
	env?: Record<string, string>;
	/** Extra node flags, e.g. --cpu-prof for profiling. */
	nodeArgs?: string[];
}): Promise<TrackingServer> {
	const entry = builtServerEntry();
	const dataDir = mkdtempSync(join(tmpdir(), 'regulars-tracking-'));
	const dbFile = join(dataDir, 'regulars.sqlite');
	const url = `http://127.0.0.1:${options.port}`;
	let child: ChildProcess | null = null;
	let log = '';

	const launch = async () => {
		log = '';
		child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry], {
			cwd: root,
			env: {
				...process.env,
				PORT: String(options.port),
				HOST: '127.0.0.1',
				ORIGIN: url,
				DATA_DIR: dataDir,
				DEMO: '0',
				// Tests post webhooks to targets on 127.0.0.1.
				REGULARS_WEBHOOK_ALLOW_PRIVATE: '1',
				...options.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const keep = (chunk: Buffer) => {
			log = (log + chunk.toString()).slice(-20_000);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		await waitHealthy(url, child, () => log);
	};
	const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
		const running = child;
		if (!running || running.exitCode !== null || running.signalCode !== null) return;
		const exited = new Promise((r) => running.once('exit', r));
		running.kill(signal);
		await exited;
	};

	await launch();
	const writeKey = `rg_write_${randomBytes(20).toString('hex')}`;
	const secretKey = `rg_secret_${randomBytes(20).toString('hex')}`;
	const db = new SQLite(dbFile);
	db.pragma('busy_timeout = 5000');
	let workspaceId: number;
	try {
		const now = Date.now();
		workspaceId = Number(
			db
				.prepare(
					`insert into workspace (slug, name, currency, time_zone, created_at) values (?, ?, 'EUR', 'UTC', ?)`
				)
				.run(`tracking-${options.port}-${now}`, 'Tracking test shop', now).lastInsertRowid
		);
		const insertKey = db.prepare(
			`insert into api_key (workspace_id, kind, name, prefix, key_hash, created_at) values (?, ?, ?, ?, ?, ?)`
		);
		insertKey.run(workspaceId, 'write', 'Storefront', writeKey.slice(0, 15), sha256(writeKey), now);
		insertKey.run(
			workspaceId,
			'secret',
			'Back office',
			secretKey.slice(0, 16),
			sha256(secretKey),
			now
		);
	} finally {
		db.close();
	}

	return {
		url,
		port: options.port,
		dataDir,
		dbFile,
		workspaceId,
		writeKey,
		secretKey,
		stop,
		restart: launch,
		openDb: () => new SQLite(dbFile, { readonly: true, fileMustExist: true }),
		dispose: async () => {
			await stop();
			rmSync(dataDir, { recursive: true, force: true });
		},
		output: () => log
	};
}
