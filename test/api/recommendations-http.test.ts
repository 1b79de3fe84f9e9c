// The recommendation endpoints over HTTP against the built server: before and after the first
// model (trained by the server's own job in its worker thread), and every kind of bad request.
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrackingServer, type TrackingServer } from './tracking-server';

let server: TrackingServer;

interface ListBody {
	recommendationId: string;
	placement: string;
	items: { sku: string; name: string; reason: { kind: string; sku?: string; name?: string } }[];
	model: { id: number; trainedAt: string } | null;
	error: { code: string; message: string };
}

async function api(path: string, init: RequestInit = {}, key = server.secretKey) {
	const response = await fetch(`${server.url}${path}`, {
		...init,
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
	});
	return { status: response.status, body: (await response.json()) as ListBody };
}

/** Tea people buy tea then a teapot; coffee people buy coffee then a grinder. */
async function shopHistory() {
	const products = [
		'GREEN-TEA',
		'BLACK-TEA',
		'TEAPOT',
		'ESPRESSO',
		'FILTER',
		'GRINDER',
		'抹茶-1'
	].map((sku, i) => ({
		sku,
		name: `Product ${sku}`,
		price: 5 + i,
		category: i < 3 ? 'Tea' : 'Coffee'
	}));
	expect(
		(await api('/api/v1/products', { method: 'POST', body: JSON.stringify({ products }) })).status
	).toBe(200);
	const batch: Record<string, unknown>[] = [];
	const start = Date.now() - 60 * 86_400_000;
	for (let u = 0; u < 40; u++) {
		const tea = u % 2 === 0;
		const skus = tea ? ['GREEN-TEA', 'BLACK-TEA', 'TEAPOT'] : ['ESPRESSO', 'FILTER', 'GRINDER'];
		skus.forEach((sku, i) =>
			batch.push({
				type: 'track',
				event: 'Order Completed',
				userId: `buyer-${u}`,
				messageId: `order-${u}-${i}`,
				timestamp: new Date(start + u * 3_600_000 + i * 86_400_000).toISOString(),
				properties: {
					order_id: `o-${u}-${i}`,
					currency: 'EUR',
					products: [{ sku, price: 5, quantity: 1 }]
				}
			})
		);
	}
	const response = await fetch(`${server.url}/v1/batch`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ writeKey: server.writeKey, batch })
	});
	expect(response.status).toBe(200);
}

beforeAll(async () => {
	server = await startTrackingServer({ port: 4680 });
	await shopHistory();
}, 60_000);
afterAll(async () => server?.dispose());

