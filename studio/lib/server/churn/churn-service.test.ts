import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCustomerListQuery } from '../../customer/list-query';
import { customersPage } from '../customer/customer-service';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { insertCustomer } from '../segment/segment-fixture';
import { createSegment, refreshSegmentsForCustomers } from '../segment/segment-service';
import {
	NOW,
	buildChurnShop,
	insertOrders,
	insertWorkspace,
	rhythm,
	type ChurnShop
} from './churn-fixture';
import { refreshChurnRisk } from './churn-service';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe.each(testDatabases())('churn risk on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let workspaceId: number;
	let otherWorkspaceId: number;
	let shop: ChurnShop;
	let prospect: number;
	let refundedOnly: number;
	let outsider: number;

	const risks = async (ids: number[]) => {
		const rows = await db
			.selectFrom('customer')
			.select(['id', 'churn_risk'])
			.where('id', 'in', ids)
			.execute();
		const byId = new Map(rows.map((r) => [Number(r.id), r.churn_risk]));
		return ids.map((id) => byId.get(id) ?? null);
	};

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		workspaceId = await insertWorkspace(db, 'churn-a');
		otherWorkspaceId = await insertWorkspace(db, 'churn-b');
		shop = await buildChurnShop(db, workspaceId);
		// A stale score on someone who never ordered, and one whose only order was refunded.
		prospect = await insertCustomer(db, workspaceId, { name: 'prospect', churn: 0.9 });
		refundedOnly = await insertCustomer(db, workspaceId, { name: 'refunded', churn: 0.5 });
		await insertOrders(db, workspaceId, refundedOnly, [20], 'refunded');
		outsider = await insertCustomer(db, otherWorkspaceId, { name: 'outsider', churn: 0.42 });
		await insertOrders(db, otherWorkspaceId, outsider, rhythm(30, 300));
	});
	afterAll(async () => close?.());

	it.skipIf(skip)('learns that customers who stopped buying are at risk', async () => {
		const segment = await createSegment(
			db,
			{
				workspaceId,
				name: 'At risk',
				definition: {
					version: 1,
					marketing: false,
					root: {
						type: 'group',
						op: 'and',
						children: [{ type: 'fact', fact: 'churn_risk', operator: 'gt', value: 0.5 }]
					}
				},
				createdBy: null
			},
			NOW
		);
		if (!segment.ok) throw new Error(segment.error);
		// Only the stale score of the prospect, before the refresh clears it.
		expect(segment.memberCount).toBe(1);

		const result = await refreshChurnRisk(db, workspaceId, NOW);
		expect(result.method).toBe('knn');
		expect(result.scored).toBe(200);
		// 200 labelled customers: 40 held out, 160 trained on.
		expect(result.trainedOn).toBe(160);
		expect(result.auc).toBeGreaterThan(0.8);
		expect(result.ruleAuc).toBeGreaterThan(0.5);

		const regular = (await risks(shop.regulars)) as number[];
		const stopped = (await risks(shop.stopped)) as number[];
		for (const risk of [...regular, ...stopped]) {
			expect(risk).toBeGreaterThanOrEqual(0);
			expect(risk).toBeLessThanOrEqual(1);
		}
		expect(mean(stopped)).toBeGreaterThan(0.7);
		expect(mean(regular)).toBeLessThan(0.3);
		expect(mean(stopped) - mean(regular)).toBeGreaterThan(0.5);

		// Prospects are not at risk of anything; a stale score is cleared.
		expect(await risks([prospect, refundedOnly])).toEqual([null, null]);
		// Another workspace is untouched.
		expect(await risks([outsider])).toEqual([0.42]);

		// The job refreshes segments with the changed customers: "churn_risk > 0.5" follows.
		await refreshSegmentsForCustomers(db, workspaceId, result.changedIds, NOW);
		const members = await db
			.selectFrom('segment_membership')
			.select('customer_id')
			.where('segment_id', '=', segment.id)
			.execute();
		const scored = await db
			.selectFrom('customer')
			.select(['id', 'churn_risk'])
			.where('workspace_id', '=', workspaceId)
			.execute();
		const expected = scored.filter((c) => (c.churn_risk ?? 0) > 0.5).map((c) => Number(c.id));
		expect(members.map((m) => Number(m.customer_id)).sort((a, b) => a - b)).toEqual(
			expected.sort((a, b) => a - b)
		);
		const inSegment = new Set(expected);
		expect(shop.stopped.filter((id) => inSegment.has(id)).length).toBeGreaterThan(
			0.8 * shop.stopped.length
		);
		expect(shop.regulars.filter((id) => inSegment.has(id)).length).toBeLessThan(
			0.1 * shop.regulars.length
		);
	});

	it.skipIf(skip)('stores the same scores when run again on the same data', async () => {
		const before = await risks([...shop.regulars, ...shop.stopped]);
		const again = await refreshChurnRisk(db, workspaceId, NOW);
		expect(again.changedIds).toEqual([]);
		expect(await risks([...shop.regulars, ...shop.stopped])).toEqual(before);
		expect(await risks([prospect, outsider])).toEqual([null, 0.42]);
	});

	it.skipIf(skip)('sorts the customers list by risk, unscored customers last', async () => {
		for (const dir of ['desc', 'asc'] as const) {
			const query = parseCustomerListQuery(new URLSearchParams(`sort=churn_risk&dir=${dir}`));
			const { rows, pages } = await customersPage(db, workspaceId, { ...query, page: 1 });
			const last = await customersPage(db, workspaceId, { ...query, page: pages });
			const risks = rows.map((r) => r.churnRisk as number);
			expect(risks).toEqual([...risks].sort((a, b) => (dir === 'desc' ? b - a : a - b)));
			expect(last.rows.slice(-2).map((r) => r.churnRisk)).toEqual([null, null]);
		}
	});

	it.skipIf(skip)('falls back to the rhythm rule on a tiny shop', async () => {
		const tiny = await insertWorkspace(db, 'churn-tiny');
		const steady = await insertCustomer(db, tiny, { name: 'steady' });
		await insertOrders(db, tiny, steady, rhythm(20, 5));
		const lapsed = await insertCustomer(db, tiny, { name: 'lapsed' });
		await insertOrders(db, tiny, lapsed, rhythm(20, 120));
		const once = await insertCustomer(db, tiny, { name: 'once' });
		await insertOrders(db, tiny, once, [10]);
		const nobody = await insertCustomer(db, tiny, { name: 'nobody' });

		const result = await refreshChurnRisk(db, tiny, NOW);
		expect(result).toMatchObject({ method: 'rule', reason: 'too_few', trainedOn: 0, scored: 3 });
		expect(result.auc).toBeUndefined();
		const [s, l, o, n] = await risks([steady, lapsed, once, nobody]);
		// Five days into a 20-day rhythm: low; six gaps overdue: high.
		expect(s).toBeLessThan(0.3);
		expect(l).toBeGreaterThanOrEqual(0.6);
		// One order ten days ago, against the default 90-day gap: low.
		expect(o).toBeLessThan(0.3);
		expect(n).toBeNull();
		expect(await risks([outsider])).toEqual([0.42]);
	});
});
