// The engine under a crash, black-box: the built server runs a journey that emails (real SMTP, to
// a slow local sink) and calls a webhook (real HTTP) for 120 customers; it is killed with SIGKILL
// while the outbox is sending, then started again. Every run must finish, and neither the sink
// nor the webhook target may see any message twice.
import { createServer, type Server } from 'node:http';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../setup/smtp-sink';
import { startTrackingServer, type TrackingServer } from './tracking-server';

const CUSTOMERS = 120;

let server: TrackingServer;
let sink: SmtpSink;
let target: Server;
let targetUrl = '';
const hooks: string[] = [];

beforeAll(async () => {
	sink = await startSmtpSink();
	sink.delayMs = 25;
	target = createServer((req, res) => {
		hooks.push(String(req.headers['idempotency-key']));
		req.resume();
		req.on('end', () => res.end('ok'));
	});
	await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
	targetUrl = `http://127.0.0.1:${(target.address() as { port: number }).port}/hook`;
	server = await startTrackingServer({ port: 4641, env: { REGULARS_SECRET: 'crash-test' } });
	const db = new SQLite(server.dbFile);
	db.pragma('busy_timeout = 5000');
	db.prepare(
		`insert into channel_settings (workspace_id, smtp_host, smtp_port, from_address, updated_at) values (?, '127.0.0.1', ?, 'shop@example.com', ?)`
	).run(server.workspaceId, sink.port, Date.now());
	db.close();
}, 60_000);

afterAll(async () => {
	await server?.dispose();
	await sink?.close();
	await new Promise((r) => target?.close(r));
});

async function api(path: string, body?: unknown) {
	const response = await fetch(`${server.url}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { authorization: `Bearer ${server.secretKey}`, 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) })
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function counts() {
	const db = server.openDb();
	try {
		const rows = db
			.prepare(`select channel, status, count(*) as n from message group by channel, status`)
			.all() as { channel: string; status: string; n: number }[];
		const runs = db
			.prepare(`select status, count(*) as n from enrollment group by status`)
			.all() as { status: string; n: number }[];
		return { rows, runs };
	} finally {
		db.close();
	}
}

describe('a server killed while sending', () => {
	it('finishes every run and sends nothing twice after a restart', async () => {
		const created = await api('/api/v1/journeys', {
			name: 'Crash test',
			definition: {
				version: 1,
				nodes: [
					{ id: 'in', type: 'entry_event', event: 'Signed Up', filters: [] },
					{
						id: 'mail',
						type: 'email',
						subject: 'Hello {{first_name}}',
						body: 'Welcome',
						products: null
					},
					{ id: 'hook', type: 'webhook', url: targetUrl, body: '{"user":"{{user_id}}"}' },
					{ id: 'out', type: 'exit' }
				],
				edges: [
					{ from: 'in', output: 'next', to: 'mail' },
					{ from: 'mail', output: 'next', to: 'hook' },
					{ from: 'hook', output: 'next', to: 'out' }
				],
				settings: { reEntry: { kind: 'never' } }
			}
		});
		expect(created.status).toBe(201);
		expect((await api(`/api/v1/journeys/${String(created.body.id)}/publish`, {})).status).toBe(200);
		// Let the engine take its starting position before the sign-ups arrive.
		await new Promise((r) => setTimeout(r, 1_500));

		const batch = [];
		for (let i = 0; i < CUSTOMERS; i++) {
			const ids = { userId: `crash-${i}`, messageId: `crash-id-${i}` };
			batch.push({
				type: 'identify',
				...ids,
				traits: { email: `crash${i}@example.com`, name: `Crash ${i}` }
			});
			batch.push({
				type: 'track',
				event: 'Signed Up',
				userId: ids.userId,
				messageId: `crash-su-${i}`
			});
		}
		const sent = await fetch(`${server.url}/v1/batch`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Basic ${Buffer.from(`${server.writeKey}:`).toString('base64')}`
			},
			body: JSON.stringify({ batch })
		});
		expect(sent.status).toBe(200);

		// Kill it in the middle of sending.
		await sink.waitFor(20, 30_000);
		await server.stop('SIGKILL');
		const before = sink.messages.length;
		expect(before).toBeLessThan(CUSTOMERS);

		await server.restart();
		sink.delayMs = 0;
		const deadline = Date.now() + 60_000;
		for (;;) {
			const { rows, runs } = counts();
			const open = rows.filter((r) => r.status === 'pending' || r.status === 'sending');
			const active = runs.filter((r) => r.status === 'active');
			const total = runs.reduce((sum, r) => sum + r.n, 0);
			if (total === CUSTOMERS && open.length === 0 && active.length === 0) break;
			if (Date.now() > deadline)
				throw new Error(`not done: ${JSON.stringify({ rows, runs })}\n${server.output()}`);
			await new Promise((r) => setTimeout(r, 250));
		}
		const { rows, runs } = counts();
		expect(runs).toEqual([{ status: 'completed', n: CUSTOMERS }]);
		for (const channel of ['email', 'webhook']) {
			const of = rows.filter((r) => r.channel === channel);
			expect(of.reduce((sum, r) => sum + r.n, 0)).toBe(CUSTOMERS);
			// Sent, or (at most the few in flight at the kill) unconfirmed: never failed, never lost.
			expect(of.every((r) => r.status === 'sent' || r.status === 'unconfirmed')).toBe(true);
			expect(of.find((r) => r.status === 'unconfirmed')?.n ?? 0).toBeLessThanOrEqual(20);
		}
		const ids = sink.messages.map((m) => m.messageId);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(hooks).size).toBe(hooks.length);
		const sentEmails = rows.find((r) => r.channel === 'email' && r.status === 'sent')?.n ?? 0;
		expect(sink.messages.length).toBeGreaterThanOrEqual(sentEmails);
		expect(sink.messages.length).toBeLessThanOrEqual(CUSTOMERS);
	}, 120_000);
});
