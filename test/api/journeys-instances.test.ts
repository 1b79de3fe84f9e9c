// Two instances of the built server on one PostgreSQL database run the same journey: timers fall
// due on both at once, and the claims (FOR UPDATE SKIP LOCKED) must let every step run exactly
// once. The webhook target counts what arrives.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../studio/lib/server/db/connect';
import { migrateToLatest } from '../../studio/lib/server/db/migrate';
import { postgresUrl } from '../../studio/lib/server/db/testing';
import { builtServerEntry } from './tracking-server';

const root = resolve(new URL('../..', import.meta.url).pathname);
const CUSTOMERS = 300;
const PORTS = [4652, 4653];
const base = postgresUrl();
const schema = `inst_${process.pid}_${Date.now().toString(36)}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let url = '';
let admin: pg.Client;
let target: Server;
let targetUrl = '';
const hooks: string[] = [];
const servers: { child: ChildProcess; log: string; dataDir: string }[] = [];
const writeKey = `rg_write_${randomBytes(20).toString('hex')}`;
const secretKey = `rg_secret_${randomBytes(20).toString('hex')}`;

async function healthy(port: number, child: ChildProcess, log: () => string) {
	for (let waited = 0; waited < 60_000; waited += 100) {
		if (child.exitCode !== null) throw new Error(`server exited:\n${log()}`);
		try {
			if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
		} catch {
			// not yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`not healthy:\n${log()}`);
}

beforeAll(async () => {
	if (!base) return;
	admin = new pg.Client({ connectionString: base });
	await admin.connect();
	await admin.query(`create schema ${schema}`);
	const withSchema = new URL(base);
	withSchema.searchParams.set('options', `-c search_path=${schema}`);
	url = withSchema.toString();
	const { db } = connect({ databaseUrl: url });
	await migrateToLatest(db, { schema });
	const now = Date.now();
	const ws = await db
		.insertInto('workspace')
		.values({
			slug: 'instances',
			name: 'Instances',
			currency: 'EUR',
			time_zone: 'UTC',
			created_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('api_key')
		.values([
			{
				workspace_id: ws.id,
				kind: 'write',
				name: 'w',
				prefix: writeKey.slice(0, 15),
				key_hash: sha256(writeKey),
				created_at: now
			},
			{
				workspace_id: ws.id,
				kind: 'secret',
				name: 's',
				prefix: secretKey.slice(0, 16),
				key_hash: sha256(secretKey),
				created_at: now
			}
		] as never)
		.execute();
	await db.destroy();

	target = createServer((req, res) => {
		hooks.push(String(req.headers['idempotency-key']));
		req.resume();
		req.on('end', () => res.end('ok'));
	});
	await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
	targetUrl = `http://127.0.0.1:${(target.address() as { port: number }).port}/hook`;

	const entry = builtServerEntry();
	for (const port of PORTS) {
		const dataDir = mkdtempSync(join(tmpdir(), 'regulars-instance-'));
		const child = spawn(process.execPath, [entry], {
			cwd: root,
			env: {
				...process.env,
				DATABASE_URL: url,
				REGULARS_SECRET: 'two-instances',
				// The webhook target listens on 127.0.0.1.
				REGULARS_WEBHOOK_ALLOW_PRIVATE: '1',
				DATA_DIR: dataDir,
				DEMO: '0',
				HOST: '127.0.0.1',
				PORT: String(port),
				ORIGIN: `http://127.0.0.1:${port}`
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const server = { child, log: '', dataDir };
		const keep = (chunk: Buffer) => (server.log = (server.log + chunk.toString()).slice(-20_000));
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		servers.push(server);
		await healthy(port, child, () => server.log);
	}
}, 120_000);

afterAll(async () => {
	for (const { child, dataDir } of servers) {
		if (child.exitCode === null) {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await exited;
		}
		rmSync(dataDir, { recursive: true, force: true });
	}
	await new Promise((r) => target?.close(r));
	if (admin) {
		await admin.query(`drop schema if exists ${schema} cascade`);
		await admin.end();
	}
});

async function call(port: number, path: string, body?: unknown) {
	const response = await fetch(`http://127.0.0.1:${port}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) })
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function query<T>(text: string): Promise<T[]> {
	return (await admin.query(text.replaceAll('$schema', schema))).rows as T[];
}

describe.skipIf(!base)('two instances on one PostgreSQL database', () => {
	it('run every step of a journey exactly once', async () => {
		const created = await call(PORTS[0]!, '/api/v1/journeys', {
			name: 'Shared',
			definition: {
				version: 1,
				nodes: [
					{ id: 'in', type: 'entry_event', event: 'Signed Up', filters: [] },
					{ id: 'wait', type: 'delay', delay: { kind: 'duration', minutes: 60 } },
					{ id: 'hook', type: 'webhook', url: targetUrl, body: '{"user":"{{user_id}}"}' },
					{ id: 'points', type: 'award_points', points: 5, reason: 'shared' },
					{ id: 'out', type: 'exit' }
				],
				edges: [
					{ from: 'in', output: 'next', to: 'wait' },
					{ from: 'wait', output: 'next', to: 'hook' },
					{ from: 'hook', output: 'next', to: 'points' },
					{ from: 'points', output: 'next', to: 'out' }
				],
				settings: { reEntry: { kind: 'never' } }
			}
		});
		expect(created.status).toBe(201);
		expect(
			(await call(PORTS[1]!, `/api/v1/journeys/${String(created.body.id)}/publish`, {})).status
		).toBe(200);
		await new Promise((r) => setTimeout(r, 1_500));

		const batch = Array.from({ length: CUSTOMERS }, (_, i) => ({
			type: 'track',
			event: 'Signed Up',
			userId: `shared-${i}`,
			messageId: `shared-${i}`
		}));
		for (const [i, port] of PORTS.entries()) {
			const half = batch.slice((i * CUSTOMERS) / 2, ((i + 1) * CUSTOMERS) / 2);
			const sent = await fetch(`http://127.0.0.1:${port}/v1/batch`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
				},
				body: JSON.stringify({ batch: half })
			});
			expect(sent.status).toBe(200);
		}
		const until = async (what: string, check: () => Promise<boolean>) => {
			for (let waited = 0; !(await check()); waited += 200) {
				if (waited > 60_000)
					throw new Error(`${what} timed out\n${servers.map((s) => s.log).join('\n---\n')}`);
				await new Promise((r) => setTimeout(r, 200));
			}
		};
		await until('entries', async () => {
			const [row] = await query<{ n: string }>(
				`select count(*) as n from $schema.enrollment where node_id = 'wait' and status = 'active'`
			);
			return Number(row!.n) === CUSTOMERS;
		});
		// An hour passes at once: every timer is due on both instances together.
		await query(`update $schema.enrollment set wake_at = ${Date.now()}`);
		await until('completion', async () => {
			const [row] = await query<{ n: string }>(
				`select count(*) as n from $schema.enrollment where status = 'completed'`
			);
			const [sent] = await query<{ n: string }>(
				`select count(*) as n from $schema.message where status = 'sent'`
			);
			return Number(row!.n) === CUSTOMERS && Number(sent!.n) === CUSTOMERS;
		});

		const twice = await query(
			`select enrollment_id, node_id, count(*) from $schema.journey_step where outcome = 'entered' group by 1, 2 having count(*) > 1`
		);
		expect(twice).toEqual([]);
		const [steps] = await query<{ n: string }>(
			`select count(*) as n from $schema.journey_step where outcome = 'entered'`
		);
		expect(Number(steps!.n)).toBe(CUSTOMERS * 5);
		expect(hooks).toHaveLength(CUSTOMERS);
		expect(new Set(hooks).size).toBe(CUSTOMERS);
		const [points] = await query<{ total: string; max: string }>(
			`select sum(loyalty_points) as total, max(loyalty_points) as max from $schema.customer`
		);
		expect(Number(points!.total)).toBe(CUSTOMERS * 5);
		expect(Number(points!.max)).toBe(5);
	}, 150_000);
});
