import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { testDatabases } from '../db/testing';
import { seedDemoIfEmpty } from '../demo/seed';
import { recommendationReport, recordRecommendationInteractions } from './attribution-service';
import { forgetCachedModels } from './model-cache';
import {
	recommendForCustomer,
	recommendForProduct,
	recommendForSession
} from './recommendation-service';
import { latestRuns } from './run-repository';
import { requestTraining, trainDueModels } from './training-service';
import { latestModelMeta } from './training-repository';

const DAY = 86_400_000;

// The demo generator gives a small shop with real-looking behaviour; training runs for real in a
// worker thread on the recommender's build (npm test builds before the unit tests).
describe.each(testDatabases())('the recommender in the studio on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	const now = Date.now();

	beforeAll(async () => {
		if (skip) return;
		forgetCachedModels();
		({ db, close } = await open());
		await seedDemoIfEmpty(db, now, { customers: 160, products: 40 });
		ws = (await db.selectFrom('workspace').select('id').executeTakeFirstOrThrow()).id;
	}, 60_000);
	afterAll(async () => {
		forgetCachedModels();
		await close?.();
	});

	async function buyer() {
		return db
			.selectFrom('customer')
			.select(['id', 'external_id'])
			.where('workspace_id', '=', ws)
			.where('orders_count', '>=', 2)
			.where('external_id', 'is not', null)
			.orderBy('id')
			.executeTakeFirstOrThrow();
	}

	it.skipIf(skip)('serves best sellers before the first model', async () => {
		const { external_id } = await buyer();
		const list = await recommendForCustomer(db, ws, {
			userId: external_id,
			n: 4,
			placement: 'home',
			category: null
		});
		expect(list!.model).toBeNull();
		expect(list!.items.length).toBeGreaterThan(0);
		expect(list!.items.every((i) => i.reason.kind === 'popular')).toBe(true);
	});

	it.skipIf(skip)(
		'trains once at a time in a worker and stores the model with offline metrics',
		async () => {
			const first = await requestTraining(db, ws, { trigger: 'manual', requestedBy: null });
			expect(first.ok).toBe(true);
			const again = await requestTraining(db, ws, { trigger: 'manual', requestedBy: null });
			expect(again).toMatchObject({ ok: false, error: { code: 'already_running' } });
			expect(await trainDueModels(db)).toBe(1);
			const [run] = await latestRuns(db, ws, 1);
			expect(run).toMatchObject({ status: 'done', progress: 1, error: null });
			const meta = await latestModelMeta(db, ws);
			expect(meta!.id).toBe(run!.modelId);
			expect(meta!.snapshotBytes).toBeGreaterThan(1000);
			const metrics = readJson<{ k: number; usersEvaluated: number; ndcg: number } | null>(
				meta!.metrics,
				null
			)!;
			expect(metrics).toMatchObject({ k: 10 });
			expect(metrics.usersEvaluated).toBeGreaterThan(0);
			expect(metrics.ndcg).toBeGreaterThan(0);
		},
		60_000
	);

	it.skipIf(skip)(
		'recommends with reasons, never what the customer bought, and a view counts at once',
		async () => {
			const { id, external_id } = await buyer();
			const bought = new Set(
				(
					await db
						.selectFrom('order_line')
						.innerJoin('shop_order', 'shop_order.id', 'order_line.order_id')
						.select('order_line.sku')
						.where('shop_order.customer_id', '=', id)
						.execute()
				).map((r) => r.sku)
			);
			const before = await recommendForCustomer(db, ws, {
				userId: external_id,
				n: 6,
				placement: 'home',
				category: null
			});
			expect(before!.model).not.toBeNull();
			expect(before!.recommendationId).toMatch(/^rec_[\w-]{12}$/);
			expect(before!.items).toHaveLength(6);
			for (const item of before!.items) {
				expect(bought.has(item.sku)).toBe(false);
				expect(item.reason.kind).toBeTruthy();
			}

			// A customer who registered a second ago gets the popular products; one product view
			// later, the very next request is built around it.
			const fresh = await db
				.insertInto('customer')
				.values({
					workspace_id: ws,
					external_id: 'registered-just-now',
					traits: '{}',
					consent: 'unknown',
					first_seen_at: Date.now(),
					last_seen_at: Date.now(),
					created_at: Date.now(),
					updated_at: Date.now()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const ask = () =>
				recommendForCustomer(db, ws, {
					userId: 'registered-just-now',
					n: 4,
					placement: 'home',
					category: null
				});
			const cold = await ask();
			expect(cold!.items.every((i) => ['popular', 'trending'].includes(i.reason.kind))).toBe(true);
			const viewed = cold!.items[0]!.sku;
			await db
				.insertInto('event')
				.values({
					workspace_id: ws,
					message_id: 'fresh-view',
					customer_id: fresh.id,
					anonymous_id: null,
					user_id: 'registered-just-now',
					type: 'track',
					name: 'Product Viewed',
					properties: JSON.stringify({ product_id: viewed }),
					timestamp: Date.now(),
					received_at: Date.now()
				})
				.execute();
			const warm = await ask();
			expect(warm!.items.map((i) => i.sku)).not.toContain(viewed);
			expect(warm!.items[0]!.reason).toMatchObject({ kind: 'because_viewed', sku: viewed });
		}
	);

	it.skipIf(skip)('answers for products and sessions, and 404s an unknown product', async () => {
		const [a, b] = await db
			.selectFrom('product')
			.select('sku')
			.where('workspace_id', '=', ws)
			.orderBy('id')
			.limit(2)
			.execute();
		const similar = await recommendForProduct(db, ws, { sku: a!.sku, n: 3, kind: 'similar' });
		expect(similar.ok && similar.list.items.length).toBe(3);
		expect(similar.ok && similar.list.items.map((i) => i.sku)).not.toContain(a!.sku);
		const together = await recommendForProduct(db, ws, {
			sku: a!.sku,
			n: 3,
			kind: 'bought_together'
		});
		expect(together.ok && together.list.placement).toBe('cart');
		expect(await recommendForProduct(db, ws, { sku: 'NOPE', n: 3, kind: 'similar' })).toEqual({
			ok: false,
			error: { code: 'not_found' }
		});
		const session = await recommendForSession(db, ws, {
			items: [a!.sku, b!.sku, 'unknown'],
			n: 5,
			placement: 'home'
		});
		expect(session!.items).toHaveLength(5);
		expect(session!.items.map((i) => i.sku)).not.toContain(b!.sku);
	});

	it.skipIf(skip)(
		'attributes a purchase to a clicked recommendation within a week, once',
		async () => {
			const { id } = await buyer();
			const sku = await db
				.selectFrom('product')
				.select(['sku', 'price_minor'])
				.where('workspace_id', '=', ws)
				.orderBy('id', 'desc')
				.executeTakeFirstOrThrow();
			const at = Date.now() - DAY;
			const event = (messageId: string, name: string) => ({
				messageId,
				type: 'track',
				name,
				timestamp: at,
				properties: { offer_id: `rec_testtesttest:${sku.sku}`, placement: 'home', position: 1 }
			});
			await recordRecommendationInteractions(
				db,
				ws,
				[
					event('v1', 'Promotion Viewed'),
					event('c1', 'Promotion Clicked'),
					event('junk', 'Promotion Clicked')
				].map((e, i) => (i === 2 ? { ...e, properties: { offer_id: 'best:SKU:home' } } : e)),
				[id, id, id]
			);
			// The same click retried is recorded once.
			await recordRecommendationInteractions(db, ws, [event('c1', 'Promotion Clicked')], [id]);
			for (const [n, placedAt] of [
				[1, at + DAY],
				[2, at + 10 * DAY]
			] as const) {
				const order = await db
					.insertInto('shop_order')
					.values({
						workspace_id: ws,
						external_id: `attr-${n}`,
						customer_id: id,
						source: 'web',
						status: 'completed',
						total_minor: sku.price_minor * 2,
						currency: 'USD',
						placed_at: placedAt,
						created_at: placedAt
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				await db
					.insertInto('order_line')
					.values({
						workspace_id: ws,
						order_id: order.id,
						product_id: null,
						sku: sku.sku,
						name: 'x',
						quantity: 2,
						price_minor: sku.price_minor
					})
					.execute();
			}
			const report = await recommendationReport(db, ws, at + 11 * DAY);
			expect(report).toEqual([
				{
					placement: 'home',
					impressions: 1,
					clicks: 1,
					orders: 1,
					revenueMinor: sku.price_minor * 2,
					ctr: 1,
					conversion: 1
				}
			]);
			// Another workspace sees none of it.
			const other = await db
				.insertInto('workspace')
				.values({
					slug: 'other',
					name: 'Other',
					currency: 'EUR',
					time_zone: 'UTC',
					created_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			expect(await recommendationReport(db, other.id)).toEqual([]);
			const list = await recommendForSession(db, other.id, {
				items: [sku.sku],
				n: 3,
				placement: 'home'
			});
			expect(list!.items).toEqual([]);
		}
	);
});
