import { assignVariant } from '@regulars/sdk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { insertCustomer, insertWorkspace } from '../segment/segment-fixture';
import { sdkConfig } from '../offer/offer-service';
import {
	createExperiment,
	deleteExperiment,
	getExperiment,
	listExperiments,
	rollOutWinner,
	sdkExperiments,
	startExperiment,
	stopExperiment,
	updateExperiment
} from './experiment-service';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

const variants = [
	{ key: 'control', name: 'Control', weight: 0.5 },
	{
		key: 'offer',
		name: 'Offer',
		weight: 0.5,
		offer: { title: ' Ten percent off ', body: 'Today only', skus: ['A', 'A', 'B'] }
	}
];

describe.each(testDatabases())('experiment lifecycle on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let other = 0;
	let segment = 0;
	let member = 0;
	let outsider = 0;

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		ws = await insertWorkspace(db, 'exp-shop');
		other = await insertWorkspace(db, 'exp-other');
		member = await insertCustomer(db, ws, { name: 'member' });
		outsider = await insertCustomer(db, ws, { name: 'outsider' });
		const seg = await db
			.insertInto('segment')
			.values({
				workspace_id: ws,
				name: 'VIPs',
				definition: '{}',
				created_by: null,
				created_at: T0,
				updated_at: T0
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		segment = Number(seg.id);
		await db
			.insertInto('segment_membership')
			.values({ workspace_id: ws, segment_id: segment, customer_id: member, entered_at: T0 })
			.execute();
		await db
			.insertInto('identity')
			.values([
				{ workspace_id: ws, anonymous_id: 'anon-member', customer_id: member, created_at: T0 },
				{ workspace_id: ws, anonymous_id: 'anon-outsider', customer_id: outsider, created_at: T0 }
			])
			.execute();
	});
	afterAll(async () => close?.());

	const create = (workspaceId: number, key: string, extra: object = {}) =>
		createExperiment(
			db,
			{ workspaceId, key, name: `Test ${key}`, variants, coverage: 1, createdBy: null, ...extra },
			T0
		);

	it.skipIf(skip)('creates drafts, refusing bad input, taken and reserved keys', async () => {
		const made = await create(ws, 'banner', { description: ' Why ', metric: null });
		expect(made.ok).toBe(true);
		if (!made.ok) return;
		const detail = await getExperiment(db, ws, made.id);
		expect(detail).toMatchObject({
			key: 'banner',
			kind: 'site',
			status: 'draft',
			description: 'Why',
			metric: { event: 'Order Completed', windowDays: 7, guardrails: [] },
			metricIsDefault: true,
			units: 0,
			winner: null
		});
		// Offers are stored tidied: trimmed, SKUs once each.
		expect(detail!.variants[1]!.offer).toEqual({
			title: 'Ten percent off',
			body: 'Today only',
			skus: ['A', 'B']
		});
		expect(await create(ws, 'banner')).toEqual({ ok: false, error: { code: 'key_taken' } });
		// The same key in another workspace is another experiment.
		expect((await create(other, 'banner')).ok).toBe(true);
		const reserved = await create(ws, 'journey-1-split');
		expect(!reserved.ok && reserved.error).toEqual({ code: 'invalid', problems: ['key_reserved'] });
		const bad = await create(ws, 'Bad Key', {
			metric: { event: '', windowDays: 0, guardrails: ['x', 'x'] },
			variants: [{ key: 'a', name: 'A', weight: 1, offer: { title: '', body: '', skus: [] } }]
		});
		expect(!bad.ok && bad.error.code === 'invalid' && bad.error.problems).toEqual(
			expect.arrayContaining([
				'key_invalid',
				'variants_count',
				'metric_event_missing',
				'metric_window_invalid',
				'guardrail_invalid',
				'offer_title_missing',
				'offer_skus_invalid'
			])
		);
		const noSegment = await create(ws, 'targeted-x', { segmentId: 999_999 });
		expect(noSegment).toEqual({ ok: false, error: { code: 'segment_not_found' } });
		// Another workspace's segment is no segment here.
		expect(await create(other, 'targeted', { segmentId: segment })).toEqual({
			ok: false,
			error: { code: 'segment_not_found' }
		});
	});

	it.skipIf(skip)('edits variants only in a draft; name and metric any time', async () => {
		const made = await create(ws, 'edits');
		if (!made.ok) throw new Error('create');
		const id = made.id;
		const edited = await updateExperiment(
			db,
			ws,
			id,
			{ coverage: 0.5, variants: [...variants, { key: 'third', name: 'Third', weight: 0 }] },
			T0 + 1
		);
		expect(edited.ok && edited.value.variants.map((v) => v.key)).toEqual([
			'control',
			'offer',
			'third'
		]);
		expect(edited.ok && edited.value.coverage).toBe(0.5);
		expect((await startExperiment(db, ws, id, T0 + 2)).ok).toBe(true);
		expect(await startExperiment(db, ws, id, T0 + 3)).toEqual({
			ok: false,
			error: { code: 'not_draft' }
		});
		expect(await updateExperiment(db, ws, id, { coverage: 1 }, T0 + 4)).toEqual({
			ok: false,
			error: { code: 'not_draft' }
		});
		expect(await updateExperiment(db, ws, id, { segmentId: segment }, T0 + 4)).toEqual({
			ok: false,
			error: { code: 'not_draft' }
		});
		// A form sending the same variants back along with a new name is fine.
		const current = (await getExperiment(db, ws, id))!;
		const renamed = await updateExperiment(
			db,
			ws,
			id,
			{
				name: 'Renamed',
				variants: current.variants,
				coverage: current.coverage,
				metric: { event: 'Product Added', windowDays: 3, guardrails: ['Unsubscribed'] }
			},
			T0 + 5
		);
		expect(renamed.ok && renamed.value).toMatchObject({
			name: 'Renamed',
			metric: { event: 'Product Added', windowDays: 3, guardrails: ['Unsubscribed'] },
			metricIsDefault: false
		});
		expect(await updateExperiment(db, ws, id, { name: ' ' })).toMatchObject({
			ok: false,
			error: { code: 'invalid', problems: ['name_missing'] }
		});
		expect(await deleteExperiment(db, ws, id)).toEqual({ ok: false, error: { code: 'not_draft' } });
		expect(await stopExperiment(db, ws, id, T0 + 6)).toMatchObject({
			ok: true,
			value: { status: 'stopped', stoppedAt: T0 + 6, startedAt: T0 + 2 }
		});
		expect(await stopExperiment(db, ws, id, T0 + 7)).toEqual({
			ok: false,
			error: { code: 'not_running' }
		});
		const draft = await create(ws, 'throwaway');
		if (!draft.ok) throw new Error('create');
		expect(await deleteExperiment(db, ws, draft.id)).toEqual({ ok: true, value: null });
		expect(await getExperiment(db, ws, draft.id)).toBeNull();
	});

	it.skipIf(skip)('keeps every query in its workspace', async () => {
		const mine = await create(ws, 'isolated');
		if (!mine.ok) throw new Error('create');
		expect(await getExperiment(db, other, mine.id)).toBeNull();
		expect(await updateExperiment(db, other, mine.id, { name: 'x' })).toEqual({
			ok: false,
			error: { code: 'not_found' }
		});
		expect(await startExperiment(db, other, mine.id)).toEqual({
			ok: false,
			error: { code: 'not_found' }
		});
		expect(await deleteExperiment(db, other, mine.id)).toEqual({
			ok: false,
			error: { code: 'not_found' }
		});
		expect(await rollOutWinner(db, other, mine.id, 'offer')).toEqual({
			ok: false,
			error: { code: 'not_found' }
		});
		expect((await listExperiments(db, other)).map((e) => e.key)).toEqual(['banner']);
	});

	it.skipIf(skip)('rolls out the winner: the SDK then gives everyone that variant', async () => {
		const made = await create(ws, 'rollout');
		if (!made.ok) throw new Error('create');
		expect(await rollOutWinner(db, ws, made.id, 'offer')).toEqual({
			ok: false,
			error: { code: 'not_running' }
		});
		await startExperiment(db, ws, made.id, T0);
		let config = (await sdkExperiments(db, ws)).find((e) => e.key === 'rollout')!;
		expect(config.variants).toEqual([
			{ key: 'control', weight: 0.5 },
			{ key: 'offer', weight: 0.5 }
		]);
		// The storefront never sees offers, names or anything but assignment.
		expect(Object.keys(config).sort()).toEqual([
			'coverage',
			'hashVersion',
			'key',
			'seed',
			'variants'
		]);
		expect(await rollOutWinner(db, ws, made.id, 'nope')).toEqual({
			ok: false,
			error: { code: 'unknown_variant' }
		});
		const rolled = await rollOutWinner(db, ws, made.id, 'offer', T0 + 10);
		expect(rolled.ok && rolled.value).toMatchObject({
			status: 'stopped',
			winner: 'offer',
			stoppedAt: T0 + 10
		});
		config = (await sdkExperiments(db, ws)).find((e) => e.key === 'rollout')!;
		expect(config).toMatchObject({ coverage: 1, variants: [{ key: 'offer', weight: 1 }] });
		for (const unit of ['a', 'b', 'c', 'visitor-42', 'zz'])
			expect(config.variants[assignVariant(config, unit)]!.key).toBe('offer');
		// Stopped without a winner: gone from the SDK (default experience).
		expect((await sdkExperiments(db, ws)).map((e) => e.key)).not.toContain('edits');
	});

	it.skipIf(skip)('targets a segment: only known members get the experiment', async () => {
		const made = await create(ws, 'vip-only', { segmentId: segment });
		if (!made.ok) throw new Error('create');
		await startExperiment(db, ws, made.id, T0);
		const keys = async (visitor: { userId: string | null; anonymousId: string | null }) =>
			(await sdkConfig(db, ws, visitor))!.experiments.map((e) => e.key);
		expect(await keys({ userId: null, anonymousId: 'anon-member' })).toContain('vip-only');
		expect(await keys({ userId: 'member', anonymousId: null })).toContain('vip-only');
		expect(await keys({ userId: null, anonymousId: 'anon-outsider' })).not.toContain('vip-only');
		expect(await keys({ userId: null, anonymousId: 'never-seen' })).not.toContain('vip-only');
		expect(await keys({ userId: null, anonymousId: null })).not.toContain('vip-only');
		// Untargeted ones go to everyone.
		expect(await keys({ userId: null, anonymousId: null })).toContain('rollout');
		// Another workspace's member list means nothing here.
		expect(
			(await sdkConfig(db, other, { userId: 'member', anonymousId: null }))!.experiments
		).toEqual([]);
	});

	it.skipIf(skip)('lists site experiments with their segment and status', async () => {
		const list = await listExperiments(db, ws);
		const vip = list.find((e) => e.key === 'vip-only')!;
		expect(vip).toMatchObject({
			kind: 'site',
			status: 'running',
			segmentId: segment,
			segmentName: 'VIPs',
			journeyId: null,
			units: 0,
			unitsByVariant: {}
		});
		expect(list.find((e) => e.key === 'rollout')).toMatchObject({ winner: 'offer' });
	});
});
