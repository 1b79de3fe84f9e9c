// The studio side of the storefront SDK, black-box over HTTP: the script at its stable URL with
// cache headers, and the config and offers endpoints a shop's pages call cross-origin with a write
// key.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrackingServer, type TrackingServer } from './tracking-server';

const root = resolve(new URL('../..', import.meta.url).pathname);
const scriptFile = resolve(root, 'sdk/dist/regulars.min.js');
const shopOrigin = 'https://shop.example';

let server: TrackingServer;

beforeAll(async () => {
	server = await startTrackingServer({ port: 4650 });
});
afterAll(async () => server?.dispose());

function basic(key: string): string {
	return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

interface OfferBody {
	offers: {
		id: string;
		kind: string;
		product: { sku: string; currency: string; priceMinor: number };
		reason: string;
	}[];
}

describe('the script', () => {
	it('is served with long-cache headers, an ETag and 304 on a match', async () => {
		if (!existsSync(scriptFile))
			throw new Error(`${scriptFile} is missing: build the SDK first (npm run build -w sdk).`);
		const response = await fetch(`${server.url}/sdk/regulars.min.js`, {
			headers: { origin: shopOrigin }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
		expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
		const etag = response.headers.get('etag');
		expect(etag).toMatch(/^"[A-Za-z0-9_-]{10,}"$/);
		expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(scriptFile))).toBe(true);

		const again = await fetch(`${server.url}/sdk/regulars.min.js`, {
			headers: { 'if-none-match': `W/"other", ${etag}` }
		});
		expect(again.status).toBe(304);
		expect(again.headers.get('etag')).toBe(etag);
		expect(again.headers.get('cache-control')).toBe('public, max-age=3600');
		expect((await again.arrayBuffer()).byteLength).toBe(0);

		const stale = await fetch(`${server.url}/sdk/regulars.min.js`, {
			headers: { 'if-none-match': '"stale"' }
		});
		expect(stale.status).toBe(200);
		await stale.arrayBuffer();
	});
});

describe('config', () => {
	it('answers a write key from the query or Basic auth, cached for a minute', async () => {
		const byQuery = await fetch(`${server.url}/sdk/v1/config?writeKey=${server.writeKey}`, {
			headers: { origin: shopOrigin }
		});
		expect(byQuery.status).toBe(200);
		expect(byQuery.headers.get('cache-control')).toBe('public, max-age=60');
		expect(byQuery.headers.get('access-control-allow-origin')).toBe(shopOrigin);
		expect(byQuery.headers.get('vary')).toContain('Origin');
		expect(await byQuery.json()).toEqual({
			workspace: { currency: 'EUR' },
			experiments: [],
			placements: ['home', 'product', 'cart']
		});
		const byBasic = await fetch(`${server.url}/sdk/v1/config`, {
			headers: { authorization: basic(server.writeKey) }
		});
		expect(byBasic.status).toBe(200);
		// A named visitor's config may depend on their segments: their browser's alone.
		const named = await fetch(
			`${server.url}/sdk/v1/config?writeKey=${server.writeKey}&anonymousId=visitor-1`
		);
		expect(named.status).toBe(200);
		expect(named.headers.get('cache-control')).toBe('private, max-age=60');
		await named.arrayBuffer();
	});

	it('refuses missing and wrong keys with 401 and a secret key with 403, with CORS', async () => {
		const cases: [string, RequestInit, number, string][] = [
			['', {}, 401, 'key_missing'],
			['?writeKey=rg_write_nope', {}, 401, 'key_invalid'],
			['', { headers: { authorization: basic('rg_write_nope') } }, 401, 'key_invalid'],
			[`?writeKey=${server.secretKey}`, {}, 403, 'key_kind_not_allowed']
		];
		for (const [query, init, status, code] of cases) {
			for (const path of ['config', 'offers']) {
				const response = await fetch(`${server.url}/sdk/v1/${path}${query}`, {
					...init,
					headers: { ...(init.headers as Record<string, string>), origin: shopOrigin }
				});
				expect(response.status, `${path}${query}`).toBe(status);
				expect(response.headers.get('access-control-allow-origin')).toBe(shopOrigin);
				const body = (await response.json()) as { error: { code: string; message: string } };
				expect(body.error.code).toBe(code);
				expect(body.error.message).toEqual(expect.any(String));
			}
		}
	});

	it('answers the CORS preflight for any storefront origin, cached for a day', async () => {
		for (const path of ['config', 'offers']) {
			const response = await fetch(`${server.url}/sdk/v1/${path}`, {
				method: 'OPTIONS',
				headers: {
					origin: 'http://localhost:8080',
					'access-control-request-method': 'GET',
					'access-control-request-headers': 'authorization'
				}
			});
			expect(response.status).toBe(204);
			expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
			expect(response.headers.get('access-control-allow-methods')).toContain('GET');
			expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
				'authorization'
			);
			expect(response.headers.get('access-control-max-age')).toBe('86400');
		}
	});
});

