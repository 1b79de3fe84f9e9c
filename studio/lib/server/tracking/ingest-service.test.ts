import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { testDatabases } from '../db/testing';
import { ingestEvents } from './ingest-service';
import { parseTrackingBody } from './request';

const NOW = Date.UTC(2026, 10, 22, 12);
let seq = 0;

describe.each(testDatabases())('tracking ingest on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws: number;

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
	});
	afterAll(async () => close?.());
	beforeEach(async () => {
		if (skip) return;
		const row = await db
			.insertInto('workspace')
			.values({
				slug: `shop-${seq++}-${Math.random().toString(36).slice(2)}`,
				name: 'Shop',
				currency: 'EUR',
				time_zone: 'UTC',
				created_at: NOW
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		ws = row.id;
	});

	/** Sends a batch through the same parsing as the HTTP endpoint. */
	async function send(batch: Record<string, unknown>[], receivedAt = NOW, sentAt?: string) {
		const parsed = parseTrackingBody(
			{ batch, ...(sentAt ? { sentAt } : {}) },
			'batch',
			{ receivedAt, sentAtHeader: null, anonymousIdHeader: null },
			100
		);
		expect(parsed.rejected).toEqual([]);
		return ingestEvents(db, ws, parsed.events, receivedAt);
	}

	const track = (ids: Record<string, unknown>, event = 'Product Viewed', extra = {}) => ({
		type: 'track',
		event,
		messageId: `m-${seq++}`,
		...ids,
		...extra
	});

	async function customers() {
		return db
			.selectFrom('customer')
			.selectAll()
			.where('workspace_id', '=', ws)
			.orderBy('id')
			.execute();
	}

	async function eventsByCustomer() {
		const rows = await db
			.selectFrom('event')
			.select(['customer_id', 'message_id'])
			.where('workspace_id', '=', ws)
			.execute();
		const map = new Map<number | null, number>();
		for (const row of rows) map.set(row.customer_id, (map.get(row.customer_id) ?? 0) + 1);
		return { total: rows.length, map };
	}

	it.skipIf(skip)('gives an anonymous visitor one profile on first sight', async () => {
		await send([track({ anonymousId: 'a1' }), track({ anonymousId: 'a1' })]);
		await send([track({ anonymousId: 'a1' })], NOW + 1000);
		const rows = await customers();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ external_id: null, first_seen_at: NOW });
		expect(rows[0]!.facts_stale_at).not.toBeNull();
		const identities = await db
			.selectFrom('identity')
			.selectAll()
			.where('workspace_id', '=', ws)
			.execute();
		expect(identities).toEqual([
			expect.objectContaining({ anonymous_id: 'a1', customer_id: rows[0]!.id })
		]);
		expect((await eventsByCustomer()).map.get(rows[0]!.id)).toBe(3);
	});

	it.skipIf(skip)('identify after anonymous events makes that profile the user’s', async () => {
		await send([track({ anonymousId: 'a1' }), track({ anonymousId: 'a1' })]);
		await send(
			[
				{
					type: 'identify',
					userId: 'u1',
					anonymousId: 'a1',
					messageId: `m-${seq++}`,
					traits: {
						email: 'Ann@Example.com',
						firstName: 'Ann',
						lastName: 'Lee',
						consent: 'granted'
					}
				}
			],
			NOW + 1000
		);
		const rows = await customers();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			external_id: 'u1',
			email: 'Ann@Example.com',
			name: 'Ann Lee',
			consent: 'granted',
			search_text: 'ann@example.com ann lee u1',
			first_seen_at: NOW
		});
		expect((await eventsByCustomer()).map.get(rows[0]!.id)).toBe(3);
	});

	it.skipIf(skip)('identify before anonymous events sends them to the user', async () => {
		await send([{ type: 'identify', userId: 'u1', anonymousId: 'a1', messageId: `m-${seq++}` }]);
		await send([track({ anonymousId: 'a1' }), track({ anonymousId: 'a1' })]);
		const rows = await customers();
		expect(rows).toHaveLength(1);
		expect(rows[0]!.external_id).toBe('u1');
		expect((await eventsByCustomer()).map.get(rows[0]!.id)).toBe(3);
	});

	it.skipIf(skip)(
		'merges an anonymous history into an existing user: events, orders and money move once',
		async () => {
			await send([track({ userId: 'u1' }, 'Signed In')], NOW - 10_000);
			await send(
				[
					track({ anonymousId: 'a2' }),
					track({ anonymousId: 'a2' }, 'Order Completed', {
						properties: { order_id: 'o-anon', total: 10, currency: 'EUR' }
					})
				],
				NOW - 5000
			);
			expect(await customers()).toHaveLength(2);
			await send([track({ userId: 'u1', anonymousId: 'a2' }, 'Cart Viewed')]);
			const rows = await customers();
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				external_id: 'u1',
				orders_count: 1,
				revenue_minor: 1000,
				first_seen_at: NOW - 10_000,
				last_seen_at: NOW,
				first_order_at: NOW - 5000
			});
			const events = await eventsByCustomer();
			expect(events.total).toBe(4);
			expect(events.map.get(rows[0]!.id)).toBe(4);
			const order = await db
				.selectFrom('shop_order')
				.selectAll()
				.where('workspace_id', '=', ws)
				.executeTakeFirstOrThrow();
			expect(order.customer_id).toBe(rows[0]!.id);
			const identity = await db
				.selectFrom('identity')
				.selectAll()
				.where('workspace_id', '=', ws)
				.execute();
			expect(identity.map((i) => [i.anonymous_id, i.customer_id])).toEqual([['a2', rows[0]!.id]]);
		}
	);

	it.skipIf(skip)(
		'resolves a mixed batch in order: anonymous, then identify, then more',
		async () => {
			await send([track({ userId: 'u9' })]);
			await send([
				track({ anonymousId: 'a9' }),
				{ type: 'identify', userId: 'u9', anonymousId: 'a9', messageId: `m-${seq++}` },
				track({ anonymousId: 'a9' }),
				track({ anonymousId: 'b9' })
			]);
			const rows = await customers();
			expect(rows.map((r) => r.external_id)).toEqual(['u9', null]);
			const events = await eventsByCustomer();
			expect(events.map.get(rows[0]!.id)).toBe(4);
			expect(events.map.get(rows[1]!.id)).toBe(1);
		}
	);

	it.skipIf(skip)(
		'keeps an anonymous id with its known customer when another user shows up on it',
		async () => {
			await send([
				{ type: 'identify', userId: 'u1', anonymousId: 'shared', messageId: `m-${seq++}` }
			]);
			await send([
				{ type: 'identify', userId: 'u2', anonymousId: 'shared', messageId: `m-${seq++}` }
			]);
			const rows = await customers();
			expect(rows.map((r) => r.external_id)).toEqual(['u1', 'u2']);
			await send([track({ anonymousId: 'shared' })]);
			expect((await eventsByCustomer()).map.get(rows[0]!.id)).toBe(2);
		}
	);

	it.skipIf(skip)('alias links a previous id to the user, merging what it had', async () => {
		await send([track({ anonymousId: 'old-device' }), track({ userId: 'new-user' })]);
		await send([
			{ type: 'alias', previousId: 'old-device', userId: 'new-user', messageId: `m-${seq++}` }
		]);
		const rows = await customers();
		expect(rows).toHaveLength(1);
		expect(rows[0]!.external_id).toBe('new-user');
		expect((await eventsByCustomer()).map.get(rows[0]!.id)).toBe(3);
		await send([
			{ type: 'alias', previousId: 'never-seen', userId: 'new-user', messageId: `m-${seq++}` }
		]);
		await send([track({ anonymousId: 'never-seen' })]);
		expect(await customers()).toHaveLength(1);
	});

	it.skipIf(skip)('stores a retried batch once', async () => {
		const batch = [track({ anonymousId: 'a1' }), track({ userId: 'u1' })];
		const first = await send(batch);
		const again = await send(batch, NOW + 5000);
		expect(first).toMatchObject({ stored: 2, duplicates: 0 });
		expect(again).toMatchObject({ stored: 0, duplicates: 2 });
		expect((await eventsByCustomer()).total).toBe(2);
		// Without messageIds the derived id still dedupes an identical body.
		const bare = [
			{ type: 'track', userId: 'u1', event: 'Bare', timestamp: '2026-11-22T11:00:00Z' }
		];
		await send(bare);
		await send(bare, NOW + 1000);
		expect((await eventsByCustomer()).total).toBe(3);
	});

	it.skipIf(skip)('corrects the client clock from sentAt', async () => {
		const skewed = NOW + 3_600_000;
		await send(
			[track({ userId: 'u1' }, 'Skewed', { timestamp: new Date(skewed - 30_000).toISOString() })],
			NOW,
			new Date(skewed).toISOString()
		);
		const event = await db
			.selectFrom('event')
			.selectAll()
			.where('workspace_id', '=', ws)
			.executeTakeFirstOrThrow();
		expect(event.timestamp).toBe(NOW - 30_000);
		expect(event.received_at).toBe(NOW);
	});

	it.skipIf(skip)(
		'creates an order with lines once, and a refund takes its money off once',
		async () => {
			const product = await db
				.insertInto('product')
				.values({
					workspace_id: ws,
					sku: 'MUG-1',
					name: 'Mug',
					price_minor: 950,
					category: null,
					image_url: null,
					url: null,
					in_stock: 1,
					created_at: NOW,
					updated_at: NOW
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const completed = track({ userId: 'buyer' }, 'Order Completed', {
				properties: {
					order_id: 'o-1',
					total: 25.5,
					currency: 'EUR',
					products: [
						{ sku: 'MUG-1', name: 'Mug', price: 9.5, quantity: 2 },
						{ product_id: 'UNKNOWN', name: 'Tea', price: 6.5 }
					]
				}
			});
			await send([completed]);
			await send([completed]);
			// The same order id in a new event (another messageId) still counts once.
			await send([{ ...completed, messageId: 'other' }]);
			let buyer = (await customers())[0]!;
			expect(buyer).toMatchObject({
				orders_count: 1,
				revenue_minor: 2550,
				first_order_at: NOW,
				last_order_at: NOW
			});
			const order = await db
				.selectFrom('shop_order')
				.selectAll()
				.where('workspace_id', '=', ws)
				.executeTakeFirstOrThrow();
			expect(order).toMatchObject({
				external_id: 'o-1',
				source: 'web',
				status: 'completed',
				total_minor: 2550,
				currency: 'EUR',
				customer_id: buyer.id
			});
			const lines = await db
				.selectFrom('order_line')
				.selectAll()
				.where('order_id', '=', order.id)
				.orderBy('id')
				.execute();
			expect(lines.map((l) => [l.sku, l.product_id, l.quantity, l.price_minor])).toEqual([
				['MUG-1', product.id, 2, 950],
				['UNKNOWN', null, 1, 650]
			]);

			const refund = track({ userId: 'buyer' }, 'Order Refunded', {
				properties: { order_id: 'o-1' }
			});
			await send([refund]);
			await send([{ ...refund, messageId: 'refund-again' }]);
			buyer = (await customers())[0]!;
			expect(buyer.revenue_minor).toBe(0);
			const refunded = await db
				.selectFrom('shop_order')
				.select('status')
				.where('id', '=', order.id)
				.executeTakeFirstOrThrow();
			expect(refunded.status).toBe('refunded');
		}
	);

	it.skipIf(skip)(
		'uses the currency’s minor units and the workspace currency by default',
		async () => {
			await send([
				track({ userId: 'jp' }, 'Order Completed', {
					properties: { order_id: 'jp-1', revenue: 1200, currency: 'JPY' }
				}),
				track({ userId: 'jp' }, 'Order Completed', {
					properties: { order_id: 'jp-2', total: '3.25' }
				})
			]);
			const orders = await db
				.selectFrom('shop_order')
				.select(['external_id', 'total_minor', 'currency'])
				.where('workspace_id', '=', ws)
				.orderBy('external_id')
				.execute();
			expect(orders).toEqual([
				{ external_id: 'jp-1', total_minor: 1200, currency: 'JPY' },
				{ external_id: 'jp-2', total_minor: 325, currency: 'EUR' }
			]);
		}
	);

	it.skipIf(skip)('merges traits over time without polluting prototypes', async () => {
		await send([
			{
				type: 'identify',
				userId: 'u1',
				messageId: `m-${seq++}`,
				traits: { email: 'a@b.c', plan: 'free', birthday: '1990-01-02' }
			}
		]);
		const evil = JSON.parse(
			`{"type":"identify","userId":"u1","messageId":"evil","traits":{"plan":"pro","__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}}`
		) as Record<string, unknown>;
		await send([evil]);
		const [row] = await customers();
		expect(readJson(row!.traits, {})).toEqual({
			email: 'a@b.c',
			plan: 'pro',
			birthday: '1990-01-02'
		});
		expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
	});

	it.skipIf(skip)('keeps workspaces apart', async () => {
		await send([track({ userId: 'u1' })]);
		const other = ws;
		const second = await db
			.insertInto('workspace')
			.values({
				slug: `other-${seq++}`,
				name: 'Other',
				currency: 'EUR',
				time_zone: 'UTC',
				created_at: NOW
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		ws = second.id;
		await send([track({ userId: 'u1' })]);
		const all = await db
			.selectFrom('customer')
			.select(['workspace_id'])
			.where('external_id', '=', 'u1')
			.where('workspace_id', 'in', [other, ws])
			.execute();
		expect(all).toHaveLength(2);
	});

	it.skipIf(skip)(
		'concurrent batches about the same people store every event once on one profile each',
		async () => {
			const batches = Array.from({ length: 8 }, (_, b) => [
				track({ anonymousId: `anon-${b % 3}` }),
				{
					type: 'identify',
					userId: `user-${b % 3}`,
					anonymousId: `anon-${b % 3}`,
					messageId: `m-${seq++}`
				},
				track({ anonymousId: `anon-${(b + 1) % 3}` }),
				track({ userId: `user-${(b + 2) % 3}` })
			]);
			await Promise.all(batches.map((batch) => send(batch)));
			const rows = await customers();
			expect(rows.map((r) => r.external_id).sort()).toEqual(['user-0', 'user-1', 'user-2']);
			const events = await eventsByCustomer();
			expect(events.total).toBe(32);
			expect([...events.map.keys()].every((id) => rows.some((r) => r.id === id))).toBe(true);
		}
	);
});
