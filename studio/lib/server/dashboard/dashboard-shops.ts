/**
 * For tests only: the two shops dashboard-service.test.ts computes by hand, one for lifecycle
 * figures and one for journey ROI, built with dashboard-fixture's helpers and the cost service.
 */
import type { Db } from '../db/connect';
import { saveMonthlyCost, saveUnitCosts } from './cost-service';
import {
	DAY,
	NOW,
	insertBuyer,
	insertJourney,
	insertMessage,
	insertOrder,
	insertPoints,
	insertRun,
	insertShop
} from './dashboard-fixture';

const UNITS = { email: '', webhook: '', offer: '', point: '', conversion: '' };

/**
 * The lifecycle shop. NOW is 2026-11-20 12:00 UTC; with the 90-day period the period starts
 * 2026-08-22 12:00. Orders (all completed unless noted, at midnight UTC):
 *
 *   ana  2026-09-05 10 000, 10-05 5 000, 11-05 5 000 (+ a refunded 10-10 order: ignored)   core
 *   bo   2026-03-10 8 000, 09-10 12 000                                                 regular
 *   cy   2026-10-15 4 000                                                               potential
 *   di   2026-01-10, 02-10, 03-10, 6 000 each                                           lost
 *   ed   2026-06-01 3 000                                                               lost
 *   fay  2026-07-01, 07-11, 07-21, 2 000 each                                           potential
 *   hal  2025-06-01 7 000, 2026-10-20 7 000                                             regular
 *   gus  no orders, first seen 2026-04-01 (a prospect)
 *   plus an order without a customer on 2026-10-01 (99 999): never counted.
 *
 * Fewer than 20 repeat buyers, so the stage rules use the default 90-day gap for one-order
 * customers: declining from 135 days, churned from 270.
 */
export async function lifecycleShop(db: Db, slug: string) {
	const ws = await insertShop(db, slug);
	const ids = {
		ana: await insertBuyer(db, ws, {
			name: 'ana',
			tier: 'core',
			orders: [
				['2026-09-05', 10_000],
				['2026-10-05', 5_000],
				['2026-10-10', 9_999, 'refunded'],
				['2026-11-05', 5_000]
			]
		}),
		bo: await insertBuyer(db, ws, {
			name: 'bo',
			tier: 'regular',
			orders: [
				['2026-03-10', 8_000],
				['2026-09-10', 12_000]
			]
		}),
		cy: await insertBuyer(db, ws, {
			name: 'cy',
			tier: 'potential',
			orders: [['2026-10-15', 4_000]]
		}),
		di: await insertBuyer(db, ws, {
			name: 'di',
			tier: 'lost',
			orders: [
				['2026-01-10', 6_000],
				['2026-02-10', 6_000],
				['2026-03-10', 6_000]
			]
		}),
		ed: await insertBuyer(db, ws, { name: 'ed', tier: 'lost', orders: [['2026-06-01', 3_000]] }),
		fay: await insertBuyer(db, ws, {
			name: 'fay',
			tier: 'potential',
			orders: [
				['2026-07-01', 2_000],
				['2026-07-11', 2_000],
				['2026-07-21', 2_000]
			]
		}),
		gus: await insertBuyer(db, ws, { name: 'gus', orders: [], firstSeen: '2026-04-01' }),
		hal: await insertBuyer(db, ws, {
			name: 'hal',
			tier: 'regular',
			orders: [
				['2025-06-01', 7_000],
				['2026-10-20', 7_000]
			]
		})
	};
	await insertOrder(db, ws, null, '2026-10-01', 99_999);
	// Acquisition spend: August 100.00, September 300.00, October 150.50; none for November.
	for (const [month, amount] of [
		['2026-08', '100'],
		['2026-09', '300'],
		['2026-10', '150.50']
	])
		await saveMonthlyCost(db, {
			workspaceId: ws,
			currency: 'EUR',
			userId: null,
			values: { kind: 'acquisition', month: month!, journey: '', amount: amount! }
		});
	return { ws, ids };
}

