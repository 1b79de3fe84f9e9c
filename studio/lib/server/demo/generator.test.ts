import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATEGORIES } from './categories';
import { generateDemoShop, type DemoArchetype, type DemoOrder, type DemoShop } from './generator';

const NOW = Date.UTC(2026, 10, 25, 15, 30);
const DAY = 24 * 60 * 60 * 1000;

function fingerprint(shop: DemoShop): string {
	return createHash('sha256').update(JSON.stringify(shop)).digest('hex');
}

function mean(values: number[]): number {
	return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

describe('generateDemoShop', () => {
	let shop: DemoShop;
	beforeAll(() => {
		shop = generateDemoShop({ seed: 'test-seed', now: NOW });
	});

	it('is deterministic for the same seed and now', () => {
		const small = { seed: 'small', now: NOW, customers: 150, products: 40 };
		expect(generateDemoShop(small)).toStrictEqual(generateDemoShop(small));
		expect(fingerprint(generateDemoShop({ seed: 'test-seed', now: NOW }))).toBe(fingerprint(shop));
		expect(fingerprint(generateDemoShop({ ...small, seed: 'other' }))).not.toBe(
			fingerprint(generateDemoShop(small))
		);
	});

	it('has the stated sizes and mix', () => {
		expect(shop.products).toHaveLength(300);
		expect(shop.customers).toHaveLength(3000);
		expect(shop.events.length).toBeGreaterThan(100_000);
		expect(shop.events.length).toBeLessThan(200_000);
		const shares = new Map<DemoArchetype, number>();
		for (const c of shop.customers) shares.set(c.archetype, (shares.get(c.archetype) ?? 0) + 1);
		expect(Object.fromEntries(shares)).toEqual({
			browser: 1050,
			one_time: 900,
			occasional: 600,
			loyal: 300,
			lapsed: 150
		});
		const pos = shop.orders.filter((o) => o.source === 'pos').length / shop.orders.length;
		expect(pos).toBeGreaterThan(0.07);
		expect(pos).toBeLessThan(0.13);
		const refunded = shop.orders.filter((o) => o.status === 'refunded').length / shop.orders.length;
		expect(refunded).toBeGreaterThan(0.015);
		expect(refunded).toBeLessThan(0.05);
	});

	it('builds a catalogue of ten categories with shop-like prices', () => {
		const categories = new Set(shop.products.map((p) => p.category));
		expect(categories).toEqual(new Set(DEMO_CATEGORIES.map((c) => c.name)));
		expect(new Set(shop.products.map((p) => p.sku)).size).toBe(300);
		expect(new Set(shop.products.map((p) => p.name)).size).toBe(300);
		for (const p of shop.products) {
			expect(p.sku).toMatch(/^SKU-\d{5}$/);
			expect(p.url).toBe(`/p/${p.sku}`);
			expect(Number.isInteger(p.priceMinor)).toBe(true);
			expect(p.priceMinor).toBeGreaterThanOrEqual(299);
			expect(p.priceMinor).toBeLessThan(20_000);
		}
		const outOfStock = shop.products.filter((p) => !p.inStock).length;
		expect(outOfStock).toBeGreaterThan(5);
		expect(outOfStock).toBeLessThan(30);
	});

	it('keeps every time inside the year', () => {
		const min = NOW - 366 * DAY;
		const inYear = (t: number | null) =>
			t === null || (Number.isInteger(t) && t >= min && t <= NOW);
		expect(shop.events.every((e) => inYear(e.timestamp) && inYear(e.receivedAt))).toBe(true);
		expect(shop.events.every((e) => e.receivedAt >= e.timestamp)).toBe(true);
		expect(shop.orders.every((o) => inYear(o.placedAt))).toBe(true);
		expect(shop.products.every((p) => inYear(p.createdAt) && inYear(p.updatedAt))).toBe(true);
		for (const c of shop.customers) {
			const times = [c.firstSeenAt, c.lastSeenAt, c.firstOrderAt, c.lastOrderAt, c.signedUpAt];
			expect(times.every(inYear)).toBe(true);
			expect(c.identities.every((i) => inYear(i.firstSeenAt))).toBe(true);
		}
	});

	it('gives unique message ids, order ids, emails and anonymous ids', () => {
		expect(new Set(shop.events.map((e) => e.messageId)).size).toBe(shop.events.length);
		expect(shop.events[0]?.messageId).toBe('demo-1');
		expect(new Set(shop.orders.map((o) => o.externalId)).size).toBe(shop.orders.length);
		expect(shop.orders.every((o) => /^D-\d{6}$/.test(o.externalId))).toBe(true);
		const emails = shop.customers.flatMap((c) => (c.email ? [c.email] : []));
		expect(new Set(emails).size).toBe(emails.length);
		expect(emails.every((e) => /^[a-z]+\.[a-z]+\d+@example\.com$/.test(e))).toBe(true);
		const anonymousIds = shop.customers.flatMap((c) => c.identities.map((i) => i.anonymousId));
		expect(new Set(anonymousIds).size).toBe(anonymousIds.length);
	});

	it('makes orders whose totals are the sum of their lines', () => {
		for (const order of shop.orders) {
			expect(order.lines.length).toBeGreaterThanOrEqual(1);
			expect(order.lines.length).toBeLessThanOrEqual(4);
			const sum = order.lines.reduce((s, l) => s + l.priceMinor * l.quantity, 0);
			expect(order.totalMinor).toBe(sum);
			expect(new Set(order.lines.map((l) => l.sku)).size).toBe(order.lines.length);
		}
	});

	it('records each web order as one Order Completed event, and no POS order', () => {
		const completed = new Map<string, Record<string, unknown>>();
		for (const e of shop.events)
			if (e.name === 'Order Completed') completed.set(String(e.properties.order_id), e.properties);
		const webOrders = shop.orders.filter((o) => o.source === 'web');
		expect(completed.size).toBe(webOrders.length);
		for (const order of webOrders) {
			const props = completed.get(order.externalId);
			expect(props?.total).toBeCloseTo(order.totalMinor / 100, 6);
			expect(props?.currency).toBe('USD');
			expect((props?.products as unknown[]).length).toBe(order.lines.length);
		}
		for (const order of shop.orders.filter((o) => o.source === 'pos'))
			expect(completed.has(order.externalId)).toBe(false);
	});

	it('refers only to catalogue products, with matching names and categories', () => {
		const bySku = new Map(shop.products.map((p) => [p.sku, p]));
		const mismatches: unknown[] = [];
		let checked = 0;
		for (const e of shop.events) {
			const products = (e.properties.products ?? []) as Record<string, unknown>[];
			const items = e.properties.sku === undefined ? products : [e.properties, ...products];
			for (const item of items) {
				const product = bySku.get(String(item.sku));
				const ok =
					product !== undefined &&
					item.product_id === item.sku &&
					item.name === product.name &&
					item.category === product.category &&
					typeof item.price === 'number' &&
					Number.isInteger(item.quantity);
				if (!ok) mismatches.push(item);
			}
			checked += items.length;
		}
		expect(mismatches).toEqual([]);
		expect(checked).toBeGreaterThan(50_000);
		for (const order of shop.orders)
			for (const line of order.lines) expect(bySku.get(line.sku)?.index).toBe(line.productIndex);
	});

	it('sums each customer up from their own events and orders', () => {
		const events = new Map<number, number[]>();
		for (const e of shop.events) {
			const list = events.get(e.customerIndex) ?? [];
			list.push(e.timestamp);
			events.set(e.customerIndex, list);
		}
		const orders = new Map<number, DemoOrder[]>();
		for (const o of shop.orders)
			orders.set(o.customerIndex, [...(orders.get(o.customerIndex) ?? []), o]);
		for (const c of shop.customers) {
			const own = orders.get(c.index) ?? [];
			const times = [...(events.get(c.index) ?? []), ...own.map((o) => o.placedAt)];
			expect(c.firstSeenAt).toBe(Math.min(...times));
			expect(c.lastSeenAt).toBe(Math.max(...times));
			expect(c.ordersCount).toBe(own.length);
			const revenue = own.filter((o) => o.status === 'completed');
			expect(c.revenueMinor).toBe(revenue.reduce((s, o) => s + o.totalMinor, 0));
			expect(c.firstOrderAt).toBe(own.length ? Math.min(...own.map((o) => o.placedAt)) : null);
			expect(c.lastOrderAt).toBe(own.length ? Math.max(...own.map((o) => o.placedAt)) : null);
		}
	});

	it('keeps anonymous visitors anonymous and identified ones consistent', () => {
		const customers = shop.customers;
		const strangers = shop.events.filter((e) => {
			const c = customers[e.customerIndex]!;
			if (e.userId !== null && e.userId !== c.externalId) return true;
			return e.anonymousId !== null && !c.identities.some((i) => i.anonymousId === e.anonymousId);
		});
		expect(strangers).toEqual([]);
		// Only the back office's refund events come without a device.
		const deviceless = shop.events.filter((e) => e.anonymousId === null);
		expect(deviceless.every((e) => e.name === 'Order Refunded' && e.userId !== null)).toBe(true);
		const anonymous = customers.filter((c) => c.externalId === null);
		expect(anonymous.every((c) => c.archetype === 'browser' && c.email === null)).toBe(true);
		expect(anonymous.length).toBeGreaterThan(400);
		const identified = customers.filter((c) => c.externalId !== null);
		expect(identified.every((c) => /^cust-\d{4}$/.test(c.externalId!) && c.signedUpAt)).toBe(true);
		const granted = identified.filter((c) => c.consent === 'granted').length / identified.length;
		expect(granted).toBeGreaterThan(0.7);
		const birthdays = identified.filter((c) => typeof c.traits.birthday === 'string');
		expect(birthdays.length / identified.length).toBeGreaterThan(0.5);
		expect(birthdays.length / identified.length).toBeLessThan(0.7);
		expect(identified.every((c) => ['en', 'zh-CN'].includes(String(c.traits.locale)))).toBe(true);
		expect(identified.some((c) => c.traits.locale === 'zh-CN')).toBe(true);
	});

	it('behaves like real customers of each kind', () => {
		const by = (kind: DemoArchetype) => shop.customers.filter((c) => c.archetype === kind);
		const orders = (kind: DemoArchetype) => mean(by(kind).map((c) => c.ordersCount));
		expect(by('browser').every((c) => c.ordersCount === 0)).toBe(true);
		expect(by('one_time').every((c) => c.ordersCount === 1)).toBe(true);
		expect(by('occasional').every((c) => c.ordersCount >= 2)).toBe(true);
		expect(orders('loyal')).toBeGreaterThan(2 * orders('occasional'));
		expect(orders('occasional')).toBeGreaterThan(orders('one_time'));
		expect(mean(by('loyal').map((c) => c.rhythmDays!))).toBeLessThan(
			mean(by('occasional').map((c) => c.rhythmDays!))
		);
		// Regulars bought recently; lapsed customers stopped months ago.
		const recentLoyal = by('loyal').filter((c) => NOW - c.lastOrderAt! < 45 * DAY).length;
		expect(recentLoyal / by('loyal').length).toBeGreaterThan(0.8);
		expect(by('lapsed').every((c) => NOW - c.lastOrderAt! > 90 * DAY)).toBe(true);
		expect(mean(by('loyal').map((c) => c.revenueMinor))).toBeGreaterThan(
			3 * mean(by('one_time').map((c) => c.revenueMinor))
		);
	});

	it('gives recommenders signal: favourite categories and a long tail', () => {
		const views = new Map<number, string[]>();
		for (const e of shop.events) {
			if (e.name !== 'Product Viewed') continue;
			const list = views.get(e.customerIndex) ?? [];
			list.push(String(e.properties.category));
			views.set(e.customerIndex, list);
		}
		const favouriteShare = shop.customers.map((c) => {
			const seen = views.get(c.index) ?? [];
			return seen.filter((cat) => c.favouriteCategories.includes(cat)).length / (seen.length || 1);
		});
		expect(mean(favouriteShare)).toBeGreaterThan(0.7);

		const sold = new Map<string, number>();
		for (const o of shop.orders)
			for (const l of o.lines) sold.set(l.sku, (sold.get(l.sku) ?? 0) + l.quantity);
		const counts = [...sold.values()].sort((a, b) => b - a);
		const median = counts[Math.floor(counts.length / 2)]!;
		expect(counts[0]!).toBeGreaterThan(8 * median);
	});
});
