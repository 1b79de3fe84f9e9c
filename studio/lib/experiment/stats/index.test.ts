import { describe, expect, it } from 'vitest';
import * as stats from './index';

// Other modules (results, dashboard, planner) are written against this surface; keep it stable.
describe('stats module surface', () => {
	it('exports the agreed functions', () => {
		for (const name of [
			'compareProportions',
			'compareMeans',
			'bayesProportions',
			'bayesMeans',
			'sampleRatioMismatch',
			'sampleSizePerVariant',
			'minimumDetectableEffect',
			'daysToReach',
			'cupedAdjust',
			'meanData'
		] as const) {
			expect(typeof stats[name]).toBe('function');
		}
	});

	it('works end to end on one small experiment without throwing', () => {
		const control = { units: 2000, conversions: 180 };
		const treatment = { units: 2050, conversions: 215 };
		const comparison = stats.compareProportions(control, treatment, { sequential: true });
		expect(comparison.differenceInterval.lower).toBeLessThan(comparison.difference);
		expect(comparison.alwaysValid?.differenceInterval.upper).toBeGreaterThan(
			comparison.differenceInterval.upper
		);
		const [, bayes] = stats.bayesProportions([control, treatment]);
		expect(bayes?.chanceToBeatControl).toBeGreaterThan(0.5);
		expect(stats.sampleRatioMismatch([2000, 2050], [1, 1]).mismatch).toBe(false);
		const needed = stats.sampleSizePerVariant({ baselineRate: 0.09, relativeMde: 0.1 });
		expect(stats.daysToReach(needed, 2000, 400)).toBeGreaterThan(0);
	});
});
