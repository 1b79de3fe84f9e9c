import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE_RULES } from '../../customer/lifecycle';
import { fitChurn, scoreInSlices, sliceSize, type Labelled } from './churn-model';
import { ruleCurve, ruleRisk } from './churn-rule';

const features = (overdue: number) => ({
	recency: overdue,
	overdue,
	frequency: 1,
	monetary: 8,
	tenure: 5,
	trend: 0
});
const examples = (n: number, churned: (i: number) => boolean): Labelled[] =>
	Array.from({ length: n }, (_, i) => ({
		id: i + 1,
		features: features(i / n),
		churned: churned(i)
	}));

describe('fitChurn', () => {
	it('asks for the rule with too few examples or a single outcome', () => {
		expect(fitChurn(examples(49, (i) => i % 2 === 0))).toMatchObject({ reason: 'too_few' });
		expect(fitChurn(examples(120, () => true))).toMatchObject({ reason: 'one_class' });
	});

	it('caps the training sample, holds out a fifth, and draws both the same way every time', () => {
		const fit = fitChurn(examples(30_000, (i) => i % 3 === 0));
		if (fit.method !== 'knn') throw new Error('expected k-NN');
		expect(fit.trainedOn).toBe(5_000);
		expect(fit.holdout).toHaveLength(2_000);
		const again = fitChurn(examples(30_000, (i) => i % 3 === 0));
		if (again.method !== 'knn') throw new Error('expected k-NN');
		expect(again.holdout.map((e) => e.id)).toEqual(fit.holdout.map((e) => e.id));
	});
});

describe('scoreInSlices', () => {
	it('scores everything in order, yielding between slices', async () => {
		let ticks = 0;
		const tick = () => ticks++ < 10 && setImmediate(tick);
		setImmediate(tick);
		const seen: number[] = [];
		const scores = await scoreInSlices([1, 2, 3, 4, 5], (x) => (seen.push(ticks), x * 2), 2);
		expect(Array.from(scores)).toEqual([2, 4, 6, 8, 10]);
		// Other callbacks ran between slices, never inside one.
		expect(seen[0]).toBe(seen[1]);
		expect(seen[2]).toBeGreaterThan(seen[1] as number);
		expect(seen[4]).toBeGreaterThan(seen[3] as number);
		expect(sliceSize(5_000)).toBe(400);
	});
});

describe('the rhythm rule', () => {
	const curve = ruleCurve(DEFAULT_LIFECYCLE_RULES);

	it('reads the declining ratio as medium risk and the churned ratio as high risk', () => {
		expect(ruleRisk(curve, Math.log(1.5))).toBeCloseTo(0.3, 10);
		expect(ruleRisk(curve, Math.log(3))).toBeCloseTo(0.6, 10);
		expect(ruleRisk(curve, Math.log(0.5))).toBeLessThan(0.1);
		expect(ruleRisk(curve, Math.log(10))).toBeGreaterThan(0.9);
	});

	it('stays a curve when the declining and churned ratios are equal', () => {
		const flat = ruleCurve({ decliningGapRatio: 2, churnedGapRatio: 2 });
		expect(ruleRisk(flat, Math.log(2))).toBeCloseTo(0.3, 10);
		expect(ruleRisk(flat, Math.log(6))).toBeGreaterThan(0.6);
	});
});
