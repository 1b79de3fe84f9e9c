import { describe, expect, it } from 'vitest';
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
} from './index.js';

const T = Date.UTC(2024, 0, 1);
const days = (n: number): number => n * DAY_MS;

describe('churnFeatures', () => {
	it('describes recency against the customer rhythm, frequency, value, tenure and trend', () => {
		const orders: Order[] = [
			{ at: T - days(100), value: 10 },
			{ at: T - days(80), value: 20 },
			{ at: T - days(60), value: 30 },
			{ at: T + days(5), value: 99 } // after asOf: ignored
		];
		const f = churnFeatures(orders, T, { windowDays: 90 });
		expect(f?.recency).toBeCloseTo(Math.log1p(60));
		// Usual gap 20 days, 60 days since the last: overdue.
		expect(f?.overdue).toBeCloseTo(Math.log(61 / 21));
		expect(f?.frequency).toBeCloseTo(Math.log1p(3));
		expect(f?.monetary).toBeCloseTo(Math.log1p(60));
		expect(f?.tenure).toBeCloseTo(Math.log1p(100));
		// Two orders in the last 90 days, one in the 90 before.
		expect(f?.trend).toBeCloseTo(Math.log(3 / 2));
		expect(churnFeatures(orders, T - days(200))).toBeUndefined();
	});

	it('labels churn as no order in the following window', () => {
		const orders = [
			{ at: T, value: 1 },
			{ at: T + days(100), value: 1 }
		];
		expect(churnedAfter(orders, T, 90)).toBe(true);
		expect(churnedAfter(orders, T, 120)).toBe(false);
	});
});

describe('churn model', () => {
	// Regular customers who keep ordering vs lapsed ones, built from order histories.
	function customer(gapDays: number, lastDaysAgo: number, count: number): Order[] {
		return Array.from({ length: count }, (_, i) => ({
			at: T - days(lastDaysAgo + i * gapDays),
			value: 20
		}));
	}
	const examples: ChurnExample[] = [];
	for (let i = 0; i < 10; i++) {
		examples.push({ features: churnFeatures(customer(14, 2 + i, 8), T)!, churned: false });
		examples.push({ features: churnFeatures(customer(30, 150 + 5 * i, 2), T)!, churned: true });
	}

	it('gives the share of churned neighbours as the probability, agreeing with ml-knn', () => {
		const model = trainChurnModel(examples, { k: 5 });
		const active = churnFeatures(customer(14, 5, 8), T)!;
		const lapsed = churnFeatures(customer(30, 160, 2), T)!;
		expect(predictChurn(model, active)).toBe(0);
		expect(predictChurn(model, lapsed)).toBe(1);
		expect(classifyChurn(model, active)).toBe(false);
		expect(classifyChurn(model, lapsed)).toBe(true);
		expect(model.k).toBe(5);
		expect(trainChurnModel(examples).k % 2).toBe(1);
	});

	it('separates held-out customers better than chance (AUC)', () => {
		const model = trainChurnModel(examples, { k: 3 });
		const test = [
			{ f: churnFeatures(customer(14, 3, 6), T)!, churned: false },
			{ f: churnFeatures(customer(30, 170, 3), T)!, churned: true },
			{ f: churnFeatures(customer(20, 10, 4), T)!, churned: false },
			{ f: churnFeatures(customer(40, 140, 2), T)!, churned: true }
		];
		const scores = test.map((t) => predictChurn(model, t.f));
		expect(
			auc(
				scores,
				test.map((t) => t.churned)
			)
		).toBe(1);
	});
});
