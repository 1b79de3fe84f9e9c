/**
 * What the chart components hand to Chart.js, built by pure functions so the shapes (colours,
 * axes, the zero line of an interval chart) are tested without a browser. Only types come from
 * chart.js here: the library itself is loaded in the browser by the components.
 */
import type { ChartConfiguration, Plugin, TooltipItem } from 'chart.js';

export interface LineSeries {
	label: string;
	values: (number | null)[];
}

export interface IntervalRow {
	label: string;
	estimate: number;
	lower: number;
	upper: number;
}

/** The site's colours, read from its CSS custom properties so charts match the studio. */
export interface ChartTheme {
	text: string;
	muted: string;
	grid: string;
	good: string;
	bad: string;
	/** One colour per series, in order; repeats (with another dash) past its end. */
	series: string[];
	font: string;
	reducedMotion: boolean;
}

export const DEFAULT_THEME: ChartTheme = {
	text: '#1c2430',
	muted: '#5b6776',
	grid: '#dde2e8',
	good: '#067647',
	bad: '#b42318',
	// The accent first, then hues far enough apart to tell lines apart (the dashes help too).
	series: ['#0f766e', '#2563eb', '#b45309', '#7c3aed', '#be185d', '#5b6776', '#0e7490'],
	font: 'system-ui, sans-serif',
	reducedMotion: false
};

/** Dash patterns per series, so lines differ by more than colour alone. */
const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
const POINT_STYLES = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'] as const;

const identity = (n: number) => String(n);

export function lineChartConfig(
	input: {
		labels: string[];
		series: LineSeries[];
		yFormat?: (n: number) => string;
		locale?: string;
	},
	theme: ChartTheme = DEFAULT_THEME
): ChartConfiguration<'line', (number | null)[], string> {
	const format = input.yFormat ?? identity;
	return {
		type: 'line',
		data: {
			// Fresh arrays: Chart.js annotates what it is given, and props may be reactive proxies.
			labels: [...input.labels],
			datasets: input.series.map((s, i) => {
				const colour = theme.series[i % theme.series.length]!;
				return {
					label: s.label,
					data: [...s.values],
					borderColor: colour,
					backgroundColor: colour,
					borderDash: DASHES[i % DASHES.length],
					pointStyle: POINT_STYLES[i % POINT_STYLES.length],
					pointRadius: input.labels.length > 40 ? 0 : 3,
					pointHoverRadius: 5,
					borderWidth: 2,
					tension: 0.2,
					spanGaps: true
				};
			})
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: theme.reducedMotion ? false : { duration: 250 },
			locale: input.locale,
			interaction: { mode: 'index', intersect: false },
			scales: {
				x: {
					ticks: { color: theme.muted, autoSkip: true, maxRotation: 0 },
					grid: { color: theme.grid }
				},
				y: {
					ticks: { color: theme.muted, callback: (value) => format(Number(value)) },
					grid: { color: theme.grid }
				}
			},
			plugins: {
				legend: {
					labels: { color: theme.text, usePointStyle: true, font: { family: theme.font } }
				},
				tooltip: {
					callbacks: {
						label: (item: TooltipItem<'line'>) =>
							`${item.dataset.label ?? ''}: ${item.parsed.y === null ? '—' : format(item.parsed.y)}`
					}
				}
			}
		}
	};
}

/** The x range of an interval chart: every interval, and zero, in view with a little margin. */
export function intervalRange(rows: IntervalRow[]): { min: number; max: number } {
	const values = rows.flatMap((r) => [r.lower, r.upper, r.estimate]).filter(Number.isFinite);
	const low = Math.min(0, ...values);
	const high = Math.max(0, ...values);
	const pad = (high - low || 1) * 0.08;
	return { min: low - pad, max: high + pad };
}

/** Green when the whole interval is above zero, red when below, grey when it spans zero. */
export function intervalTone(row: IntervalRow): 'good' | 'bad' | 'unclear' {
	if (row.lower > 0) return 'good';
	if (row.upper < 0) return 'bad';
	return 'unclear';
}

