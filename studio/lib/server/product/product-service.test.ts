import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { productDetail, productForApi, productsPage, upsertProducts } from './product-service';

const now = 1_800_000_000_000;

describe.each(testDatabases())('products on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	const ws = { id: 0, currency: 'USD' };
	const yen = { id: 0, currency: 'JPY' };

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		for (const [target, slug, currency] of [
			[ws, 'prod-a', 'USD'],
			[yen, 'prod-b', 'JPY']
		] as const) {
			const row = await db
				.insertInto('workspace')
				.values({
					slug,
					name: slug,
					currency,
					time_zone: 'UTC',
					created_at: now,
					lifecycle_rules: null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			target.id = row.id;
		}
	});
	afterAll(async () => close?.());

	it.skipIf(skip)('upserts valid products by SKU and reports bad ones by index', async () => {
		const result = await upsertProducts(
			db,
			ws,
			[
				{ sku: 'TEA-1', name: 'Green tea', price: 12.5, category: 'Tea' },
				{ sku: 'TEA-2', name: 'Black tea', price: 9, category: 'Tea', in_stock: false },
				{ sku: '', name: 'nameless' },
				JSON.parse('{"sku":"P-3","name":"Mug","price":5,"__proto__":{"polluted":true}}') as unknown
			],
			now
		);
		expect(result.upserted).toBe(3);
		expect(result.rejected).toEqual([
			{ index: 2, code: 'sku_invalid', message: expect.any(String) as unknown }
		]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();

		const again = await upsertProducts(
			db,
			ws,
			[
				{ sku: 'TEA-1', name: 'Green tea (organic)', price: 13 },
				{ sku: 'TEA-1', name: 'Last wins', price: 14 }
			],
			now + 1
		);
		expect(again.upserted).toBe(1);
		expect(await productForApi(db, ws.id, 'TEA-1')).toMatchObject({
			name: 'Last wins',
			priceMinor: 1400,
			category: null
		});
		expect(await productForApi(db, ws.id, 'TEA-2')).toMatchObject({
			inStock: false,
			priceMinor: 900
		});
		expect(await productForApi(db, yen.id, 'TEA-1')).toBeNull();

		await upsertProducts(db, yen, [{ sku: 'TEA-1', name: '抹茶', price: 1200 }], now);
		expect(await productForApi(db, yen.id, 'TEA-1')).toMatchObject({
			name: '抹茶',
			priceMinor: 1200
		});
	});

	it.skipIf(skip)('lists, filters and shows sales from completed orders only', async () => {
		const page = await productsPage(db, ws.id, { q: 'tea', category: null, page: 1 });
		expect(page.rows.map((r) => r.sku)).toEqual(['TEA-2', 'TEA-1']);
		expect(page.categories).toEqual(['Tea']);
		expect((await productsPage(db, ws.id, { q: '', category: 'Tea', page: 1 })).total).toBe(1);

		const product = page.rows.find((r) => r.sku === 'TEA-2')!;
		const buyer = await db
			.insertInto('customer')
			.values({
				workspace_id: ws.id,
				external_id: 'b1',
				email: null,
				name: 'Buyer',
				traits: '{}',
				consent: 'granted',
				first_seen_at: now,
				last_seen_at: now,
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const [external, status, qty] of [
			['O-1', 'completed', 2],
			['O-2', 'refunded', 5],
			['O-3', 'completed', 1]
		] as const) {
			const order = await db
				.insertInto('shop_order')
				.values({
					workspace_id: ws.id,
					external_id: external,
					customer_id: buyer.id,
					source: 'web',
					status,
					total_minor: qty * 900,
					currency: 'USD',
					placed_at: now,
					created_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.insertInto('order_line')
				.values({
					workspace_id: ws.id,
					order_id: order.id,
					product_id: product.id,
					sku: 'TEA-2',
					name: 'Black tea',
					quantity: qty,
					price_minor: 900
				})
				.execute();
		}
		const detail = await productDetail(db, ws.id, product.id);
		expect(detail?.sales).toEqual({ units: 3, revenueMinor: 2700, buyers: 1, lastSoldAt: now });
		expect(detail?.buyers).toEqual([{ id: buyer.id, name: 'Buyer', email: null, units: 3 }]);
		expect(await productDetail(db, yen.id, product.id)).toBeNull();
	});
});
