import { describe, expect, it } from 'vitest';
import { compareProportions } from '../../experiment/stats';
import type { ExperimentPower, VariantResult } from '../../experiment/model';
import { judge } from './verdict';

function variant(
	key: string,
	units: number,
	conversions: number,
	control?: { units: number; conversions: number },
	guardrailWorse = false
): VariantResult {
	return {
		key,
		name: key,
		weight: 0.5,
		isControl: !control,
		units,
		conversions,
		rate: conversions / units,
		orders: 0,
		revenueMinor: 0,
		revenuePerUnitMinor: 0,
		aovMinor: null,
		revenueVariance: 0,
		guardrails: [
			{ event: 'Unsubscribed', units: 0, rate: 0, comparison: null, worse: guardrailWorse }
		],
		cuped: { sumX: 0, sumX2: 0, sumY: 0, sumY2: 0, sumXY: 0 },
		conversion: control
			? compareProportions(control, { units, conversions }, { sequential: true })
			: null,
		revenue: null,
		revenueCuped: null,
		chanceToBeatControl: null,
		expectedLoss: null,
		revenueChanceToBeatControl: null,
		revenueExpectedLoss: null
	};
}

const power = (needed: number | null, daysToReach: number | null = 3): ExperimentPower => ({
	baselineRate: 0.1,
	relativeMde: 0.1,
	unitsNeededPerVariant: needed,
	mdeNow: 0.2,
	unitsPerDay: 100,
	daysToReach
});

const base = {
	srm: { mismatch: false, pValue: 0.5 },
	contaminated: 0,
	alpha: 0.05,
	sequential: false,
	stopped: false,
	cupedReduction: 0
};

describe('the verdict', () => {
	const control = { units: 1000, conversions: 100 };

	it('waits without units, and distrusts a mismatched split above all', () => {
		expect(judge({ ...base, results: [], totalUnits: 0, power: power(null, null) }).status).toBe(
			'collecting'
		);
		const results = [variant('control', 1000, 100), variant('b', 1000, 200, control)];
		expect(
			judge({
				...base,
				results,
				totalUnits: 2000,
				power: power(500),
				srm: { mismatch: true, pValue: 1e-6 }
			})
		).toEqual({ status: 'srm', reasons: [{ code: 'srm', value: 1e-6 }] });
	});

	it('calls a winner, or holds it back when a guardrail got worse', () => {
		const results = [variant('control', 1000, 100), variant('b', 1000, 200, control)];
		const winner = judge({ ...base, results, totalUnits: 2000, power: power(500) });
		expect(winner).toMatchObject({ status: 'winner', variant: 'b' });
		const harmed = [variant('control', 1000, 100), variant('b', 1000, 200, control, true)];
		const held = judge({ ...base, results: harmed, totalUnits: 2000, power: power(500) });
		expect(held.status).toBe('guardrail');
		expect(held.reasons).toContainEqual({
			code: 'guardrail_worse',
			variant: 'b',
			event: 'Unsubscribed'
		});
	});

	it('calls a loser when every variant is worse', () => {
		const results = [
			variant('control', 1000, 200),
			variant('b', 1000, 100, { units: 1000, conversions: 200 }),
			variant('c', 1000, 120, { units: 1000, conversions: 200 })
		];
		expect(judge({ ...base, results, totalUnits: 3000, power: power(500) })).toMatchObject({
			status: 'loser',
			variant: 'c'
		});
	});

	it('is flat with the planned sample and no difference; otherwise says how long to wait', () => {
		const results = [variant('control', 1000, 100), variant('b', 1000, 101, control)];
		expect(judge({ ...base, results, totalUnits: 2000, power: power(800) }).status).toBe('flat');
		const waiting = judge({ ...base, results, totalUnits: 2000, power: power(5000, 12) });
		expect(waiting.status).toBe('collecting');
		expect(waiting.reasons).toContainEqual({ code: 'underpowered', value: 12 });
		const young = [variant('control', 50, 5), variant('b', 40, 30, { units: 50, conversions: 5 })];
		expect(judge({ ...base, results: young, totalUnits: 90, power: power(500) })).toMatchObject({
			status: 'collecting',
			reasons: [{ code: 'too_few_units', value: 60 }, { code: 'underpowered' }]
		});
	});
});