/** Draws the vertical line at zero (no difference) over the interval bars. */
export function zeroLinePlugin(colour: string): Plugin<'bar' | 'line'> {
	return {
		id: 'regularsZeroLine',
		afterDatasetsDraw(chart) {
			const x = chart.scales.x;
			if (!x) return;
			const pixel = x.getPixelForValue(0);
			const { top, bottom } = chart.chartArea;
			const ctx = chart.ctx;
			ctx.save();
			ctx.strokeStyle = colour;
			ctx.lineWidth = 1.5;
			ctx.setLineDash([4, 3]);
			ctx.beginPath();
			ctx.moveTo(pixel, top);
			ctx.lineTo(pixel, bottom);
			ctx.stroke();
			ctx.restore();
		}
	};
}

type IntervalData = (number | [number, number] | null)[];
type IntervalConfig = ChartConfiguration<'bar' | 'line', IntervalData, string>;

/**
 * A forest plot: one row per item, the interval as a thin floating bar and the estimate as a
 * point on it, with a dashed line at zero. Built as a horizontal bar chart with a point series
 * because Chart.js has no interval chart of its own.
 */
export function intervalChartConfig(
	input: {
		rows: IntervalRow[];
		format?: (n: number) => string;
		locale?: string;
		estimateLabel: string;
		intervalLabel: string;
	},
	theme: ChartTheme = DEFAULT_THEME
): IntervalConfig {
	const format = input.format ?? identity;
	const colours = input.rows.map((row) => {
		const tone = intervalTone(row);
		return tone === 'good' ? theme.good : tone === 'bad' ? theme.bad : theme.muted;
	});
	const range = intervalRange(input.rows);
	return {
		type: 'bar',
		data: {
			labels: input.rows.map((r) => r.label),
			datasets: [
				{
					label: input.intervalLabel,
					data: input.rows.map((r) => [r.lower, r.upper] as [number, number]),
					backgroundColor: colours,
					borderColor: colours,
					borderWidth: 0,
					borderSkipped: false,
					barThickness: 6,
					order: 2
				},
				{
					// A point series on the bar chart's category axis; Chart.js mixes types per dataset.
					type: 'line',
					label: input.estimateLabel,
					data: input.rows.map((r) => r.estimate),
					backgroundColor: colours,
					borderColor: colours,
					showLine: false,
					pointRadius: 6,
					pointHoverRadius: 7,
					order: 1
				}
			]
		},
		options: {
			indexAxis: 'y',
			responsive: true,
			maintainAspectRatio: false,
			animation: theme.reducedMotion ? false : { duration: 250 },
			locale: input.locale,
			interaction: { mode: 'index', axis: 'y', intersect: false },
			scales: {
				x: {
					type: 'linear',
					min: range.min,
					max: range.max,
					ticks: { color: theme.muted, callback: (value) => format(Number(value)) },
					grid: { color: theme.grid }
				},
				y: {
					ticks: { color: theme.text, font: { family: theme.font } },
					grid: { display: false }
				}
			},
			plugins: {
				legend: { display: false },
				tooltip: {
					callbacks: {
						label: (item: TooltipItem<'bar' | 'line'>) => {
							const row = input.rows[item.dataIndex];
							if (!row) return '';
							return item.datasetIndex === 0
								? `${input.intervalLabel}: ${format(row.lower)} – ${format(row.upper)}`
								: `${input.estimateLabel}: ${format(row.estimate)}`;
						}
					}
				}
			}
		},
		plugins: [zeroLinePlugin(theme.text)]
	};
}

/** Height that gives each interval row room, within sensible bounds. */
export function intervalChartHeight(rows: number): number {
	return Math.min(480, Math.max(120, 56 + rows * 44));
}

/** Reads the studio's colours from its CSS custom properties (browser only). */
export function readTheme(element: Element): ChartTheme {
	const style = getComputedStyle(element);
	const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	const accent = read('--c-accent', DEFAULT_THEME.series[1]!);
	const muted = read('--c-muted', DEFAULT_THEME.muted);
	return {
		text: read('--c-text', DEFAULT_THEME.text),
		muted,
		grid: read('--c-border', DEFAULT_THEME.grid),
		good: read('--c-success', DEFAULT_THEME.good),
		bad: read('--c-danger', DEFAULT_THEME.bad),
		series: [accent, read('--c-focus', '#2563eb'), ...DEFAULT_THEME.series.slice(2)],
		font: read('--font', DEFAULT_THEME.font),
		reducedMotion:
			typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches
	};
}
