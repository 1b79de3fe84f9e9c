import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookTarget, type WebhookTarget } from './outbox-fixture';
import { sendWebhook, signWebhook } from './webhook-channel';

describe('webhook delivery', () => {
	let target: WebhookTarget;
	beforeAll(async () => {
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
