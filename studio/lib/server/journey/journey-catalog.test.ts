import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { insertSegment } from '../segment/segment-repository';
import { DAY, NOW, insertCustomer, insertEvent, insertWorkspace } from '../segment/segment-fixture';
import { STANDARD_EVENTS, journeyCatalog } from './journey-catalog';

describe.each(testDatabases())('journey catalog on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let shop = 0;
	let other = 0;
	let empty = 0;

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		shop = await insertWorkspace(db, 'catalog-shop');
		other = await insertWorkspace(db, 'catalog-other');
		empty = await insertWorkspace(db, 'catalog-empty');
		const ada = await insertCustomer(db, shop, {
			name: 'ada',
			traits: { shoe_size: 38, city: 'Paris', email: 'ignored@example.com', nested: { a: 1 } }
		});
		const eve = await insertCustomer(db, other, { name: 'eve', traits: { secret_trait: 'x' } });

		// Three "Wishlist Added", two "Product Added", one "Order Completed": frequency order.
		for (const days of [1, 2, 3])
			await insertEvent(db, shop, ada, 'Wishlist Added', NOW - days * DAY, { list: 'gifts' });
		await insertEvent(db, shop, ada, 'Product Added', NOW - DAY, {
			cart_id: 'c1',
			gift_wrap: true
		});
		await insertEvent(db, shop, ada, 'Product Added', NOW - 2 * DAY, { cart_id: 'c2' });
		await insertEvent(db, shop, ada, 'Order Completed', NOW - DAY, { order_id: 'o1', total: 12 });
		for (const days of [1, 2, 3, 4, 5])
			await insertEvent(db, other, eve, 'Secret Event', NOW - days * DAY, { hidden: 1 });

		await insertSegment(db, {
			workspaceId: shop,
			name: 'VIP',
			description: '',
			definition: {},
			createdBy: null,
			now: NOW
		});
		await insertSegment(db, {
			workspaceId: other,
			name: 'Other shop segment',
			description: '',
			definition: {},
			createdBy: null,
			now: NOW
		});
		await db
			.insertInto('recommendation_interaction')
			.values([
				{
					workspace_id: shop,
					message_id: 'ri-1',
					recommendation_id: 'r1',
					sku: 'A',
					kind: 'view',
					placement: 'sidebar',
					customer_id: null,
					at: NOW - DAY
				},
				{
					workspace_id: other,
					message_id: 'ri-2',
					recommendation_id: 'r2',
					sku: 'A',
					kind: 'view',
					placement: 'other-slot',
					customer_id: null,
					at: NOW - DAY
				}
			])
			.execute();
	});
	afterAll(async () => {
		await close?.();
	});

	it.skipIf(skip)('lists event names most frequent first, with their property keys', async () => {
		const catalog = await journeyCatalog(db, shop, NOW);
		const names = catalog.events.map((e) => e.name);
		expect(names.slice(0, 3)).toEqual(['Wishlist Added', 'Product Added', 'Order Completed']);
		const added = catalog.events.find((e) => e.name === 'Product Added')!;
		// Seen keys first, then the spec's own.
		expect(added.properties.slice(0, 2).sort()).toEqual(['cart_id', 'gift_wrap']);
		expect(added.properties).toContain('quantity');
		expect(catalog.events.find((e) => e.name === 'Wishlist Added')!.properties).toEqual(['list']);
	});

	it.skipIf(skip)('always offers the standard e-commerce events, each once', async () => {
		for (const workspace of [shop, empty]) {
			const names = (await journeyCatalog(db, workspace, NOW)).events.map((e) => e.name);
			for (const standard of STANDARD_EVENTS) expect(names).toContain(standard.name);
			expect(new Set(names).size).toBe(names.length);
		}
		const emptyCatalog = await journeyCatalog(db, empty, NOW);
		expect(emptyCatalog.events.find((e) => e.name === 'Order Completed')!.properties).toContain(
			'order_id'
		);
	});

	it.skipIf(skip)('lists segments, traits and placements of the workspace', async () => {
		const catalog = await journeyCatalog(db, shop, NOW);
		expect(catalog.segments.map((s) => s.name)).toEqual(['VIP']);
		expect(catalog.segments[0]!.id).toBeGreaterThan(0);
		expect(catalog.traits.slice(0, 2)).toEqual(['birthday', 'first_order_at']);
		expect(catalog.traits).toEqual(expect.arrayContaining(['shoe_size', 'city']));
		// Column traits and object values are not trait keys a journey can use.
		expect(catalog.traits).not.toContain('email');
		expect(catalog.traits).not.toContain('nested');
		expect(catalog.placements).toEqual(['home', 'product', 'cart', 'email', 'sidebar']);
	});

	it.skipIf(skip)('never shows another workspace’s data', async () => {
		const catalog = await journeyCatalog(db, shop, NOW);
		const text = JSON.stringify(catalog);
		for (const secret of [
			'Secret Event',
			'hidden',
			'Other shop segment',
			'secret_trait',
			'other-slot'
		])
			expect(text).not.toContain(secret);

		const blank = await journeyCatalog(db, empty, NOW);
		expect(blank.segments).toEqual([]);
		expect(blank.traits).toEqual(['birthday', 'first_order_at']);
		expect(blank.placements).toEqual(['home', 'product', 'cart', 'email']);
		expect(blank.events.map((e) => e.name)).toEqual(STANDARD_EVENTS.map((e) => e.name));
	});
});
