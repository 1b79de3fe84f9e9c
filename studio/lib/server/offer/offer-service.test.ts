import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { forgetCachedModels } from '../recommender/model-cache';
import { offersFor, sdkConfig } from './offer-service';

const now = 1_800_000_000_000;
const day = 24 * 60 * 60 * 1000;

describe.each(testDatabases())('offers on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let shop = 0;
	let other = 0;
	let buyer = 0;
	const products = new Map<string, number>();
	let orderNo = 0;

	async function workspace(slug: string, currency: string) {
		const row = await db
			.insertInto('workspace')
			.values({ slug, name: slug, currency, time_zone: 'UTC', created_at: now })
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	}

	async function product(workspaceId: number, sku: string, inStock = true) {
		const row = await db
			.insertInto('product')
			.values({
				workspace_id: workspaceId,
				sku,
				name: `Product ${sku}`,
				category: null,
				price_minor: 1000 + products.size,
				image_url: `https://shop.test/${sku}.jpg`,
				url: `https://shop.test/p/${sku}`,
				in_stock: inStock ? 1 : 0,
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		products.set(`${workspaceId}:${sku}`, row.id);
	}

	async function order(
		workspaceId: number,
		lines: [sku: string, quantity: number][],
		options: { customerId?: number; placedAt?: number; status?: 'completed' | 'refunded' } = {}
	) {
		const row = await db
			.insertInto('shop_order')
			.values({
				workspace_id: workspaceId,
				external_id: `o-${++orderNo}`,
				customer_id: options.customerId ?? null,
				source: 'web',
				status: options.status ?? 'completed',
				total_minor: 0,
				currency: 'EUR',
				placed_at: options.placedAt ?? now - day,
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('order_line')
			.values(
				lines.map(([sku, quantity]) => ({
					workspace_id: workspaceId,
					order_id: row.id,
					product_id: products.get(`${workspaceId}:${sku}`) ?? null,
					sku,
					name: sku,
					quantity,
					price_minor: 1000
				}))
			)
			.execute();
	}

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		shop = await workspace('offers-shop', 'EUR');
		other = await workspace('offers-other', 'JPY');
		for (const sku of ['A', 'B', 'C', 'D', 'E']) await product(shop, sku);
		await product(shop, 'GONE', false);
		await product(shop, 'OLD');
		await product(other, 'A');
		await product(other, 'Z');
		const customer = await db
			.insertInto('customer')
			.values({
				workspace_id: shop,
				external_id: 'user-1',
				email: null,
				name: null,
				traits: '{}',
				consent: 'unknown',
				first_seen_at: now,
				last_seen_at: now,
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		buyer = customer.id;
		await db
			.insertInto('identity')
			.values({ workspace_id: shop, anonymous_id: 'anon-1', customer_id: buyer, created_at: now })
			.execute();

		// Units: C 9, A 5 (+ 2 bought by user-1 = 7), B 3, D 1; E never sold.
		await order(shop, [
			['C', 9],
			['A', 5]
		]);
		await order(shop, [['B', 3]]);
		await order(shop, [['D', 1]]);
		await order(shop, [['A', 2]], { customerId: buyer });
		await order(shop, [['GONE', 50]]);
		await order(shop, [['OLD', 40]], { placedAt: now - 91 * day });
		await order(shop, [['B', 30]], { status: 'refunded' });
		await order(shop, [['UNKNOWN-SKU', 60]]);
		// The other workspace sells A and Z in bulk: none of it may leak into the shop's ranking.
		await order(other, [
			['A', 100],
			['Z', 200]
		]);
	});
	afterAll(async () => close?.());

	const base = { placement: 'home' as const, userId: null, anonymousId: null, limit: 4 };

	it.skipIf(skip)('ranks in-stock products by units in completed orders of 90 days', async () => {
		const offers = await offersFor(db, { ...base, workspaceId: shop }, now);
		expect(offers.map((o) => o.product.sku)).toEqual(['C', 'A', 'B', 'D']);
		expect(offers[0]).toEqual({
			id: 'best:C:home',
			kind: 'product',
			product: {
				sku: 'C',
				name: 'Product C',
				priceMinor: expect.any(Number) as unknown,
				currency: 'EUR',
				imageUrl: 'https://shop.test/C.jpg',
				url: 'https://shop.test/p/C'
			},
			reason: 'best_seller'
		});
	});

	it.skipIf(skip)('keeps workspaces apart', async () => {
		const offers = await offersFor(db, { ...base, workspaceId: other, limit: 10 }, now);
		expect(offers.map((o) => `${o.product.sku}:${o.product.currency}`)).toEqual(['Z:JPY', 'A:JPY']);
		expect(await offersFor(db, { ...base, workspaceId: 999_999 }, now)).toEqual([]);
	});

	it.skipIf(skip)('leaves out what the identified customer already bought', async () => {
		const byUser = await offersFor(db, { ...base, workspaceId: shop, userId: 'user-1' }, now);
		expect(byUser.map((o) => o.product.sku)).toEqual(['C', 'B', 'D']);
		const byAnon = await offersFor(
			db,
			{ ...base, workspaceId: shop, anonymousId: 'anon-1', placement: 'cart' },
			now
		);
		expect(byAnon.map((o) => o.id)).toEqual(['best:C:cart', 'best:B:cart', 'best:D:cart']);
		// A user id of another workspace, or nobody's, changes nothing.
		const stranger = await offersFor(db, { ...base, workspaceId: shop, userId: 'nobody' }, now);
		expect(stranger.map((o) => o.product.sku)).toEqual(['C', 'A', 'B', 'D']);
		const otherWs = await offersFor(
			db,
			{ ...base, workspaceId: other, userId: 'user-1', limit: 10 },
			now
		);
		expect(otherWs.map((o) => o.product.sku)).toEqual(['Z', 'A']);
	});

	it.skipIf(skip)('makes images stored relative to the studio absolute', async () => {
		await db
			.updateTable('product')
			.set({ image_url: '/demo/products/C.svg', url: '/p/C' })
			.where('workspace_id', '=', shop)
			.where('sku', '=', 'C')
			.execute();
		const [first] = await offersFor(
			db,
			{ ...base, workspaceId: shop, limit: 1, origin: 'https://studio.test' },
			now
		);
		expect(first?.product).toMatchObject({
			imageUrl: 'https://studio.test/demo/products/C.svg',
			// product pages live on the storefront, so a relative link stays relative
			url: '/p/C'
		});
		const [bare] = await offersFor(db, { ...base, workspaceId: shop, limit: 1 }, now);
		expect(bare?.product.imageUrl).toBe('/demo/products/C.svg');
	});

	it.skipIf(skip)('puts a journey offer first, with its words, until it expires', async () => {
		forgetCachedModels();
		const offer = (placement: string, skus: string[], expiresAt: number, title: string) =>
			db
				.insertInto('journey_offer')
				.values({
					workspace_id: shop,
					customer_id: buyer,
					message_id: null,
					placement,
					content: JSON.stringify({ title, body: 'Just for you', skus }),
					expires_at: expiresAt,
					created_at: now
				})
				.execute();
		await offer('home', ['E', 'NOT-IN-CATALOGUE', 'D'], now + day, '10% off today');
		await offer('home', ['B'], now - 1, 'Expired');
		await offer('cart', ['C'], now + day, 'Another slot');
		const offers = await offersFor(db, { ...base, workspaceId: shop, userId: 'user-1' }, now);
		expect(offers.map((o) => o.product.sku)).toEqual(['E', 'D', 'C', 'B']);
		expect(offers[0]).toMatchObject({
			reason: 'journey_offer',
			message: { title: '10% off today', body: 'Just for you' }
		});
		expect(offers[0]!.id).toMatch(/^jo_\d+:E$/);
		expect(offers[1]!.message).toBeUndefined();
		// Anonymous visitors and later, after it expired, get the usual picks.
		const anonymous = await offersFor(db, { ...base, workspaceId: shop }, now);
		expect(anonymous.some((o) => o.reason === 'journey_offer')).toBe(false);
		const later = await offersFor(
			db,
			{ ...base, workspaceId: shop, userId: 'user-1' },
			now + 2 * day
		);
		expect(later.some((o) => o.reason === 'journey_offer')).toBe(false);
		forgetCachedModels();
	});

	it.skipIf(skip)('clamps the limit', async () => {
		const one = await offersFor(db, { ...base, workspaceId: shop, limit: 0 }, now);
		expect(one).toHaveLength(1);
		const all = await offersFor(db, { ...base, workspaceId: shop, limit: 1000 }, now);
		expect(all.map((o) => o.product.sku)).toEqual(['C', 'A', 'B', 'D']);
	});

	it.skipIf(skip)('returns the config with the workspace currency', async () => {
		expect(await sdkConfig(db, other)).toEqual({
			workspace: { currency: 'JPY' },
			experiments: [],
			placements: ['home', 'product', 'cart']
		});
		expect(await sdkConfig(db, 999_999)).toBeNull();
	});
});
