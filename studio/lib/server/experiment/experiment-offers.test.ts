import { assignVariant } from '@regulars/sdk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { offersFor } from '../offer/offer-service';
import { parseInteraction } from '../recommender/interactions';
import { forgetCachedModels } from '../recommender/model-cache';
import { insertCustomer, insertWorkspace } from '../segment/segment-fixture';
import {
	createExperiment,
	rollOutWinner,
	sdkExperiments,
	startExperiment
} from './experiment-service';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

describe.each(testDatabases())(
	'experiment offers in the SDK slot on $dialect',
	({ open, skip }) => {
		let db: Db;
		let close: () => Promise<void>;
		let ws = 0;
		let experimentId = 0;
		let buyer = 0;
		/** Anonymous ids the SDK core puts in each variant. */
		const units: Record<string, string> = {};

		beforeAll(async () => {
			if (skip) return;
			forgetCachedModels();
			({ db, close } = await open());
			ws = await insertWorkspace(db, 'slot-shop');
			for (const sku of ['A', 'B', 'C'])
				await db
					.insertInto('product')
					.values({
						workspace_id: ws,
						sku,
						name: `Product ${sku}`,
						category: null,
						price_minor: 1000,
						image_url: `/img/${sku}.jpg`,
						url: `/p/${sku}`,
						in_stock: 1,
						created_at: T0,
						updated_at: T0
					})
					.execute();
			buyer = await insertCustomer(db, ws, { name: 'buyer' });
			const made = await createExperiment(
				db,
				{
					workspaceId: ws,
					key: 'slot-test',
					name: 'Slot test',
					coverage: 1,
					createdBy: null,
					variants: [
						{ key: 'control', name: 'Control', weight: 0.5 },
						{
							key: 'bundle',
							name: 'Bundle',
							weight: 0.5,
							offer: { title: 'Better together', body: 'Both for less', skus: ['B', 'GONE', 'A'] }
						}
					]
				},
				T0
			);
			if (!made.ok) throw new Error(made.error.code);
			experimentId = made.id;
			await startExperiment(db, ws, experimentId, T0);
			const config = (await sdkExperiments(db, ws)).find((e) => e.key === 'slot-test')!;
			for (let i = 0; Object.keys(units).length < 2; i++) {
				const unit = `visitor-${i}`;
				const variant = config.variants[assignVariant(config, unit)]!.key;
				units[variant] ??= unit;
			}
			await db
				.insertInto('identity')
				.values({
					workspace_id: ws,
					anonymous_id: units.bundle!,
					customer_id: buyer,
					created_at: T0
				})
				.execute();
		});
		afterAll(async () => {
			forgetCachedModels();
			await close?.();
		});

		const offers = (anonymousId: string | null, limit = 4) =>
			offersFor(
				db,
				{
					workspaceId: ws,
					placement: 'home',
					userId: null,
					anonymousId,
					limit,
					origin: 'https://studio.test'
				},
				T0 + 1000
			);

		const exposures = () =>
			db
				.selectFrom('exposure')
				.select(['unit', 'variant', 'customer_id', 'source'])
				.where('experiment_id', '=', experimentId)
				.orderBy('unit')
				.execute();

		it.skipIf(skip)(
			'shows the assigned variant’s offer first and records the exposure',
			async () => {
				const shown = await offers(units.bundle!);
				expect(shown.slice(0, 2).map((o) => o.id)).toEqual([
					`ex_${experimentId}_bundle:B`,
					`ex_${experimentId}_bundle:A`
				]);
				expect(shown[0]).toMatchObject({
					reason: 'experiment_offer',
					message: { title: 'Better together', body: 'Both for less' },
					product: { sku: 'B', imageUrl: 'https://studio.test/img/B.jpg', url: '/p/B' }
				});
				expect(shown[1]!.message).toBeUndefined();
				// The control sees the slot as usual (no experiment cards), and is exposed all the same.
				const control = await offers(units.control!);
				expect(control.some((o) => o.id.startsWith('ex_'))).toBe(false);
				// Without an anonymous id (no consent) there is nothing to assign by.
				expect((await offers(null)).some((o) => o.id.startsWith('ex_'))).toBe(false);
				// Asking again changes nothing.
				await offers(units.bundle!);
				expect(await exposures()).toEqual([
					{ unit: units.bundle, variant: 'bundle', customer_id: buyer, source: 'sdk' },
					{ unit: units.control, variant: 'control', customer_id: null, source: 'sdk' }
				]);
				// Impressions and clicks of these cards go through tracking like any promotion: they are
				// not read as a recommendation, and nothing breaks on the id.
				for (const offer of shown)
					expect(
						parseInteraction({
							type: 'track',
							name: 'Promotion Clicked',
							properties: { offer_id: offer.id, placement: 'home' }
						})
					).toBeNull();
				expect(new Set(shown.map((o) => o.id)).size).toBe(shown.length);
			}
		);

		it.skipIf(skip)('keeps within the limit', async () => {
			expect((await offers(units.bundle!, 1)).map((o) => o.id)).toEqual([
				`ex_${experimentId}_bundle:B`
			]);
		});

		it.skipIf(skip)('serves a rolled-out winner to everyone without new exposures', async () => {
			await rollOutWinner(db, ws, experimentId, 'bundle', T0 + 2000);
			const before = (await exposures()).length;
			const shown = await offers('someone-new');
			expect(shown[0]!.id).toBe(`ex_${experimentId}_bundle:B`);
			expect((await exposures()).length).toBe(before);
		});
	}
);