describe('offers', () => {
	beforeAll(() => {
		// The server keeps running; WAL lets this connection write beside it.
		const db = new SQLite(server.dbFile);
		db.pragma('busy_timeout = 5000');
		try {
			const now = Date.now();
			const ws = server.workspaceId;
			const product = db.prepare(
				`insert into product (workspace_id, sku, name, category, price_minor, image_url, url, in_stock, created_at, updated_at)
				 values (?, ?, ?, null, ?, ?, ?, ?, ?, ?)`
			);
			const ids = new Map<string, number>();
			for (const [sku, inStock] of [
				['MUG', 1],
				['TEA', 1],
				['POT', 1],
				['SOLD-OUT', 0],
				['NEVER', 1]
			] as const) {
				const info = product.run(
					ws,
					sku,
					`The ${sku.toLowerCase()}`,
					1250,
					`https://shop.example/img/${sku}.jpg`,
					`https://shop.example/p/${sku}`,
					inStock,
					now,
					now
				);
				ids.set(sku, Number(info.lastInsertRowid));
			}
			const customer = Number(
				db
					.prepare(
						`insert into customer (workspace_id, external_id, traits, consent, first_seen_at, last_seen_at, created_at, updated_at)
						 values (?, 'shopper-1', '{}', 'unknown', ?, ?, ?, ?)`
					)
					.run(ws, now, now, now, now).lastInsertRowid
			);
			const order = db.prepare(
				`insert into shop_order (workspace_id, external_id, customer_id, source, status, total_minor, currency, placed_at, created_at)
				 values (?, ?, ?, 'web', 'completed', 0, 'EUR', ?, ?)`
			);
			const line = db.prepare(
				`insert into order_line (workspace_id, order_id, product_id, sku, name, quantity, price_minor)
				 values (?, ?, ?, ?, ?, ?, 1250)`
			);
			let n = 0;
			const sell = (sku: string, quantity: number, customerId: number | null = null) => {
				const orderId = Number(
					order.run(ws, `sdk-order-${++n}`, customerId, now - 86_400_000, now).lastInsertRowid
				);
				line.run(ws, orderId, ids.get(sku), sku, sku, quantity);
			};
			sell('TEA', 8);
			sell('POT', 2);
			sell('MUG', 5);
			sell('MUG', 1, customer);
			sell('SOLD-OUT', 99);
		} finally {
			db.close();
		}
	});

	async function offers(query: string): Promise<OfferBody> {
		const response = await fetch(
			`${server.url}/sdk/v1/offers?writeKey=${server.writeKey}&${query}`,
			{
				headers: { origin: shopOrigin }
			}
		);
		expect(response.status).toBe(200);
		expect(response.headers.get('access-control-allow-origin')).toBe(shopOrigin);
		expect(response.headers.get('cache-control')).toBe('private, max-age=60');
		return (await response.json()) as OfferBody;
	}

	it('lists in-stock best sellers by units, with ids for attribution', async () => {
		const body = await offers('placement=home&anonymousId=visitor-1');
		expect(body.offers.map((o) => o.id)).toEqual([
			'best:TEA:home',
			'best:MUG:home',
			'best:POT:home'
		]);
		expect(body.offers[0]).toEqual({
			id: 'best:TEA:home',
			kind: 'product',
			product: {
				sku: 'TEA',
				name: 'The tea',
				priceMinor: 1250,
				currency: 'EUR',
				imageUrl: 'https://shop.example/img/TEA.jpg',
				url: 'https://shop.example/p/TEA'
			},
			reason: 'best_seller'
		});
		const two = await offers('placement=cart&limit=2');
		expect(two.offers.map((o) => o.id)).toEqual(['best:TEA:cart', 'best:MUG:cart']);
	});

	it('leaves out what the identified customer already bought', async () => {
		const body = await offers('placement=product&userId=shopper-1');
		expect(body.offers.map((o) => o.product.sku)).toEqual(['TEA', 'POT']);
	});

	it('refuses an unknown placement or a bad limit with 400', async () => {
		for (const [query, code] of [
			['placement=sidebar', 'placement_invalid'],
			['limit=0', 'limit_invalid'],
			['limit=13', 'limit_invalid'],
			['limit=two', 'limit_invalid']
		]) {
			const response = await fetch(
				`${server.url}/sdk/v1/offers?writeKey=${server.writeKey}&${query}`
			);
			expect(response.status, query).toBe(400);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
		}
	});
});
