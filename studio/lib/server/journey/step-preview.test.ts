import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailNode, OfferNode, WebhookNode } from '../../journey/definition';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { forgetCachedModels } from '../recommender/model-cache';
import { NOW, DAY, insertCustomer, insertEvent, insertWorkspace } from '../segment/segment-fixture';
import { createJourney } from './journey-service';
import { previewStep } from './step-preview';

const email: EmailNode = {
	id: 'mail',
	type: 'email',
	subject: 'Hi {{first_name}}',
	body: '<p>Your cart {{entry.cart_id}} misses you, {{traits.nickname}}.</p>',
	products: { placement: 'email', count: 2 }
};

describe.each(testDatabases())('step preview on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let shop = 0;
	let other = 0;
	let empty = 0;
	let journey = 0;
	let emptyJourney = 0;
	let ada = 0;
	let eve = 0;

	async function product(workspaceId: number, sku: string, priceMinor: number): Promise<number> {
		const row = await db
			.insertInto('product')
			.values({
				workspace_id: workspaceId,
				sku,
				name: `Tea ${sku}`,
				category: null,
				price_minor: priceMinor,
				image_url: null,
				url: `https://shop.test/p/${sku}`,
				in_stock: 1,
				created_at: NOW,
				updated_at: NOW
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	}

	/** Best sellers need sales: someone else's order, so the previewed customer is not excluded. */
	async function order(workspaceId: number, customerId: number, lines: [number, number][]) {
		const row = await db
			.insertInto('shop_order')
			.values({
				workspace_id: workspaceId,
				external_id: `o-${customerId}`,
				customer_id: customerId,
				source: 'web',
				status: 'completed',
				total_minor: 0,
				currency: 'EUR',
				placed_at: NOW - DAY,
				created_at: NOW
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('order_line')
			.values(
				lines.map(([productId, quantity]) => ({
					workspace_id: workspaceId,
					order_id: row.id,
					product_id: productId,
					sku: String(productId),
					name: 'x',
					quantity,
					price_minor: 1000
				}))
			)
			.execute();
	}

	async function journeyIn(workspaceId: number): Promise<number> {
		const created = await createJourney(
			db,
			workspaceId,
			{ name: 'Cart', template: 'abandoned_cart' },
			null,
			NOW
		);
		if (!created.ok) throw new Error(JSON.stringify(created));
		return created.value.id;
	}

	beforeAll(async () => {
		if (skip) return;
		forgetCachedModels();
		({ db, close } = await open());
		shop = await insertWorkspace(db, 'preview-shop');
		other = await insertWorkspace(db, 'preview-other');
		empty = await insertWorkspace(db, 'preview-empty');
		ada = await insertCustomer(db, shop, {
			name: 'Ada Byron',
			email: 'ada@shop.test',
			traits: { first_name: 'Ada', nickname: '<b>Addy</b>' },
			lastSeenAt: NOW - 2 * DAY
		});
		const bob = await insertCustomer(db, shop, {
			name: 'Bob',
			traits: { first_name: 'Bob' },
			lastSeenAt: NOW
		});
		eve = await insertCustomer(db, other, { name: 'Eve', traits: { first_name: 'Eve' } });
		await insertEvent(db, shop, ada, 'Product Added', NOW - DAY, { cart_id: 'cart-7' });
		const a = await product(shop, 'A', 1200);
		const b = await product(shop, 'B', 900);
		await order(shop, bob, [
			[a, 2],
			[b, 1]
		]);
		journey = await journeyIn(shop);
		emptyJourney = await journeyIn(empty);
	});
	afterAll(async () => {
		forgetCachedModels();
		await close?.();
	});

	it.skipIf(skip)('renders an email for the chosen customer, escaping their values', async () => {
		const result = await previewStep(db, shop, journey, { step: email, customerId: ada }, NOW);
		if (!result.ok) throw new Error(JSON.stringify(result.error));
		const preview = result.value;
		expect(preview.kind).toBe('email');
		if (preview.kind !== 'email') return;
		expect(preview.to).toBe('ada@shop.test');
		expect(preview.subject).toBe('Hi Ada');
		expect(preview.text).toContain('Your cart cart-7 misses you, <b>Addy</b>.');
		expect(preview.html).toContain('&lt;b&gt;Addy&lt;/b&gt;');
		expect(preview.products.map((p) => p.sku)).toEqual(['A', 'B']);
		expect(preview.products[0]).toMatchObject({ name: 'Tea A', priceMinor: 1200, currency: 'EUR' });
		expect(preview.customer).toEqual({ id: ada, label: 'Ada Byron', sample: false });
		expect(preview.problems).toEqual([]);
	});

	it.skipIf(skip)('uses the most recently seen customer when none is chosen', async () => {
		const result = await previewStep(db, shop, journey, { step: email }, NOW);
		if (!result.ok) throw new Error(JSON.stringify(result.error));
		expect(result.value.customer.label).toBe('Bob');
		if (result.value.kind === 'email') expect(result.value.subject).toBe('Hi Bob');
		// Bob never added to a cart: the workspace's latest cart stands in as an example.
		if (result.value.kind === 'email') expect(result.value.text).toContain('cart-7');
	});

	it.skipIf(skip)('falls back to a sample profile in a workspace without customers', async () => {
		const result = await previewStep(db, empty, emptyJourney, { step: email }, NOW);
		if (!result.ok) throw new Error(JSON.stringify(result.error));
		expect(result.value.customer).toEqual({ id: null, label: 'Ada Lovelace', sample: true });
		if (result.value.kind !== 'email') throw new Error('not an email');
		expect(result.value.subject).toBe('Hi Ada');
		expect(result.value.products).toEqual([]);
	});

	it.skipIf(skip)('renders offers and webhooks', async () => {
		const offer: OfferNode = {
			id: 'o',
			type: 'offer',
			placement: 'home',
			title: 'For {{first_name}}',
			body: 'Points: {{points}}',
			products: { placement: 'home', count: 1 },
			expiresHours: 48
		};
		const shown = await previewStep(db, shop, journey, { step: offer, customerId: ada }, NOW);
		if (!shown.ok || shown.value.kind !== 'offer') throw new Error(JSON.stringify(shown));
		expect(shown.value).toMatchObject({ title: 'For Ada', body: 'Points: 0', expiresHours: 48 });
		expect(shown.value.products).toHaveLength(1);

		const hook: WebhookNode = {
			id: 'w',
			type: 'webhook',
			url: 'https://crm.test/hook',
			body: '{"name":"{{traits.nickname}}","q":"\\"{{first_name}}\\""}'
		};
		const sent = await previewStep(db, shop, journey, { step: hook, customerId: ada }, NOW);
		if (!sent.ok || sent.value.kind !== 'webhook') throw new Error(JSON.stringify(sent));
		expect(sent.value.url).toBe('https://crm.test/hook');
		expect(JSON.parse(sent.value.body)).toEqual({ name: '<b>Addy</b>', q: '"Ada"' });
	});

	it.skipIf(skip)('still previews a step being written, listing its problems', async () => {
		const draft = { ...email, subject: '', body: 'Hello {{nope}}' };
		const result = await previewStep(db, shop, journey, { step: draft, customerId: ada }, NOW);
		if (!result.ok || result.value.kind !== 'email') throw new Error(JSON.stringify(result));
		// The unknown placeholder renders as nothing, exactly as the engine would send it.
		expect(result.value.text.startsWith('Hello \n\n- Tea ')).toBe(true);
		expect(result.value.subject).toBe('');
		expect(result.value.problems.map((p) => p.code).sort()).toEqual([
			'template_variable_unknown',
			'text_required'
		]);
	});

	it.skipIf(skip)('refuses bad input with 400-style errors, never throwing', async () => {
		const cases: [unknown, string][] = [
			[null, 'invalid_body'],
			[{ step: 'email' }, 'invalid_body'],
			[{ step: email, customerId: -1 }, 'invalid_body'],
			[{ step: email, customerId: '3' }, 'invalid_body'],
			[{ step: { type: 'email' } }, 'step_invalid'],
			[{ step: { id: 'x', type: 'bogus' } }, 'step_invalid'],
			[
				{ step: { id: 'd', type: 'delay', delay: { kind: 'duration', minutes: 5 } } },
				'not_previewable'
			],
			[{ step: { ...email, products: { placement: 'Bad Slot!', count: 99 } } }, 'step_invalid']
		];
		for (const [input, code] of cases) {
			const result = await previewStep(db, shop, journey, input, NOW);
			expect(result.ok ? 'ok' : result.error.code, JSON.stringify(input)).toBe(code);
		}
		const bad = await previewStep(db, shop, journey, { step: { type: 'email' } }, NOW);
		if (bad.ok) throw new Error('expected a failure');
		expect(bad.error.problems?.length).toBeGreaterThan(0);
	});

	it.skipIf(skip)('keeps workspaces apart', async () => {
		const theirs = await previewStep(db, shop, journey, { step: email, customerId: eve }, NOW);
		expect(theirs.ok ? 'ok' : theirs.error.code).toBe('customer_not_found');
		const elsewhere = await previewStep(db, other, journey, { step: email }, NOW);
		expect(elsewhere.ok ? 'ok' : elsewhere.error.code).toBe('not_found');
		const missing = await previewStep(db, shop, 999_999, { step: email }, NOW);
		expect(missing.ok ? 'ok' : missing.error.code).toBe('not_found');
	});
});
