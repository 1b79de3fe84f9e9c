// The tracking API as the real clients use it: @segment/analytics-node, and analytics.js's browser
// form (text/plain bodies, short paths, a CORS preflight). Starts the built server.
import { gzipSync } from 'node:zlib';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrackingServer, type TrackingServer } from './tracking-server';

let server: TrackingServer;

beforeAll(async () => {
	server = await startTrackingServer({ port: 4520 });
});
afterAll(async () => server?.dispose());

function basic(key: string): string {
	return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
	const response = await fetch(`${server.url}${path}`, { method: 'POST', body, headers });
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as Record<string, unknown>
	};
}

function query<T>(statement: string, ...params: unknown[]): T[] {
	const db = server.openDb();
	try {
		return db.prepare(statement).all(...params) as T[];
	} finally {
		db.close();
	}
}

describe('the real @segment/analytics-node client', () => {
	it('sends identify, track, page and alias, and they land on one customer', async () => {
		const analytics = new Analytics({
			writeKey: server.writeKey,
			host: server.url,
			flushAt: 2,
			flushInterval: 50,
			maxRetries: 2
		});
		const errors: unknown[] = [];
		analytics.on('error', (error) => errors.push(error));
		analytics.track({
			anonymousId: 'node-anon',
			event: 'Product Viewed',
			properties: { sku: 'MUG-1' }
		});
		analytics.identify({
			userId: 'node-user',
			anonymousId: 'node-anon',
			traits: { email: 'Node@Example.com', name: 'Node User', consent: 'granted' }
		});
		analytics.page({ userId: 'node-user', name: 'Home', properties: { path: '/' } });
		analytics.track({
			userId: 'node-user',
			event: 'Order Completed',
			properties: {
				order_id: 'node-order-1',
				total: 12.5,
				currency: 'EUR',
				products: [{ sku: 'MUG-1', name: 'Mug', price: 12.5, quantity: 1 }]
			}
		});
		analytics.alias({ userId: 'node-user', previousId: 'older-device' });
		await analytics.closeAndFlush({ timeout: 10_000 });
		expect(errors).toEqual([]);

		const customers = query<{
			id: number;
			external_id: string;
			email: string;
			name: string;
			consent: string;
			orders_count: number;
			revenue_minor: number;
		}>(
			`select * from customer where workspace_id = ? and external_id = 'node-user'`,
			server.workspaceId
		);
		expect(customers).toHaveLength(1);
		const customer = customers[0]!;
		expect(customer).toMatchObject({
			email: 'Node@Example.com',
			name: 'Node User',
			consent: 'granted',
			orders_count: 1,
			revenue_minor: 1250
		});
		const events = query<{ type: string; name: string | null; customer_id: number }>(
			`select type, name, customer_id from event where workspace_id = ? order by id`,
			server.workspaceId
		);
		expect(events.map((e) => e.type).sort()).toEqual([
			'alias',
			'identify',
			'page',
			'track',
			'track'
		]);
		expect(events.every((e) => e.customer_id === customer.id)).toBe(true);
		const identities = query<{ anonymous_id: string }>(
			`select anonymous_id from identity where customer_id = ? order by anonymous_id`,
			customer.id
		);
		expect(identities.map((i) => i.anonymous_id)).toEqual(['node-anon', 'older-device']);

		const api = await fetch(`${server.url}/api/v1/customers/${customer.id}`, {
			headers: { authorization: `Bearer ${server.secretKey}` }
		});
		expect(api.status).toBe(200);
		expect(await api.json()).toMatchObject({
			userId: 'node-user',
			email: 'Node@Example.com',
			ordersCount: 1
		});
	});
});

