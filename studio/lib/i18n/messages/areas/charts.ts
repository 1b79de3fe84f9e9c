// Messages of the shared chart components (studio/lib/components/charts). Keys start with "charts.".
export const chartsEn = {
	'charts.table': 'Show the figures as a table',
	'charts.loading': 'Loading the chart…',
	'charts.empty': 'No data to chart yet.',
	'charts.line.label': 'Period',
	'charts.interval.label': 'Item',
	'charts.interval.estimate': 'Estimate',
	'charts.interval.interval': 'Interval',
	'charts.interval.lower': 'Lower bound',
	'charts.interval.upper': 'Upper bound',
	'charts.interval.zero':
		'The dashed line marks zero (no difference). Intervals entirely to its right are green, entirely to its left red, and grey when they cross it.'
} as const;

export const chartsZhCN: Record<keyof typeof chartsEn, string> = {
	'charts.table': '以表格查看数据',
	'charts.loading': '图表加载中…',
	'charts.empty': '暂无可绘制的数据。',
	'charts.line.label': '时间',
	'charts.interval.label': '项目',
	'charts.interval.estimate': '估计值',
	'charts.interval.interval': '区间',
	'charts.interval.lower': '下限',
	'charts.interval.upper': '上限',
	'charts.interval.zero':
		'虚线表示零（没有差异）。区间完全在其右侧显示为绿色，完全在其左侧显示为红色，跨过零线则显示为灰色。'
};
