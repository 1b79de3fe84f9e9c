/**
 * The ROI and lifecycle dashboard for a period (the last 30, 90 or 365 days up to now). What the
 * period governs: lifecycle health and the months of CAC. What it does not: journey ROI (every run
 * since each journey started, as the holdout comparison needs), CLV (the last 12 months of orders
 * and the last 90 days of churn), the cohort heatmap and the snapshots (the last 12 months and the
 * month in progress). The page says so next to each.
 */
import { VALUE_TIERS } from '../../customer/lifecycle';
import {
	buyerTotals,
	cohortRetention,
	newCustomersByMonth,
	periodFigures
} from '../../dashboard/customer-metrics';
import { churnBetween } from '../../dashboard/lifecycle-at';
import type { Acquisition, ClvFigures, Dashboard, HealthFigures } from '../../dashboard/model';
import { addMonths, monthOf, monthRange, monthStart } from '../../dashboard/months';
import type { PeriodDays } from '../../dashboard/period';
import {
	CHURN_WINDOW_DAYS,
	acquisitionCost,
	clvRow,
	expectedLifetime
} from '../../dashboard/value-metrics';
import { zoneOr } from '../../journey/clock';
import { lifecycleRules } from '../customer/lifecycle-settings-service';
import type { Db } from '../db/connect';
import { acquisitionSpend } from './cost-repository';
import { historiesBefore, ordersWithHistory } from './metrics-repository';
import { roiSummary } from './roi-service';
import { lifecycleSeries } from './snapshot-service';

const DAY = 86_400_000;
/** CLV's average order value and frequency come from this many days of orders. */
export const CLV_WINDOW_DAYS = 365;
/** Cohorts: the month in progress and the 11 before it. */
export const COHORT_MONTHS = 12;

export interface DashboardWorkspace {
	id: number;
	currency: string;
	timeZone: string;
}

export async function dashboardFigures(
	db: Db,
	workspace: DashboardWorkspace,
	options: { days: PeriodDays; now?: number }
): Promise<Dashboard> {
	const now = options.now ?? Date.now();
	const zone = zoneOr(workspace.timeZone);
	const start = now - options.days * DAY;
	const clvStart = now - CLV_WINDOW_DAYS * DAY;
	const churnStart = now - CHURN_WINDOW_DAYS * DAY;
	const current = monthOf(now, zone);
	const cacMonths = monthRange(monthOf(start, zone), current);
	const cohortMonths = monthRange(addMonths(current, -(COHORT_MONTHS - 1)), current);
	// One read of orders covers every figure's window: the earliest of them is the oldest month.
	const since = Math.min(
		start,
		clvStart,
		monthStart(cacMonths[0]!, zone),
		monthStart(cohortMonths[0]!, zone)
	);

	const rules = await lifecycleRules(db, workspace.id);
	const [orders, atStart, atChurnStart, atNow, spendMilli] = await Promise.all([
		ordersWithHistory(db, workspace.id, since, now),
		historiesBefore(db, workspace.id, start),
		historiesBefore(db, workspace.id, churnStart),
		historiesBefore(db, workspace.id, now),
		acquisitionSpend(db, workspace.id, cacMonths)
	]);

	const period = periodFigures(orders, start, now);
	const churn = churnBetween(atStart, atNow, start, now, rules);
	const health: HealthFigures = {
		...period,
		churnBase: churn.base,
		churned: churn.churned,
		churnRate: churn.rate
	};

	const spendMinor = new Map([...spendMilli].map(([m, milli]) => [m, milli / 1000]));
	const acquisition: Acquisition = acquisitionCost(
		cacMonths,
		spendMinor,
		newCustomersByMonth(orders, cacMonths, zone)
	);

	const recentChurn = churnBetween(atChurnStart, atNow, churnStart, now, rules);
	const { annualChurn, lifetimeYears } = expectedLifetime(recentChurn.rate, CHURN_WINDOW_DAYS);
	const overall = clvRow('all', buyerTotals(orders, clvStart, now), lifetimeYears);
	const clv: ClvFigures = {
		windowStart: clvStart,
		churnRate: recentChurn.rate,
		annualChurn,
		lifetimeYears,
		overall,
		tiers: VALUE_TIERS.map((tier) =>
			clvRow(tier, buyerTotals(orders, clvStart, now, tier), lifetimeYears)
		),
		clvToCac:
			overall.clvMinor !== null && acquisition.cacMinor !== null && acquisition.cacMinor > 0
				? overall.clvMinor / acquisition.cacMinor
				: null
	};

	const [roi, lifecycle] = await Promise.all([
		roiSummary(db, workspace.id, current, now),
		lifecycleSeries(db, workspace.id, zone, now)
	]);

	return {
		days: options.days,
		start,
		end: now,
		currency: workspace.currency,
		timeZone: zone,
		roi,
		acquisition,
		clv,
		health,
		cohorts: cohortRetention(orders, cohortMonths, zone),
		lifecycle
	};
}