describe('the browser form (analytics.js)', () => {
	it('accepts text/plain JSON on the short paths with the write key in the body', async () => {
		const origin = 'https://shop.example';
		for (const [path, body] of [
			['/v1/t', { anonymousId: 'browser-1', event: 'Product Added', properties: { sku: 'A' } }],
			['/v1/p', { anonymousId: 'browser-1', name: 'Cart' }],
			[
				'/v1/i',
				{ anonymousId: 'browser-1', userId: 'browser-user', traits: { email: 'b@example.com' } }
			],
			['/v1/s', { anonymousId: 'browser-1', name: 'App' }],
			['/v1/g', { anonymousId: 'browser-1', groupId: 'g1', traits: { plan: 'team' } }],
			['/v1/a', { userId: 'browser-user', previousId: 'browser-0' }]
		] as const) {
			const response = await post(path, JSON.stringify({ ...body, writeKey: server.writeKey }), {
				'content-type': 'text/plain',
				origin
			});
			expect(response.status, path).toBe(200);
			expect(response.body).toMatchObject({ success: true, accepted: 1, rejected: [] });
			expect(response.headers.get('access-control-allow-origin')).toBe(origin);
		}
		const batch = await post(
			`/v1/b?writeKey=${server.writeKey}`,
			JSON.stringify({
				batch: [
					{ type: 'track', anonymousId: 'browser-1', event: 'Checkout Started' },
					{ type: 'track', event: 'No identity' },
					{ type: 'launch', anonymousId: 'browser-1' }
				]
			}),
			{ 'content-type': 'text/plain' }
		);
		expect(batch.status).toBe(200);
		expect(batch.body).toEqual({
			success: true,
			accepted: 1,
			duplicates: 0,
			rejected: [
				{
					index: 1,
					code: 'missing_identity',
					message: 'Each event needs a userId or an anonymousId.'
				},
				{
					index: 2,
					code: 'invalid_type',
					message: 'The event type must be one of track, identify, page, screen, group or alias.'
				}
			]
		});
		const rows = query<{ n: number }>(
			`select count(*) as n from event e join customer c on c.id = e.customer_id where c.external_id = 'browser-user'`
		);
		expect(rows[0]!.n).toBe(7);
	});

	it('answers the preflight with the headers asked for, cached for a day', async () => {
		const response = await fetch(`${server.url}/v1/t`, {
			method: 'OPTIONS',
			headers: {
				origin: 'https://shop.example',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'authorization, content-type, x-custom-thing'
			}
		});
		expect(response.status).toBe(204);
		expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
		expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
		expect(response.headers.get('access-control-max-age')).toBe('86400');
		const allowed = response.headers.get('access-control-allow-headers')!.toLowerCase();
		for (const name of [
			'authorization',
			'content-type',
			'content-encoding',
			'x-retry-count',
			'anonymousid',
			'sentat',
			'x-custom-thing'
		])
			expect(allowed).toContain(name);
	});

	it('takes gzip bodies, RudderStack headers and originalTimestamp', async () => {
		const sentAt = new Date(Date.now() + 3_600_000);
		const response = await post(
			'/v1/track',
			gzipSync(
				JSON.stringify({
					event: 'Gzipped',
					messageId: 'gzip-1',
					originalTimestamp: new Date(sentAt.getTime() - 60_000).toISOString()
				})
			),
			{
				authorization: basic(server.writeKey),
				'content-type': 'application/json',
				'content-encoding': 'gzip',
				anonymousid: 'rudder-anon',
				sentat: sentAt.toISOString()
			}
		);
		expect(response.status).toBe(200);
		const [event] = query<{ anonymous_id: string; timestamp: number; received_at: number }>(
			`select anonymous_id, timestamp, received_at from event where message_id = 'gzip-1'`
		);
		expect(event!.anonymous_id).toBe('rudder-anon');
		expect(event!.received_at - event!.timestamp).toBeGreaterThanOrEqual(59_000);
		expect(event!.received_at - event!.timestamp).toBeLessThan(61_000);
	});

	it('refuses missing or wrong keys, unknown paths and other methods with JSON errors', async () => {
		const noKey = await post('/v1/track', JSON.stringify({ userId: 'u', event: 'x' }), {
			'content-type': 'application/json',
			origin: 'https://shop.example'
		});
		expect(noKey.status).toBe(401);
		expect(noKey.body).toMatchObject({ error: { code: 'key_missing' } });
		expect(noKey.headers.get('access-control-allow-origin')).toBe('https://shop.example');
		const wrong = await post('/v1/track', JSON.stringify({ userId: 'u', event: 'x' }), {
			authorization: basic('rg_write_nope')
		});
		expect(wrong.status).toBe(401);
		expect(wrong.body).toMatchObject({ error: { code: 'key_invalid' } });
		const unknown = await post('/v1/import', '{}', { authorization: basic(server.writeKey) });
		expect(unknown.status).toBe(404);
		expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
		const get = await fetch(`${server.url}/v1/track`);
		expect(get.status).toBe(405);
		expect(await get.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
	});

	it('refuses oversize requests and events with 400 naming the limit', async () => {
		const headers = { authorization: basic(server.writeKey), 'content-type': 'application/json' };
		const hugeBatch = {
			batch: Array.from({ length: 20 }, (_, i) => ({
				type: 'track',
				userId: 'big',
				event: 'Big',
				messageId: `big-${i}`,
				properties: { blob: 'x'.repeat(30_000) }
			}))
		};
		const tooBig = await post('/v1/batch', JSON.stringify(hugeBatch), headers);
		expect(tooBig.status).toBe(400);
		expect(tooBig.body).toMatchObject({
			error: { code: 'request_too_large' }
		});
		expect(JSON.stringify(tooBig.body)).toContain('500 KB');
		const bigEvent = await post(
			'/v1/track',
			JSON.stringify({ userId: 'big', event: 'Big', properties: { blob: 'x'.repeat(33_000) } }),
			headers
		);
		expect(bigEvent.status).toBe(400);
		expect(bigEvent.body).toMatchObject({
			error: { code: 'event_too_large' }
		});
		expect(JSON.stringify(bigEvent.body)).toContain('32 KB');
		const inBatch = await post(
			'/v1/batch',
			JSON.stringify({
				batch: [
					{ type: 'track', userId: 'big', event: 'Big', properties: { blob: 'x'.repeat(33_000) } },
					{ type: 'track', userId: 'big', event: 'Small' }
				]
			}),
			headers
		);
		expect(inBatch.status).toBe(200);
		expect(inBatch.body).toMatchObject({
			accepted: 1,
			rejected: [{ index: 0, code: 'event_too_large' }]
		});
	});
});
