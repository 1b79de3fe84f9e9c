import { describe, expect, it } from 'vitest';
import { percentInput, samplePlan } from './sample-plan';
import { sampleSizePerVariant } from './stats';

const base = { baselineRate: 0.05, relativeMde: 0.1, power: 0.8, alpha: 0.05 };

describe('samplePlan', () => {
	it('takes the units per variant from the stats module and counts every variant', () => {
		const n = sampleSizePerVariant(base);
		const plan = samplePlan({
			...base,
			variants: [
				{ units: 0, weight: 0.5 },
				{ units: 0, weight: 0.5 }
			],
			unitsPerDay: 1000
		});
		expect(plan.perVariant).toBe(n);
		expect(plan.total).toBe(2 * n);
		// 500 a day per variant.
		expect(plan.days).toBe(Math.ceil(n / 500));
	});

	it('waits for the slowest variant by its weight and its units so far', () => {
		const n = sampleSizePerVariant(base);
		const plan = samplePlan({
			...base,
			variants: [
				{ units: n, weight: 0.9 },
				{ units: 100, weight: 0.1 }
			],
			unitsPerDay: 1000
		});
		expect(plan.days).toBe(Math.ceil((n - 100) / 100));
	});

	it('is 0 days once reached, unknown without traffic, empty for nonsense', () => {
		const reached = samplePlan({
			...base,
			variants: [
				{ units: 1e9, weight: 1 },
				{ units: 1e9, weight: 1 }
			],
			unitsPerDay: 0
		});
		expect(reached.days).toBe(0);
		const idle = samplePlan({
			...base,
			variants: [
				{ units: 0, weight: 1 },
				{ units: 0, weight: 1 }
			],
			unitsPerDay: 0
		});
		expect(idle.days).toBeNull();
		expect(samplePlan({ ...base, baselineRate: 1.5, variants: [], unitsPerDay: 10 })).toEqual({
			perVariant: null,
			total: null,
			days: null
		});
	});
});

describe('percentInput', () => {
	it('reads percentages as typed', () => {
		expect(percentInput('5')).toBe(0.05);
		expect(percentInput(' 2,5% ')).toBe(0.025);
		expect(percentInput('abc')).toBeNaN();
		expect(percentInput('')).toBeNaN();
	});
});
