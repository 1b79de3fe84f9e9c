import { describe, expect, it } from 'vitest';
import {
	DAY_MS,
	fitRecommender,
	recommend,
	similarItems,
	type InteractionEvent,
	type Product
} from './index.js';

const NOW = Date.UTC(2024, 5, 1);

// Mugs m1..m3 are bought together; tees t1..t3 likewise; p1 is the best-seller nobody pairs.
function events(): InteractionEvent[] {
	const out: InteractionEvent[] = [];
	const buy = (userId: string, itemIds: string[], daysAgo = 10): void => {
		for (const itemId of itemIds) {
			out.push({
				userId,
				itemId,
				type: 'purchase',
				at: NOW - daysAgo * DAY_MS,
				orderId: `${userId}-${daysAgo}`
			});
		}
	};
	for (let u = 0; u < 4; u++) buy(`mug${u}`, ['m1', 'm2', 'm3']);
	for (let u = 0; u < 4; u++) buy(`tee${u}`, ['t1', 't2', 't3']);
	for (let u = 0; u < 6; u++) buy(`p${u}`, ['p1']);
	buy('alice', ['m1'], 3);
	out.push({ userId: 'bob', itemId: 't1', type: 'view', at: NOW });
	return out;
}

const catalogue = new Map<string, Product>(
	[
		{ id: 'm1', category: 'mugs', price: 8 },
		{ id: 'm2', category: 'mugs', price: 9 },
		{ id: 'm3', category: 'mugs', price: 30 },
		{ id: 't1', category: 'tees', price: 15 },
		{ id: 't2', category: 'tees', price: 15 },
		{ id: 't3', category: 'tees', price: 15 },
		{ id: 'p1', category: 'posters', price: 5 },
		{ id: 'new', category: 'posters', price: 5 }
	].map((p) => [p.id, p])
);
const categories = new Map([...catalogue.values()].map((p) => [p.id, p.category as string]));
const model = fitRecommender(events(), {
	itemKnn: { similarity: 'cosine', k: 10, beta: 0 },
	categories,
	now: NOW,
	fbt: { minSupport: 2 }
});
const ids = (list: { itemId: string }[]): string[] => list.map((r) => r.itemId);

