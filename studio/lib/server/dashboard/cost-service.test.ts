import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import {
	costSettings,
	removeMonthlyCost,
	saveMonthlyCost,
	saveUnitCosts,
	unitCosts
} from './cost-service';
import { insertJourney, insertShop } from './dashboard-fixture';

const EMPTY = { email: '', webhook: '', offer: '', point: '', conversion: '' };

describe.each(testDatabases())('marketing costs on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let other = 0;
	let journey = 0;
	let otherJourney = 0;

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		ws = await insertShop(db, 'cost-shop');
		other = await insertShop(db, 'cost-other');
		journey = (await insertJourney(db, ws, 'Win-back')).journeyId;
		otherJourney = (await insertJourney(db, other, 'Theirs')).journeyId;
	});
	afterAll(async () => {
		await close?.();
	});

	it.skipIf(skip)('stores unit costs exactly, replaces them and clears empty ones', async () => {
		expect(
			await saveUnitCosts(db, {
				workspaceId: ws,
				currency: 'EUR',
				userId: null,
				values: { ...EMPTY, email: '0.002', conversion: '2.5' }
			})
		).toEqual({ ok: true });
		expect(await unitCosts(db, ws)).toEqual({
			email: 200,
			webhook: 0,
			offer: 0,
			point: 0,
			conversion: 250_000
		});
		await saveUnitCosts(db, {
			workspaceId: ws,
			currency: 'EUR',
			userId: null,
			values: { ...EMPTY, email: '0.003' }
		});
		const settings = await costSettings(db, ws);
		expect(settings.unit).toEqual({
			email: 300,
			webhook: null,
			offer: null,
			point: null,
			conversion: null
		});
		expect(await unitCosts(db, other)).toEqual({
			email: 0,
			webhook: 0,
			offer: 0,
			point: 0,
			conversion: 0
		});
	});

	it.skipIf(skip)('saves nothing while a unit cost is wrong', async () => {
		expect(
			await saveUnitCosts(db, {
				workspaceId: ws,
				currency: 'EUR',
				userId: null,
				values: { ...EMPTY, email: '1', webhook: '-1', point: 'lots' }
			})
		).toEqual({ ok: false, problems: { webhook: 'negative', point: 'invalid' } });
		expect((await unitCosts(db, ws)).email).toBe(300);
	});

	it.skipIf(skip)('keeps one amount per kind, journey and month', async () => {
		const save = (values: { kind: string; month: string; journey: string; amount: string }) =>
			saveMonthlyCost(db, { workspaceId: ws, currency: 'EUR', userId: null, values });
		expect(
			await save({ kind: 'fixed', month: '2026-10', journey: String(journey), amount: '20' })
		).toEqual({
			ok: true
		});
		expect(
			await save({ kind: 'fixed', month: '2026-10', journey: String(journey), amount: '25' })
		).toEqual({
			ok: true
		});
		expect(
			await save({ kind: 'acquisition', month: '2026-10', journey: '', amount: '100' })
		).toEqual({
			ok: true
		});
		// Another workspace's journey is not a choice here.
		expect(
			await save({ kind: 'fixed', month: '2026-10', journey: String(otherJourney), amount: '1' })
		).toEqual({ ok: false, problems: [{ field: 'journey', problem: 'invalid' }] });
		const { monthly } = await costSettings(db, ws);
		expect(
			monthly.map((m) => [m.kind, m.journeyId, m.month, m.amountMilli, m.journeyName])
		).toEqual([
			['acquisition', null, '2026-10', 10_000_000, null],
			['fixed', journey, '2026-10', 2_500_000, 'Win-back']
		]);
		expect((await costSettings(db, other)).monthly).toEqual([]);
	});

	it.skipIf(skip)('removes a monthly cost only in its own workspace', async () => {
		const [cost] = (await costSettings(db, ws)).monthly;
		expect(await removeMonthlyCost(db, other, cost!.id)).toEqual({ ok: false });
		expect(await removeMonthlyCost(db, ws, cost!.id)).toEqual({ ok: true });
		expect(await removeMonthlyCost(db, ws, cost!.id)).toEqual({ ok: false });
		expect((await costSettings(db, ws)).monthly).toHaveLength(1);
	});
});
