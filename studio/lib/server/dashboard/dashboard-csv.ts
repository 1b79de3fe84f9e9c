/**
 * The dashboard's figures as CSV, one file per table. Headers are stable snake_case English so
 * spreadsheets and scripts can rely on them; money is in major units of the currency (a column
 * says which), rates are fractions from 0 to 1, empty cells mean "not enough data".
 */
import { formatAmount } from '../../dashboard/costs';
import type { Dashboard, Estimate } from '../../dashboard/model';
import { csvCell } from '../../csv';

export const CSV_TABLES = [
	'journeys',
	'acquisition',
	'clv',
	'health',
	'cohorts',
	'lifecycle'
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export function isCsvTable(value: unknown): value is CsvTable {
	return typeof value === 'string' && (CSV_TABLES as readonly string[]).includes(value);
}

type Cell = string | number | null | undefined;

/** Lines end in CRLF (RFC 4180); cells are quoted when needed and formula-safe (csvCell). */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
	const line = (cells: readonly Cell[]) =>
		cells.map((c) => (c === null || c === undefined ? '' : csvCell(String(c)))).join(',');
	return [header, ...rows].map(line).join('\r\n') + '\r\n';
}

const ratio = (n: number | null | undefined) =>
	n === null || n === undefined || !Number.isFinite(n) ? null : Number(n.toFixed(6));

function moneyOf(currency: string) {
	return (minor: number | null | undefined) =>
		minor === null || minor === undefined || !Number.isFinite(minor)
			? null
			: formatAmount(Math.round(minor * 1000), currency);
}

function estimateCells(e: Estimate | null, format: (n: number | null | undefined) => Cell): Cell[] {
	return [format(e?.estimate), format(e?.lower), format(e?.upper)];
}

export function dashboardCsv(dashboard: Dashboard, table: CsvTable): string {
	const money = moneyOf(dashboard.currency);
	const currency = dashboard.currency;
	switch (table) {
		case 'journeys': {
			const header = [
				'journey_id',
				'journey',
				'status',
				'treated_runs',
				'holdout_runs',
				'treated_conversion_rate',
				'holdout_conversion_rate',
				'incremental_conversions',
				'incremental_conversions_lower',
				'incremental_conversions_upper',
				'incremental_revenue',
				'incremental_revenue_lower',
				'incremental_revenue_upper',
				'emails_sent',
				'webhooks_sent',
				'offers_shown',
				'points_awarded',
				'converted_runs',
				'cost_messages',
				'cost_points',
				'cost_conversions',
				'cost_fixed',
				'cost_total',
				'roi',
				'roi_lower',
				'roi_upper',
				'currency'
			];
			const rows: Cell[][] = dashboard.roi.rows.map((r) => [
				r.journeyId,
				r.name,
				r.status,
				r.incrementality?.treated.units ?? null,
				r.incrementality?.holdout.units ?? null,
				ratio(r.incrementality?.treated.rate),
				ratio(r.incrementality?.holdout.rate),
				...estimateCells(r.incrementalConversions, ratio),
				...estimateCells(r.incrementalRevenueMinor, money),
				r.cost.emails,
				r.cost.webhooks,
				r.cost.offers,
				r.cost.points,
				r.cost.conversions,
				money(r.cost.messagesMinor),
				money(r.cost.pointsMinor),
				money(r.cost.conversionsMinor),
				money(r.cost.fixedMinor),
				money(r.cost.totalMinor),
				...estimateCells(r.roi, ratio),
				currency
			]);
			const o = dashboard.roi.overall;
			rows.push([
				null,
				'all journeys with a holdout',
				null,
				null,
				null,
				null,
				null,
				null,
				null,
				null,
				...estimateCells(o.incrementalRevenueMinor, money),
				null,
				null,
				null,
				null,
				null,
				null,
				null,
				null,
				null,
				money(o.costMinor),
				...estimateCells(o.roi, ratio),
				currency
			]);
			return toCsv(header, rows);
		}
		case 'acquisition': {
			const a = dashboard.acquisition;
			const rows: Cell[][] = a.months.map((m) => [
				m.month,
				money(m.spendMinor),
				m.newCustomers,
				money(m.cacMinor),
				currency
			]);
			rows.push(['total', money(a.spendMinor), a.newCustomers, money(a.cacMinor), currency]);
			return toCsv(['month', 'acquisition_spend', 'new_customers', 'cac', 'currency'], rows);
		}
		case 'clv': {
			const c = dashboard.clv;
			const rows: Cell[][] = [c.overall, ...c.tiers].map((r) => [
				r.tier,
				r.customers,
				r.orders,
				money(r.revenueMinor),
				money(r.aovMinor),
				ratio(r.frequency),
				ratio(c.churnRate),
				ratio(c.annualChurn),
				ratio(c.lifetimeYears),
				money(r.clvMinor),
				r.tier === 'all' ? ratio(c.clvToCac) : null,
				currency
			]);
			return toCsv(
				[
					'tier',
					'customers',
					'orders',
					'revenue',
					'average_order_value',
					'orders_per_year',
					'churn_rate_90_days',
					'annual_churn_rate',
					'expected_lifetime_years',
					'clv',
					'clv_to_cac',
					'currency'
				],
				rows
			);
		}
		case 'health': {
			const h = dashboard.health;
			const rows: Cell[][] = [
				['period_start', new Date(dashboard.start).toISOString()],
				['period_end', new Date(dashboard.end).toISOString()],
				['customers_ordering', h.buyers],
				['orders', h.orders],
				['revenue', money(h.revenueMinor)],
				['new_customers', h.newCustomers],
				['repeat_purchase_rate', ratio(h.repeatRate)],
				['churn_base', h.churnBase],
				['churned', h.churned],
				['churn_rate', ratio(h.churnRate)],
				['average_days_between_orders', ratio(h.avgDaysBetweenOrders)],
				['returning_revenue_share', ratio(h.returningRevenueShare)],
				['currency', currency]
			];
			return toCsv(['metric', 'value'], rows);
		}
		case 'cohorts': {
			const n = dashboard.cohorts.months.length;
			const header = [
				'cohort',
				'customers',
				...Array.from({ length: n }, (_, k) => `month_${k}_rate`),
				...Array.from({ length: n }, (_, k) => `month_${k}_customers`)
			];
			const rows = dashboard.cohorts.rows.map((r) => [
				r.cohort,
				r.customers,
				...r.rates.map(ratio),
				...r.retained
			]);
			return toCsv(header, rows);
		}
		case 'lifecycle':
			return toCsv(
				['month', 'stage', 'tier', 'customers'],
				dashboard.lifecycle.cells.map((c) => [c.month, c.stage, c.tier, c.customers])
			);
	}
}