describe('recommend', () => {
	it('recommends from history with a "because you bought" reason', () => {
		const recs = recommend(model, { userId: 'alice', n: 2, now: NOW }, { catalogue });
		expect(ids(recs)).toEqual(['m2', 'm3']);
		expect(recs[0]).toMatchObject({
			source: 'item_knn',
			reason: { kind: 'because_bought', itemId: 'm1' }
		});
	});

	it('says "viewed" when the source item was only viewed', () => {
		const recs = recommend(model, { userId: 'bob', n: 1, now: NOW }, { catalogue });
		expect(recs[0]?.reason).toEqual({ kind: 'because_viewed', itemId: 't1' });
	});

	it('recommends to anonymous sessions from the items they touched', () => {
		const recs = recommend(model, { sessionItems: ['t2'], n: 2, now: NOW }, { catalogue });
		expect(ids(recs).sort()).toEqual(['t1', 't3']);
	});

	it('gives similar products for a product page', () => {
		const recs = similarItems(model, 'm3', 2, { catalogue, now: NOW });
		expect(ids(recs).sort()).toEqual(['m1', 'm2']);
		expect(recs[0]?.reason).toEqual({ kind: 'similar_to', itemId: 'm3' });
	});

	it('puts frequently bought together first for a cart', () => {
		const recs = recommend(model, { cartItems: ['t1'], n: 1, now: NOW }, { catalogue });
		expect(recs[0]).toMatchObject({
			source: 'bought_together',
			reason: { kind: 'bought_together', itemId: 't1' }
		});
	});

	it('excludes what was bought within the window, and only then', () => {
		const within = recommend(
			model,
			{ userId: 'alice', n: 8, now: NOW },
			{ catalogue, rules: { excludeBoughtWithinDays: 30 } }
		);
		expect(ids(within)).not.toContain('m1');
		const outside = recommend(
			model,
			{ userId: 'alice', n: 8, now: NOW },
			{ catalogue, rules: { excludeBoughtWithinDays: 1 } }
		);
		expect(ids(outside)).toContain('m1');
		const reported = recommend(
			model,
			{ userId: 'alice', n: 8, now: NOW, recentPurchases: [{ itemId: 'm2', at: NOW }] },
			{ catalogue }
		);
		expect(ids(reported)).not.toContain('m2');
	});

	it('skips out-of-stock and hidden products, and unknown ones when a catalogue is given', () => {
		const stock = new Map(catalogue);
		stock.set('m2', { id: 'm2', category: 'mugs', inStock: false });
		stock.set('m3', { id: 'm3', category: 'mugs', hidden: true });
		stock.delete('t3');
		const recs = recommend(model, { userId: 'alice', n: 8, now: NOW }, { catalogue: stock });
		expect(ids(recs)).not.toContain('m2');
		expect(ids(recs)).not.toContain('m3');
		expect(ids(recs)).not.toContain('t3');
		const allowOut = recommend(
			model,
			{ userId: 'alice', n: 1, now: NOW },
			{ catalogue: stock, rules: { excludeOutOfStock: false } }
		);
		expect(ids(allowOut)).toEqual(['m2']);
	});

	it('applies category and price filters', () => {
		const tees = recommend(
			model,
			{ userId: 'alice', n: 8, now: NOW },
			{ catalogue, rules: { categories: ['tees'] } }
		);
		expect(ids(tees).sort()).toEqual(['t1', 't2', 't3']);
		const cheap = recommend(
			model,
			{ userId: 'alice', n: 8, now: NOW },
			{ catalogue, rules: { maxPrice: 10, excludeCategories: ['posters'] } }
		);
		expect(ids(cheap)).toEqual(['m2']);
	});

	it('caps products per category', () => {
		const recs = recommend(
			model,
			{ userId: 'alice', n: 4, now: NOW },
			{ catalogue, rules: { maxPerCategory: 1 } }
		);
		const perCategory = recs.map((r) => catalogue.get(r.itemId)?.category);
		expect(new Set(perCategory).size).toBe(perCategory.length);
		expect(recs).toHaveLength(3);
	});

	it('pins, boosts and buries per placement', () => {
		const rules = {
			placements: {
				home: [
					{ kind: 'pin' as const, itemId: 'p1', position: 1 },
					{ kind: 'bury' as const, match: { itemIds: ['m2'] } }
				],
				product: [{ kind: 'boost' as const, match: { itemIds: ['t3'] }, factor: 100 }],
				landing: [{ kind: 'boost' as const, match: { categories: ['tees'] }, factor: 2 }]
			}
		};
		const home = recommend(
			model,
			{ userId: 'alice', n: 8, now: NOW, placement: 'home' },
			{ catalogue, rules }
		);
		expect(home[0]?.itemId).toBe('m3');
		expect(home[1]).toMatchObject({ itemId: 'p1', source: 'pinned', reason: { kind: 'pinned' } });
		// Buried: shown only after every other candidate.
		expect(home.at(-1)?.itemId).toBe('m2');
		expect(home).toHaveLength(7);
		// t2 and t3 tie for bob (the lower index wins) until t3 is boosted.
		expect(ids(recommend(model, { userId: 'bob', n: 2, now: NOW }, { catalogue }))).toEqual([
			't2',
			't3'
		]);
		const boosted = recommend(
			model,
			{ userId: 'bob', n: 2, now: NOW, placement: 'product' },
			{ catalogue, rules }
		);
		expect(ids(boosted)).toEqual(['t3', 't2']);
		// In a ranked fallback (cold start), boosted products move ahead.
		const landing = recommend(
			model,
			{ n: 3, now: NOW, placement: 'landing' },
			{ catalogue, rules }
		);
		expect(landing.map((r) => catalogue.get(r.itemId)?.category)).toEqual(['tees', 'tees', 'tees']);
		// Another placement is untouched by home's rules.
		const other = recommend(
			model,
			{ userId: 'alice', n: 2, now: NOW, placement: 'cart' },
			{ catalogue, rules }
		);
		expect(ids(other)).toEqual(['m2', 'm3']);
	});

	it('always returns n when the catalogue allows, falling back to popular and new products', () => {
		for (const request of [
			{ n: 8, now: NOW },
			{ n: 8, userId: 'alice', now: NOW },
			{ n: 8, userId: 'nobody', sessionItems: ['unknown'], now: NOW }
		]) {
			const recs = recommend(model, request, { catalogue });
			// alice bought m1 and it stays excluded: 7 products are all the catalogue allows.
			expect(recs).toHaveLength(request.userId === 'alice' ? 7 : 8);
			expect(new Set(ids(recs)).size).toBe(recs.length);
		}
		// Nobody known: trending first (m1 was bought again 3 days ago).
		const cold = recommend(model, { n: 3, now: NOW }, { catalogue });
		expect(cold[0]).toMatchObject({ itemId: 'm1', reason: { kind: 'trending' } });
		const all = recommend(model, { n: 20, now: NOW }, { catalogue });
		expect(all.at(-1)).toMatchObject({
			itemId: 'new',
			source: 'catalogue',
			reason: { kind: 'featured' }
		});
		expect(recommend(model, { n: 0, now: NOW })).toEqual([]);
	});

	it('explains category fallbacks as "popular in"', () => {
		const recs = recommend(
			model,
			{ userId: 'alice', n: 3, now: NOW },
			{ catalogue, rules: { categories: ['mugs', 'posters'], excludeBoughtWithinDays: 0 } }
		);
		expect(recs.map((r) => r.reason.kind)).toContain('because_bought');
		const fallback = recommend(model, { userId: 'bob', n: 6, now: NOW }, { catalogue });
		expect(
			fallback.some((r) => r.reason.kind === 'popular_in' || r.reason.kind === 'similar_customers')
		).toBe(true);
	});
});
