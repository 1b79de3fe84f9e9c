import { churnFeatures, churnedAfter, DAY_MS, type Order } from '@regulars/recommender';
import { parseLifecycleRules } from '../../customer/lifecycle';
import { lifecycleRulesOf, medianGapDays } from '../customer/facts-repository';
import { chunks } from '../db/chunks';
import type { Db } from '../db/connect';
import {
	fitChurn,
	holdoutAuc,
	knnScorer,
	scoreInSlices,
	sliceSize,
	type Labelled,
	type Scorable
} from './churn-model';
import { completedOrdersOf, customersWithRisk, writeChurnRisks } from './churn-repository';
import { ruleCurve, ruleRisk } from './churn-rule';

/** Churn means no completed order in this many days; also the training look-back. */
export const CHURN_WINDOW_DAYS = 90;

export interface ChurnRefresh {
	method: 'knn' | 'rule';
	/** Why the rule scored: too few labelled customers, or all of them with one outcome. */
	reason?: 'too_few' | 'one_class';
	/** Customers the k-NN model was trained on; 0 for the rule. */
	trainedOn: number;
	/** Customers given a risk (those with at least one completed order). */
	scored: number;
	/** The k-NN model's AUC on held-out customers, when there were enough of both kinds. */
	auc?: number;
	/** The rule's AUC on the same customers: what the model has to beat. */
	ruleAuc?: number;
	/** Customers whose stored risk changed, for the segments that use it. */
	changedIds: number[];
}

/** Stored to 0.1 percentage points: finer is noise, and it keeps re-runs from rewriting rows. */
const round = (risk: number) => Math.round(risk * 1000) / 1000;

/**
 * Scores every buying customer's risk of placing no completed order in the next 90 days. A k-NN
 * model learns it from the workspace's own past: each customer's features as of 90 days ago,
 * labelled by whether they ordered since. Too little history, or only one outcome, and a rule
 * (how overdue they are against their own rhythm) scores instead. Customers without an order
 * (prospects) are not at risk of anything: their risk is null.
 */
export async function refreshChurnRisk(
	db: Db,
	workspaceId: number,
	now = Date.now()
): Promise<ChurnRefresh> {
	const cutoff = now - CHURN_WINDOW_DAYS * DAY_MS;
	const { rules } = parseLifecycleRules(await lifecycleRulesOf(db, workspaceId));
	// One-order customers have no rhythm of their own: the shop's is assumed, as for stages.
	const defaultGapDays = (await medianGapDays(db, workspaceId)) ?? rules.defaultGapDays;
	const options = { windowDays: CHURN_WINDOW_DAYS, defaultGapDays };

	const customers = await customersWithRisk(db, workspaceId);
	const ids = customers.map((c) => c.id);
	const labelled: Labelled[] = [];
	const current: Scorable[] = [];
	for (const part of chunks(ids, 1000)) {
		for (const [id, orders] of byCustomer(await completedOrdersOf(db, workspaceId, part))) {
			const then = churnFeatures(orders, cutoff, options);
			if (then)
				labelled.push({
					id,
					features: then,
					churned: churnedAfter(orders, cutoff, CHURN_WINDOW_DAYS)
				});
			const today = churnFeatures(orders, now, options);
			if (today) current.push({ id, features: today });
		}
	}

	const curve = ruleCurve(rules);
	const rule = (item: Scorable) => ruleRisk(curve, item.features.overdue);
	const fit = fitChurn(labelled);
	let summary: Omit<ChurnRefresh, 'scored' | 'changedIds'>;
	let scores: Float64Array;
	if (fit.method === 'knn') {
		const knn = knnScorer(fit.model);
		const perSlice = sliceSize(fit.trainedOn);
		summary = {
			method: 'knn',
			trainedOn: fit.trainedOn,
			auc: await holdoutAuc(fit.holdout, knn, perSlice),
			ruleAuc: await holdoutAuc(fit.holdout, rule, fit.holdout.length)
		};
		scores = await scoreInSlices(current, knn, perSlice);
	} else {
		summary = { method: 'rule', trainedOn: 0, reason: fit.reason };
		scores = await scoreInSlices(current, rule, 50_000);
	}

	const next = new Map(current.map((c, i) => [c.id, round(scores[i] as number)]));
	const changed: { id: number; risk: number | null }[] = [];
	for (const { id, risk: before } of customers) {
		const risk = next.get(id) ?? null;
		const same =
			risk === null || before === null ? risk === before : Math.abs(risk - before) < 1e-4;
		if (!same) changed.push({ id, risk });
	}
	await writeChurnRisks(db, workspaceId, changed);

	console.log(
		`Churn risk for workspace ${workspaceId}: ${describe(summary)}, ${current.length} scored, ${changed.length} changed.`
	);
	return { ...summary, scored: current.length, changedIds: changed.map((c) => c.id) };
}

/** Orders arrive sorted by customer: each customer's run becomes one history. */
function* byCustomer(
	rows: { customerId: number | null; placedAt: number; totalMinor: number }[]
): Generator<[number, Order[]]> {
	let id: number | null = null;
	let orders: Order[] = [];
	for (const row of rows) {
		if (row.customerId !== id) {
			if (id !== null && orders.length) yield [id, orders];
			id = row.customerId;
			orders = [];
		}
		orders.push({ at: Number(row.placedAt), value: Number(row.totalMinor) });
	}
	if (id !== null && orders.length) yield [id, orders];
}

function describe(summary: Omit<ChurnRefresh, 'scored' | 'changedIds'>): string {
	if (summary.method === 'rule')
		return summary.reason === 'too_few'
			? 'rule-based (too few customers with history to learn from)'
			: 'rule-based (every past customer had the same outcome)';
	const auc = (value?: number) => (value === undefined ? 'n/a' : value.toFixed(3));
	return `k-NN on ${summary.trainedOn} customers, holdout AUC ${auc(summary.auc)} (rule ${auc(summary.ruleAuc)})`;
}
