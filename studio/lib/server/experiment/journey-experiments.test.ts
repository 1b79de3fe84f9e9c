import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyDefinition } from '../../journey/definition';
import { defaultSettings } from '../../journey/definition';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { testDatabases } from '../db/testing';
import { forgetLiveJourneys, processNewEvents } from '../journey/engine-service';
import {
	changeJourneyStatus,
	createJourney,
	publishJourney,
	saveDraft
} from '../journey/journey-service';
import { forgetChannelSettings } from '../messaging/channel-settings-service';
import { configureSecretBox } from '../messaging/secret-box';
import { insertCustomer, insertEvent, insertWorkspace } from '../segment/segment-fixture';
import { getExperiment, listExperiments, startExperiment } from './experiment-service';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const MINUTE = 60_000;

describe.each(testDatabases())(
	'journey A/B splits as experiments on $dialect',
	({ open, skip }) => {
		let db: Db;
		let close: () => Promise<void>;
		let ws = 0;

		beforeAll(async () => {
			if (skip) return;
			configureSecretBox({ secret: 'journey-experiments-test' });
			({ db, close } = await open());
			ws = await insertWorkspace(db, 'split-shop');
		});
		afterAll(async () => {
			forgetLiveJourneys();
			forgetChannelSettings();
			await close?.();
		});

		const exposures = (experimentId: number) =>
			db
				.selectFrom('exposure')
				.select(['unit', 'variant', 'source', 'exposed_at'])
				.where('experiment_id', '=', experimentId)
				.execute();

		function splitJourney(
			weights: [number, number],
			holdout: number,
			withSplit = true
		): JourneyDefinition {
			const split: JourneyDefinition = {
				version: 1,
				nodes: [
					{ id: 'start', type: 'entry_event', event: 'Signed Up', filters: [] },
					{
						id: 'ab',
						type: 'split',
						mode: 'ab',
						variants: [
							{ key: 'a', weight: weights[0] },
							{ key: 'b', weight: weights[1] }
						],
						holdout
					},
					{ id: 'done-a', type: 'exit' },
					{ id: 'done-b', type: 'exit' },
					...(holdout > 0 ? [{ id: 'done-h', type: 'exit' as const }] : [])
				],
				edges: [
					{ from: 'start', output: 'next', to: 'ab' },
					{ from: 'ab', output: 'a', to: 'done-a' },
					{ from: 'ab', output: 'b', to: 'done-b' },
					...(holdout > 0 ? [{ from: 'ab', output: 'holdout', to: 'done-h' }] : [])
				],
				settings: {
					...defaultSettings(),
					reEntry: { kind: 'always' },
					goal: { event: 'Order Completed', filters: [], windowDays: 14 }
				}
			};
			if (withSplit) return split;
			return {
				...split,
				nodes: [split.nodes[0]!, { id: 'done-a', type: 'exit' }],
				edges: [{ from: 'start', output: 'next', to: 'done-a' }]
			};
		}

		it.skipIf(skip)(
			'mirrors A/B splits on publishing and records each run that passes',
			async () => {
				const created = await createJourney(
					db,
					ws,
					{ name: 'Welcome', definition: splitJourney([0.4, 0.4], 0.2) },
					null,
					T0
				);
				if (!created.ok) throw new Error(created.error.message);
				const journeyId = created.value.id;
				const published = await publishJourney(db, ws, journeyId, null, T0);
				expect(published.ok).toBe(true);
				const mirrored = (await listExperiments(db, ws)).find((e) => e.journeyId === journeyId)!;
				expect(mirrored).toMatchObject({
					kind: 'journey',
					key: `journey-${journeyId}-ab`,
					status: 'running',
					journeyName: 'Welcome',
					nodeId: 'ab',
					startedAt: T0
				});
				expect(mirrored.variants.map((v) => [v.key, Number(v.weight.toFixed(6))])).toEqual([
					['a', 0.4],
					['b', 0.4],
					['holdout', 0.2]
				]);
				expect((await getExperiment(db, ws, mirrored.id))!.metric).toEqual({
					event: 'Order Completed',
					windowDays: 14,
					guardrails: []
				});

				forgetLiveJourneys();
				await processNewEvents(db, T0 + MINUTE);
				const people: number[] = [];
				for (let i = 0; i < 30; i++) {
					const id = await insertCustomer(db, ws, { name: `p${i}` });
					people.push(id);
					await insertEvent(db, ws, id, 'Signed Up', T0 + 2 * MINUTE);
				}
				while ((await processNewEvents(db, T0 + 5 * MINUTE)) >= 1000);
				const steps = await db
					.selectFrom('journey_step')
					.select(['customer_id', 'outcome'])
					.where('journey_id', '=', journeyId)
					.where('node_id', '=', 'ab')
					.where('outcome', '!=', 'entered')
					.execute();
				expect(steps).toHaveLength(30);
				const rows = await exposures(mirrored.id);
				// One exposure per run that passed, with the output it took, in the step's own time.
				expect(rows.map((r) => [r.unit, r.variant]).sort()).toEqual(
					steps.map((s) => [`c:${s.customer_id}`, s.outcome]).sort()
				);
				expect(rows.every((r) => r.source === 'journey' && r.exposed_at === T0 + 5 * MINUTE)).toBe(
					true
				);
				expect(new Set(rows.map((r) => r.variant))).toEqual(new Set(['a', 'b', 'holdout']));
				// Journey splits are not for the storefront, nor edited like site experiments.
				expect(await startExperiment(db, ws, mirrored.id)).toEqual({
					ok: false,
					error: { code: 'journey_managed' }
				});

				// Republishing with other weights updates them; the marketer's renamed title stays.
				const renamed = await db
					.updateTable('experiment')
					.set({ name: 'Welcome test' })
					.where('id', '=', mirrored.id)
					.execute();
				expect(renamed).toBeDefined();
				await saveDraft(
					db,
					ws,
					journeyId,
					{ definition: splitJourney([0.3, 0.6], 0.1) },
					T0 + 6 * MINUTE
				);
				expect((await publishJourney(db, ws, journeyId, null, T0 + 6 * MINUTE)).ok).toBe(true);
				let again = (await getExperiment(db, ws, mirrored.id))!;
				expect(again.name).toBe('Welcome test');
				expect(again.variants.map((v) => Number(v.weight.toFixed(6)))).toEqual([0.3, 0.6, 0.1]);
				expect(again.startedAt).toBe(T0);

				// A version without the split stops it; so does archiving.
				await saveDraft(
					db,
					ws,
					journeyId,
					{ definition: splitJourney([0.5, 0.5], 0, false) },
					T0 + 7 * MINUTE
				);
				expect((await publishJourney(db, ws, journeyId, null, T0 + 7 * MINUTE)).ok).toBe(true);
				again = (await getExperiment(db, ws, mirrored.id))!;
				expect(again).toMatchObject({ status: 'stopped', stoppedAt: T0 + 7 * MINUTE });
				await saveDraft(
					db,
					ws,
					journeyId,
					{ definition: splitJourney([0.5, 0.5], 0) },
					T0 + 8 * MINUTE
				);
				expect((await publishJourney(db, ws, journeyId, null, T0 + 8 * MINUTE)).ok).toBe(true);
				again = (await getExperiment(db, ws, mirrored.id))!;
				expect(again).toMatchObject({ status: 'running', stoppedAt: null });
				expect(again.variants.map((v) => v.key)).toEqual(['a', 'b']);
				await changeJourneyStatus(db, ws, journeyId, 'archive', T0 + 9 * MINUTE);
				expect((await getExperiment(db, ws, mirrored.id))!.status).toBe('stopped');
				// Still one row per split.
				const all = await db
					.selectFrom('experiment')
					.select(['id', 'variants'])
					.where('journey_id', '=', journeyId)
					.execute();
				expect(all).toHaveLength(1);
				expect(readJson<unknown[]>(all[0]!.variants, []).length).toBe(2);
			}
		);
	}
);