describe('recommendation endpoints', () => {
	it('answer with best sellers before the first model', async () => {
		const { status, body } = await api('/api/v1/customers/buyer-0/recommendations?n=3');
		expect(status).toBe(200);
		expect(body.model).toBeNull();
		expect(body.recommendationId).toMatch(/^rec_/);
		expect(body.items.every((i) => i.reason.kind === 'popular')).toBe(true);
	});

	it('serve the trained model, with reasons, once the job has trained it', async () => {
		// As the Train button does: queue a run; the server's job picks it up within seconds.
		const db = new SQLite(server.dbFile);
		db.pragma('busy_timeout = 5000');
		db.prepare(
			`insert into recommender_run (workspace_id, trigger, status, created_at) values (?, 'manual', 'queued', ?)`
		).run(server.workspaceId, Date.now());
		db.close();
		let body: ListBody | undefined;
		for (let waited = 0; waited < 60_000 && !body?.model; waited += 500) {
			await new Promise((r) => setTimeout(r, 500));
			body = (await api('/api/v1/customers/buyer-0/recommendations?n=2&placement=home')).body;
		}
		expect(body!.model).not.toBeNull();
		// buyer-0 bought all the tea; never recommended back.
		expect(body!.items.map((i) => i.sku)).not.toContain('TEAPOT');

		const similar = await api('/api/v1/products/GREEN-TEA/similar?n=2');
		expect(similar.status).toBe(200);
		expect(similar.body.placement).toBe('product');
		expect(similar.body.items.map((i) => i.sku)).toEqual(expect.arrayContaining(['BLACK-TEA']));
		const together = await api(
			`/api/v1/products/${encodeURIComponent('GREEN-TEA')}/bought-together?n=3`
		);
		expect(together.body.placement).toBe('cart');
		expect(together.body.items).toHaveLength(3);

		const session = await api('/api/v1/recommendations/session', {
			method: 'POST',
			body: JSON.stringify({ items: ['ESPRESSO'], n: 2, placement: 'checkout-page' })
		});
		expect(session.status).toBe(200);
		expect(session.body.placement).toBe('checkout-page');
		expect(session.body.items.map((i) => i.sku)).not.toContain('ESPRESSO');
		expect(session.body.items[0]!.reason).toMatchObject({
			sku: 'ESPRESSO',
			name: 'Product ESPRESSO'
		});
	}, 90_000);

	it('answer the hot read in the server fast lane exactly as the route would', async () => {
		// GET /api/v1/customers/{id}/recommendations is answered before SvelteKit (serve.js); its
		// headers, ids and errors must match what every other API route does.
		const ok = await fetch(
			`${server.url}/api/v1/customers/${encodeURIComponent('抹茶 fan/1')}/recommendations?n=2`,
			{
				headers: { authorization: `Bearer ${server.secretKey}` }
			}
		);
		expect(ok.status).toBe(200);
		expect(ok.headers.get('content-type')).toBe('application/json');
		expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
		const body = (await ok.json()) as ListBody;
		expect(body.items).toHaveLength(2);
		expect(body.recommendationId).toMatch(/^rec_[A-Za-z0-9_-]{12}$/);

		const anonymous = await fetch(`${server.url}/api/v1/customers/buyer-0/recommendations`);
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="regulars"');
		expect(((await anonymous.json()) as ListBody).error.code).toBe('key_missing');
		const wrong = await fetch(`${server.url}/api/v1/customers/buyer-0/recommendations`, {
			headers: { authorization: 'Bearer rg_secret_nosuchkey' }
		});
		expect(wrong.status).toBe(401);
		expect(((await wrong.json()) as ListBody).error.code).toBe('key_invalid');

		// What the lane passes on still gets the framework's answer, not a crash.
		const head = await fetch(`${server.url}/api/v1/customers/buyer-0/recommendations`, {
			method: 'HEAD',
			headers: { authorization: `Bearer ${server.secretKey}` }
		});
		expect(head.status).toBe(200);
		const malformed = await fetch(`${server.url}/api/v1/customers/%E0%A4%A/recommendations`, {
			headers: { authorization: `Bearer ${server.secretKey}` }
		});
		expect(malformed.status).toBeGreaterThanOrEqual(400);
		expect(malformed.status).toBeLessThan(500);
		const ids = new Set<string>();
		for (let i = 0; i < 20; i++)
			ids.add((await api('/api/v1/customers/buyer-1/recommendations')).body.recommendationId);
		expect(ids.size).toBe(20);
	});

	it('refuse bad input with clear errors', async () => {
		const cases: [string, RequestInit, number, string][] = [
			['/api/v1/customers/buyer-0/recommendations?n=0', {}, 400, 'n_invalid'],
			['/api/v1/customers/buyer-0/recommendations?n=51', {}, 400, 'n_invalid'],
			['/api/v1/customers/buyer-0/recommendations?n=abc', {}, 400, 'n_invalid'],
			[
				'/api/v1/customers/buyer-0/recommendations?placement=Home%20Page',
				{},
				400,
				'placement_invalid'
			],
			['/api/v1/customers/buyer-0/recommendations?category=', {}, 400, 'category_invalid'],
			['/api/v1/products/NOPE/similar', {}, 404, 'not_found'],
			['/api/v1/products/NOPE/bought-together', {}, 404, 'not_found'],
			[
				'/api/v1/recommendations/session',
				{ method: 'POST', body: '{"items": [' },
				400,
				'invalid_json'
			],
			['/api/v1/recommendations/session', { method: 'POST', body: '[]' }, 400, 'invalid_body'],
			[
				'/api/v1/recommendations/session',
				{ method: 'POST', body: '{"items": "GREEN-TEA"}' },
				400,
				'items_invalid'
			],
			[
				'/api/v1/recommendations/session',
				{ method: 'POST', body: JSON.stringify({ items: [1, 2] }) },
				400,
				'items_invalid'
			],
			[
				'/api/v1/recommendations/session',
				{ method: 'POST', body: JSON.stringify({ items: Array(101).fill('A') }) },
				400,
				'items_invalid'
			],
			[
				'/api/v1/recommendations/session',
				{ method: 'POST', body: JSON.stringify({ items: [], n: '5' }) },
				400,
				'n_invalid'
			],
			[
				'/api/v1/recommendations/session',
				{ method: 'POST', body: '{"items": [], "__proto__": {"n": 99}}' },
				200,
				''
			]
		];
		for (const [path, init, status, code] of cases) {
			const response = await api(path, init);
			expect(
				response.status,
				`${init.method ?? 'GET'} ${path} ${typeof init.body === 'string' ? init.body.slice(0, 80) : ''}`
			).toBe(status);
			if (code) expect(response.body.error.code).toBe(code);
		}
		const huge = await api('/api/v1/recommendations/session', {
			method: 'POST',
			body: JSON.stringify({ items: ['x'.repeat(70_000)] })
		});
		expect(huge.status).toBe(400);
		expect(huge.body.error.code).toBe('payload_too_large');
		const write = await api('/api/v1/customers/buyer-0/recommendations', {}, server.writeKey);
		expect(write.status).toBe(403);
		const none = await fetch(`${server.url}/api/v1/products/GREEN-TEA/similar`);
		expect(none.status).toBe(401);
	});
});
