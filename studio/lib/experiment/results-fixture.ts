/**
 * Hand-made results for the tests of the results page's helpers (summary, CSV): the figures are
 * chosen, not computed, so each test states exactly what it reads.
 */
import type { ExperimentDetail, ExperimentResults, VariantResult } from './model';
import type { Comparison } from './stats';

export function comparison(lift: number, lower: number, upper: number, pValue: number): Comparison {
	return {
		difference: lift * 0.1,
		differenceInterval: { lower: lower * 0.1, upper: upper * 0.1 },
		relativeLift: lift,
		relativeInterval: { lower, upper },
		pValue,
		alwaysValid: {
			pValue: Math.min(1, pValue * 4),
			differenceInterval: { lower: lower * 0.1 - 0.01, upper: upper * 0.1 + 0.01 }
		}
	};
}

export function variantResult(overrides: Partial<VariantResult> & { key: string }): VariantResult {
	return {
		name: overrides.key,
		weight: 0.5,
		isControl: false,
		units: 1000,
		conversions: 100,
		rate: 0.1,
		orders: 100,
		revenueMinor: 500_000,
		revenuePerUnitMinor: 500,
		aovMinor: 5000,
		revenueVariance: 1e6,
		guardrails: [],
		cuped: { sumX: 0, sumX2: 0, sumY: 0, sumY2: 0, sumXY: 0 },
		conversion: null,
		revenue: null,
		revenueCuped: null,
		chanceToBeatControl: null,
		expectedLoss: null,
		revenueChanceToBeatControl: null,
		revenueExpectedLoss: null,
		...overrides
	};
}

const experiment: ExperimentDetail = {
	id: 7,
	key: 'home-offer',
	name: 'Home offer',
	kind: 'site',
	status: 'running',
	variants: [
		{ key: 'control', name: 'Control', weight: 0.5 },
		{ key: 'b', name: 'Variant B', weight: 0.5 }
	],
	coverage: 1,
	segmentId: null,
	segmentName: null,
	journeyId: null,
	journeyName: null,
	nodeId: null,
	winner: null,
	units: 2000,
	unitsByVariant: { control: 1000, b: 1000 },
	createdAt: 0,
	updatedAt: 0,
	startedAt: 0,
	stoppedAt: null,
	description: '',
	metric: { event: 'Order Completed', windowDays: 7, guardrails: [] },
	metricIsDefault: true,
	seed: 'home-offer'
};

/** Variant B converts 12% better than control (3% to 21%), 99% chance, SRM fine. */
export function winningResults(overrides: Partial<ExperimentResults> = {}): ExperimentResults {
	return {
		experiment,
		computedAt: Date.UTC(2026, 10, 23, 12),
		metric: experiment.metric,
		sequential: false,
		alpha: 0.05,
		variants: [
			variantResult({
				key: 'control',
				name: 'Control',
				isControl: true,
				chanceToBeatControl: 0.01
			}),
			variantResult({
				key: 'b',
				name: 'Variant B',
				conversions: 112,
				rate: 0.112,
				conversion: comparison(0.12, 0.03, 0.21, 0.004),
				revenue: comparison(0.05, -0.02, 0.12, 0.2),
				chanceToBeatControl: 0.99,
				expectedLoss: 0.0001
			})
		],
		contaminated: 0,
		srm: { chiSquare: 0.1, pValue: 0.75, mismatch: false },
		cuped: null,
		power: {
			baselineRate: 0.1,
			relativeMde: 0.1,
			unitsNeededPerVariant: 14_751,
			mdeNow: 0.37,
			unitsPerDay: 200,
			daysToReach: 0
		},
		series: [],
		verdict: {
			status: 'winner',
			variant: 'b',
			reasons: [{ code: 'significant_lift', variant: 'b' }]
		},
		...overrides
	};
}
