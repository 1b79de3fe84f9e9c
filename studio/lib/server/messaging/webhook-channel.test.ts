import { createHmac } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookTarget, type WebhookTarget } from './outbox-fixture';
import { configureWebhooks, sendWebhook, signWebhook } from './webhook-channel';

describe('webhook delivery', () => {
	let target: WebhookTarget;
	beforeAll(async () => {
		// The target listens on 127.0.0.1, as a self-hosted shop's intranet service would.
		configureWebhooks({ allowPrivate: true });
		target = await startWebhookTarget();
	});
	afterAll(async () => {
		await target?.close();
	});

	const send = (path: string, extra: { timeoutMs?: number } = {}) =>
		sendWebhook({
			url: target.url(path),
			body: '{"a":1}',
			secret: 'whsec_test',
			idempotencyKey: 'key-1',
			now: 1_700_000_000_123,
			...extra
		});

	it('signs t.body with HMAC-SHA256 in the documented format', () => {
		const expected = createHmac('sha256', 'whsec_test').update('1700000000.{"a":1}').digest('hex');
		expect(signWebhook('whsec_test', 1_700_000_000, '{"a":1}')).toBe(`t=1700000000,v1=${expected}`);
	});

	it('classifies answers as sent, retryable or permanent', async () => {
		const cases: [number, boolean][] = [
			[404, false],
			[400, false],
			[410, false],
			[408, true],
			[425, true],
			[429, true],
			[500, true],
			[503, true]
		];
		for (const [status, retryable] of cases) {
			target.on(`/status-${status}`, () => ({ status, body: `status ${status}` }));
			expect(await send(`/status-${status}`)).toEqual({
				ok: false,
				retryable,
				status,
				error: `HTTP ${status}: status ${status}`
			});
		}
		target.on('/created', () => ({ status: 201 }));
		expect(await send('/created')).toEqual({ ok: true, status: 201 });
		const [request] = target.requests.filter((r) => r.path === '/created');
		expect(request!.headers['regulars-signature']).toBe(
			signWebhook('whsec_test', 1_700_000_000, '{"a":1}')
		);
	});

	it('does not follow redirects', async () => {
		target.on('/moved', () => ({ status: 302, headers: { location: target.url('/elsewhere') } }));
		const result = await send('/moved');
		expect(result).toMatchObject({ ok: false, retryable: false, status: 302 });
		expect(target.requests.some((r) => r.path === '/elsewhere')).toBe(false);
	});

	it('reads no more than 2 KB of an error body', async () => {
		target.on('/huge', () => ({ status: 500, body: 'é'.repeat(5_000_000) }));
		const result = await send('/huge');
		expect(result).toMatchObject({ ok: false, retryable: true, status: 500 });
		if (result.ok) return;
		expect(result.error.length).toBeLessThanOrEqual(520);
		expect(result.error).toMatch(/^HTTP 500: é+/);
	});

	it('retries timeouts and unreachable targets, refuses odd URLs', async () => {
		target.on('/slow', () => null);
		expect(await send('/slow', { timeoutMs: 100 })).toEqual({
			ok: false,
			retryable: true,
			error: 'timeout after 100 ms'
		});

		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as { port: number };
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const refused = await sendWebhook({
			url: `http://127.0.0.1:${port}/`,
			body: '{}',
			secret: 's',
			idempotencyKey: 'k',
			now: 0
		});
		expect(refused).toMatchObject({ ok: false, retryable: true });
		if (!refused.ok) expect(refused.error).toMatch(/ECONNREFUSED/);

		for (const url of ['not a url', 'file:///etc/passwd', 'ftp://example.com/'])
			expect(
				await sendWebhook({ url, body: '{}', secret: 's', idempotencyKey: 'k', now: 0 })
			).toEqual({ ok: false, retryable: false, error: 'invalid_url' });
	});
});

describe('webhook targets that are not public', () => {
	// Counts connections rather than requests: a refused target must not even see a socket.
	let connections = 0;
	let port = 0;
	const server = createHttpServer((_req, res) => res.end('ok'));
	server.on('connection', () => connections++);
	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as AddressInfo).port;
	});
	afterEach(() => configureWebhooks({ allowPrivate: false }));
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	const send = (url: string) =>
		sendWebhook({ url, body: '{}', secret: 's', idempotencyKey: 'k', now: 0, timeoutMs: 2000 });
	const refusal = (address: string) => ({
		ok: false,
		retryable: false,
		error: `blocked address: ${address} is not a public address`
	});

	it('refuses a loopback address without connecting, unless private targets are allowed', async () => {
		configureWebhooks({ allowPrivate: false });
		expect(await send(`http://127.0.0.1:${port}/hook`)).toEqual(refusal('127.0.0.1'));
		expect(connections).toBe(0);

		// The same target, allowed: proves the count above would have seen a connection.
		configureWebhooks({ allowPrivate: true });
		expect(await send(`http://127.0.0.1:${port}/hook`)).toEqual({ ok: true, status: 200 });
		expect(connections).toBe(1);
	});

	it('checks the addresses a name resolves to, not the name', async () => {
		configureWebhooks({ allowPrivate: false });
		const result = await send(`http://localhost:${port}/hook`);
		expect(result).toMatchObject({ ok: false, retryable: false });
		if (!result.ok)
			expect(result.error).toMatch(/^blocked address: (127\.0\.0\.1|::1) is not a public address$/);
		expect(connections).toBe(1);
	});

	it('refuses private, link-local and mapped literals at once', async () => {
		configureWebhooks({ allowPrivate: false });
		const cases: [string, string][] = [
			[`http://[::1]:${port}/`, '::1'],
			['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
			['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
			['http://10.0.0.1/', '10.0.0.1'],
			['https://192.168.1.1/', '192.168.1.1'],
			['http://2130706433/', '127.0.0.1'],
			['http://[fd00::1]/', 'fd00::1'],
			['http://[64:ff9b::a00:1]/', '64:ff9b::a00:1']
		];
		for (const [url, address] of cases) {
			const started = performance.now();
			expect(await send(url)).toEqual(refusal(address));
			// Refused before any connection attempt, not by a timeout.
			expect(performance.now() - started).toBeLessThan(500);
		}
		expect(connections).toBe(1);
	});
});
