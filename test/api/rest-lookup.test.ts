// The REST API's read side a back office (and the demo storefront) uses: the catalogue a page at
// a time, and customers found by the shop's own keys. Black-box against the built server.
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrackingServer, type TrackingServer } from './tracking-server';

let server: TrackingServer;

beforeAll(async () => {
	server = await startTrackingServer({ port: 4660 });
});
afterAll(async () => server?.dispose());

/** The fields these endpoints answer with; each test reads the ones its endpoint has. */
interface Body {
	products: { sku: string; name: string; priceMinor: number; url: string; inStock: boolean }[];
	next: string | null;
	customers: { id: number; userId: string | null; name: string | null }[];
	upserted: number;
	error: { code: string; message: string };
}

async function api(path: string, init: RequestInit = {}, key = server.secretKey) {
	const response = await fetch(`${server.url}${path}`, {
		...init,
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
	});
	return { status: response.status, body: (await response.json()) as Body };
}

describe('GET /api/v1/products', () => {
	beforeAll(async () => {
		const products = Array.from({ length: 7 }, (_, i) => ({
			sku: `P-${i + 1}`,
			name: i === 3 ? '抹茶 <b>Matcha</b>' : `Product ${i + 1}`,
			price: i + 1,
			url: `/p/P-${i + 1}`
		}));
		const upserted = await api('/api/v1/products', {
			method: 'POST',
			body: JSON.stringify({ products })
		});
		expect(upserted.body).toMatchObject({ upserted: 7 });
		// Another workspace's product in the same database must never show up.
		const db = new SQLite(server.dbFile);
		try {
			const now = Date.now();
			const other = Number(
				db
					.prepare(
						`insert into workspace (slug, name, currency, time_zone, created_at) values ('other-${now}', 'Other', 'EUR', 'UTC', ?)`
					)
					.run(now).lastInsertRowid
			);
			db.prepare(
				`insert into product (workspace_id, sku, name, price_minor, in_stock, created_at, updated_at) values (?, 'SECRET', 'Not yours', 1, 1, ?, ?)`
			).run(other, now, now);
		} finally {
			db.close();
		}
	});

	it('walks the whole catalogue with the cursor, each product once', async () => {
		const seen: string[] = [];
		let after = '0';
		let pages = 0;
		for (;;) {
			const page = await api(`/api/v1/products?limit=3&after=${after}`);
			expect(page.status).toBe(200);
			pages++;
			seen.push(...page.body.products.map((p) => p.sku));
			if (!page.body.next) break;
			after = page.body.next;
		}
		expect(seen).toEqual(['P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'P-6', 'P-7']);
		expect(pages).toBe(3);
		const first = await api('/api/v1/products?limit=4');
		expect(first.body.products[3]).toMatchObject({
			sku: 'P-4',
			name: '抹茶 <b>Matcha</b>',
			priceMinor: 400,
			url: '/p/P-4',
			inStock: true
		});
	});

	it('refuses a bad cursor or limit, and a write key', async () => {
		for (const [query, code] of [
			['after=-1', 'cursor_invalid'],
			['after=abc', 'cursor_invalid'],
			['limit=0', 'limit_invalid'],
			['limit=501', 'limit_invalid'],
			['limit=1.5', 'limit_invalid']
		]) {
			const response = await api(`/api/v1/products?${query}`);
			expect(response.status, query).toBe(400);
			expect(response.body.error.code).toBe(code);
		}
		const write = await api('/api/v1/products', {}, server.writeKey);
		expect(write.status).toBe(403);
	});
});

describe('GET /api/v1/customers', () => {
	beforeAll(async () => {
		const response = await fetch(`${server.url}/v1/batch`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				writeKey: server.writeKey,
				batch: [
					{ type: 'page', anonymousId: 'anon-lookup', messageId: 'lookup-1' },
					{
						type: 'identify',
						anonymousId: 'anon-lookup',
						userId: 'user-lookup',
						traits: { email: 'Lookup@Example.com', name: '查找 Lookup' },
						messageId: 'lookup-2'
					}
				]
			})
		});
		expect(response.status).toBe(200);
	});

	it('finds one customer by user id, email or anonymous id', async () => {
		const byUser = await api('/api/v1/customers?userId=user-lookup');
		expect(byUser.status).toBe(200);
		expect(byUser.body.customers).toHaveLength(1);
		const customer = byUser.body.customers[0]!;
		expect(customer).toMatchObject({ userId: 'user-lookup', name: '查找 Lookup' });
		for (const query of ['email=Lookup%40Example.com', 'anonymousId=anon-lookup']) {
			const found = await api(`/api/v1/customers?${query}`);
			expect(
				found.body.customers.map((c: { id: number }) => c.id),
				query
			).toEqual([customer.id]);
		}
		const both = await api('/api/v1/customers?userId=user-lookup&anonymousId=someone-else');
		expect(both.body.customers).toEqual([]);
		const nobody = await api('/api/v1/customers?userId=%F0%9F%A6%84-nobody');
		expect(nobody.body.customers).toEqual([]);
	});

	it('refuses a lookup without keys, an oversized key, and a write key', async () => {
		const none = await api('/api/v1/customers');
		expect(none.status).toBe(400);
		expect(none.body.error.code).toBe('lookup_missing');
		const empty = await api('/api/v1/customers?userId=');
		expect(empty.body.error.code).toBe('lookup_invalid');
		const huge = await api(`/api/v1/customers?email=${'a'.repeat(400)}`);
		expect(huge.status).toBe(400);
		const write = await api('/api/v1/customers?userId=user-lookup', {}, server.writeKey);
		expect(write.status).toBe(403);
	});
});
