import { describe, expect, it } from 'vitest';
import {
	chanceText,
	intervalSide,
	intervalText,
	percent,
	pValueText,
	shownLift,
	signedPercent
} from './results-format';
import { comparison } from './results-fixture';

describe('results formatting', () => {
	it('writes rates as percentages with sensible precision', () => {
		expect(percent('en', 0.1234)).toBe('12.3%');
		expect(percent('en', 0.0123)).toBe('1.23%');
		expect(percent('en', 0)).toBe('0%');
		expect(percent('en', null)).toBe('—');
		expect(percent('en', Number.NaN)).toBe('—');
	});

	it('signs lifts', () => {
		expect(signedPercent('en', 0.12)).toBe('+12%');
		expect(signedPercent('en', -0.031)).toBe('-3.1%');
		expect(signedPercent('en', 0)).toBe('0%');
	});

	it('writes intervals in both languages', () => {
		expect(intervalText('en', { lower: 0.03, upper: 0.21 })).toBe('+3% to +21%');
		expect(intervalText('zh-CN', { lower: -0.02, upper: 0.08 })).toBe('-2% 至 +8%');
		expect(intervalText('en', { lower: 1.5, upper: 2.25 }, (n) => `$${n.toFixed(2)}`)).toBe(
			'$1.50 to $2.25'
		);
		expect(intervalText('en', null)).toBe('—');
		expect(intervalText('en', { lower: Number.NaN, upper: 1 })).toBe('—');
	});

	it('never claims more precision than a p-value or a probability has', () => {
		expect(pValueText('en', 0.0004)).toBe('< 0.001');
		expect(pValueText('en', 0.04567)).toBe('0.046');
		expect(pValueText('en', 1)).toBe('1.000');
		expect(chanceText('en', 0.9996)).toBe('> 99.9%');
		expect(chanceText('en', 0.0001)).toBe('< 0.1%');
		expect(chanceText('en', 0.734)).toBe('73%');
	});

	it('picks the fixed-horizon or the always-valid figures', () => {
		const c = comparison(0.12, 0.03, 0.21, 0.004);
		expect(shownLift(c, false, 0.1)).toEqual({
			estimate: 0.12,
			interval: { lower: 0.03, upper: 0.21 },
			pValue: 0.004
		});
		const sequential = shownLift(c, true, 0.1)!;
		expect(sequential.pValue).toBeCloseTo(0.016);
		expect(sequential.interval.lower).toBeCloseTo(-0.07);
		expect(sequential.interval.upper).toBeCloseTo(0.31);
		expect(shownLift(null, false, 0.1)).toBeNull();
		// Without always-valid figures the fixed ones stand.
		const { alwaysValid: _, ...fixed } = c;
		expect(shownLift(fixed, true, 0.1)!.pValue).toBe(0.004);
	});

	it('tells which side of zero an interval lies', () => {
		expect(intervalSide({ lower: 0.01, upper: 0.2 })).toBe('above');
		expect(intervalSide({ lower: -0.2, upper: -0.01 })).toBe('below');
		expect(intervalSide({ lower: -0.1, upper: 0.1 })).toBe('spans');
		expect(intervalSide(null)).toBe('spans');
	});
});
