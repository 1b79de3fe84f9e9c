// `npm run recs:eval -- --churn --data <online-retail.csv.gz>`: the churn classifier against a
// plain recency rule, on a temporal split. Features are taken as of a cutoff; the label is "no
// order in the following window". The model is trained at cutoff T1 = end - 2 windows (labels
// known by T2) and tested at T2 = end - 1 window, so nothing from the test window leaks in.
import {
	auc,
	churnedAfter,
	churnFeatures,
	classifyChurn,
	DAY_MS,
	predictChurn,
	trainChurnModel,
	type ChurnExample,
	type Order
} from '../src/index.js';
import { readOnlineRetail } from './datasets.js';

export function runChurn(file: string, windowDays: number, k?: number): void {
	const lines = readOnlineRetail(file);
	// Orders = invoices per customer; value = sum of quantity x unit price.
	const invoices = new Map<string, { customer: string; order: Order }>();
	let end = 0;
	for (const line of lines) {
		const key = `${line.customer}/${line.invoice}`;
		const entry = invoices.get(key) ?? {
			customer: line.customer,
			order: { at: line.at, value: 0 }
		};
		entry.order.value += line.quantity * line.price;
		invoices.set(key, entry);
		end = Math.max(end, line.at);
	}
	const byCustomer = new Map<string, Order[]>();
	for (const { customer, order } of invoices.values()) {
		const list = byCustomer.get(customer) ?? [];
		list.push(order);
		byCustomer.set(customer, list);
	}
	const testCutoff = end - windowDays * DAY_MS;
	const trainCutoff = testCutoff - windowDays * DAY_MS;
	const examplesAt = (asOf: number): ChurnExample[] =>
		[...byCustomer.values()].flatMap((orders) => {
			const features = churnFeatures(orders, asOf, { windowDays });
			return features ? [{ features, churned: churnedAfter(orders, asOf, windowDays) }] : [];
		});
	const train = examplesAt(trainCutoff);
	const test = examplesAt(testCutoff);
	const t0 = performance.now();
	const model = trainChurnModel(train, k === undefined ? {} : { k });
	const fitMs = performance.now() - t0;
	const t1 = performance.now();
	const probabilities = test.map((e) => predictChurn(model, e.features));
	const predictMs = (performance.now() - t1) / Math.max(1, test.length);
	const labels = test.map((e) => e.churned);
	// The baseline: the longer since the last order, the likelier churned (recency = log1p(days)).
	const recency = test.map((e) => e.features.recency);
	const majority = test.map((e) => classifyChurn(model, e.features));
	const agree = majority.filter((m, i) => m === (probabilities[i] as number) > 0.5).length;
	const correct = majority.filter((m, i) => m === labels[i]).length;
	const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
	const rate = (xs: ChurnExample[]): string =>
		((100 * xs.filter((e) => e.churned).length) / Math.max(1, xs.length)).toFixed(1);
	console.log(
		`# churn: data=${file} orders=${invoices.size} customers=${byCustomer.size} ` +
			`window=${windowDays}d k=${model.k}`
	);
	console.log(
		`# train: features as of ${day(trainCutoff)}, label = no order by ${day(testCutoff)}: ` +
			`${train.length} customers, ${rate(train)}% churned`
	);
	console.log(
		`# test:  features as of ${day(testCutoff)}, label = no order by ${day(end)}: ` +
			`${test.length} customers, ${rate(test)}% churned`
	);
	console.log('| model | AUC |');
	console.log('|---|---|');
	console.log(
		`| knn (share of ${model.k} nearest churned) | ${auc(probabilities, labels).toFixed(4)} |`
	);
	console.log(`| recency (days since last order) | ${auc(recency, labels).toFixed(4)} |`);
	console.log(
		`# ml-knn majority vote: accuracy ${(correct / Math.max(1, test.length)).toFixed(4)}, ` +
			`agrees with probability > 0.5 on ${agree}/${test.length}`
	);
	console.log(`# fit ${fitMs.toFixed(0)} ms, predict ${predictMs.toFixed(3)} ms per customer`);
}