/**
 * The ROI shop. Post-purchase (J1) has 4 runs through it and 4 held out, all entering 30 days
 * before NOW; it has no goal, so a conversion is a completed order within 7 days of entering and
 * revenue counts those orders:
 *   treated: t1 10 000 (day 1), t2 6 000 (day 2), t3 nothing, t4 4 000 on day 8 (outside)
 *            -> revenue per run [10 000, 6 000, 0, 0], mean 4 000; 2 conversions
 *   holdout: h1 2 000 (day 3), h2..h4 nothing -> [2 000, 0, 0, 0], mean 500; 1 conversion
 *   incremental revenue = (4 000 - 500) x 4 = 14 000; incremental conversions = (0.5 - 0.25) x 4 = 1.
 * Costs (EUR, cents): email 0.002 (200 milli), webhook 0.001 (100 milli), offer none, point 0.01
 * (1 000 milli), conversion 2.50 (250 000 milli); J1 fixed 20.00 in October and November (and
 * December, not yet counted). J1 sent 3 emails (a 4th failed), 2 webhooks (a 3rd is pending) and
 * 1 offer, awarded 2 x 50 points, and 2 runs converted:
 *   0.6 + 0.2 + 0 + 100 + 500 + 4 000 = 4 600.8 cents; ROI = (14 000 - 4 600.8) / 4 600.8.
 * Welcome (J2) has 2 runs and no holdout: no comparison; 1 email and 5.00 fixed = 500.2 cents.
 */
export async function roiShop(db: Db, slug: string) {
	const ws = await insertShop(db, slug);
	const entered = NOW - 30 * DAY;
	const j1 = await insertJourney(db, ws, 'Post-purchase');
	const j2 = await insertJourney(db, ws, '=Welcome, "new" friends');
	await insertJourney(db, ws, 'Never published', { published: false });
	const treated: [string, number | null, number, 'converted' | 'completed' | 'active'][] = [
		['t1', 10_000, 1, 'converted'],
		['t2', 6_000, 2, 'converted'],
		['t3', null, 0, 'completed'],
		['t4', 4_000, 8, 'active']
	];
	const runs: number[] = [];
	for (const [name, total, day, status] of treated) {
		const id = await insertBuyer(db, ws, { name, orders: [], firstSeen: '2026-01-01' });
		if (total !== null) await insertOrder(db, ws, id, entered + day * DAY, total);
		runs.push(await insertRun(db, ws, j1, id, status, entered));
	}
	for (const [name, total] of [
		['h1', 2_000],
		['h2', null],
		['h3', null],
		['h4', null]
	] as const) {
		const id = await insertBuyer(db, ws, { name, orders: [], firstSeen: '2026-01-01' });
		if (total !== null) await insertOrder(db, ws, id, entered + 3 * DAY, total);
		await insertRun(db, ws, j1, id, 'holdout', entered);
	}
	for (const name of ['w1', 'w2']) {
		const id = await insertBuyer(db, ws, { name, orders: [], firstSeen: '2026-01-01' });
		await insertRun(db, ws, j2, id, 'completed', entered);
	}
	for (const [channel, status] of [
		['email', 'sent'],
		['email', 'sent'],
		['email', 'sent'],
		['email', 'failed'],
		['webhook', 'sent'],
		['webhook', 'sent'],
		['webhook', 'pending'],
		['offer', 'sent']
	] as const)
		await insertMessage(db, ws, j1.journeyId, channel, status);
	await insertMessage(db, ws, j2.journeyId, 'email', 'sent');
	await insertMessage(db, ws, null, 'email', 'sent');
	const customer = (
		await db
			.selectFrom('customer')
			.select('id')
			.where('workspace_id', '=', ws)
			.executeTakeFirstOrThrow()
	).id;
	await insertPoints(db, ws, customer, 50, `j${j1.journeyId}:e${runs[0]}:award:1`);
	await insertPoints(db, ws, customer, 50, `j${j1.journeyId}:e${runs[1]}:award:1`);
	// Another journey's id that merely starts with J1's digits, and a non-journey credit.
	await insertPoints(db, ws, customer, 999, `j${j1.journeyId}0:e1:award:1`);
	await insertPoints(db, ws, customer, 5, 'import:1');
	const units = await saveUnitCosts(db, {
		workspaceId: ws,
		currency: 'EUR',
		userId: null,
		values: { ...UNITS, email: '0.002', webhook: '0.001', point: '0.01', conversion: '2.50' }
	});
	if (!units.ok) throw new Error('unit costs refused');
	for (const [journey, month, amount] of [
		[j1.journeyId, '2026-10', '20'],
		[j1.journeyId, '2026-11', '20'],
		[j1.journeyId, '2026-12', '20'],
		[j2.journeyId, '2026-11', '5']
	] as const) {
		const saved = await saveMonthlyCost(db, {
			workspaceId: ws,
			currency: 'EUR',
			userId: null,
			values: { kind: 'fixed', month, journey: String(journey), amount }
		});
		if (!saved.ok) throw new Error('fixed cost refused');
	}
	// Spend in this shop must not reach the lifecycle shop's CAC.
	await saveMonthlyCost(db, {
		workspaceId: ws,
		currency: 'EUR',
		userId: null,
		values: { kind: 'acquisition', month: '2026-09', journey: '', amount: '999' }
	});
	return { ws, j1: j1.journeyId, j2: j2.journeyId };
}
