import { describe, expect, it } from 'vitest';
import {
	DEFAULT_THEME,
	intervalChartConfig,
	intervalChartHeight,
	intervalRange,
	intervalTone,
	lineChartConfig
} from './chart-config';

describe('lineChartConfig', () => {
	it('gives each series its own colour and dash, and copies the data', () => {
		const values = [0.1, null, 0.12];
		const config = lineChartConfig({
			labels: ['1', '2', '3'],
			series: [
				{ label: 'A', values },
				{ label: 'B', values: [0.2, 0.2, 0.3] }
			],
			yFormat: (n) => `${n * 100}%`
		});
		const [a, b] = config.data.datasets;
		expect(a!.data).toEqual(values);
		expect(a!.data).not.toBe(values);
		expect(a!.borderColor).toBe(DEFAULT_THEME.series[0]);
		expect(b!.borderColor).toBe(DEFAULT_THEME.series[1]);
		expect(a!.borderDash).not.toEqual(b!.borderDash);
		const tick = config.options!.scales!.y!.ticks as { callback: (v: number) => string };
		expect(tick.callback(0.5)).toBe('50%');
	});

	it('turns animation off for people who asked for less motion', () => {
		const config = lineChartConfig(
			{ labels: [], series: [] },
			{ ...DEFAULT_THEME, reducedMotion: true }
		);
		expect(config.options!.animation).toBe(false);
	});
});

describe('intervalChartConfig', () => {
	const rows = [
		{ label: 'B', estimate: 0.12, lower: 0.03, upper: 0.21 },
		{ label: 'C', estimate: -0.01, lower: -0.08, upper: 0.06 },
		{ label: 'D', estimate: -0.2, lower: -0.3, upper: -0.1 }
	];

	it('keeps zero in view with a margin', () => {
		expect(intervalRange([{ label: 'x', estimate: 0.2, lower: 0.1, upper: 0.3 }]).min).toBeLessThan(
			0
		);
		const range = intervalRange(rows);
		expect(range.min).toBeLessThan(-0.3);
		expect(range.max).toBeGreaterThan(0.21);
		expect(intervalRange([])).toEqual({ min: -0.08, max: 0.08 });
	});

	it('colours intervals by the side of zero they lie on', () => {
		expect(rows.map(intervalTone)).toEqual(['good', 'unclear', 'bad']);
		const config = intervalChartConfig({
			rows,
			estimateLabel: 'Estimate',
			intervalLabel: 'Interval'
		});
		const [bars, points] = config.data.datasets;
		expect(bars!.data).toEqual([
			[0.03, 0.21],
			[-0.08, 0.06],
			[-0.3, -0.1]
		]);
		expect(bars!.backgroundColor).toEqual([
			DEFAULT_THEME.good,
			DEFAULT_THEME.muted,
			DEFAULT_THEME.bad
		]);
		expect(points!.type).toBe('line');
		expect(points!.data).toEqual([0.12, -0.01, -0.2]);
		expect(config.options!.indexAxis).toBe('y');
		expect(config.plugins!.map((p) => p.id)).toEqual(['regularsZeroLine']);
	});

	it('sizes the chart by its rows, within bounds', () => {
		expect(intervalChartHeight(1)).toBe(120);
		expect(intervalChartHeight(4)).toBe(232);
		expect(intervalChartHeight(50)).toBe(480);
	});
});
