/**
 * The ROI and lifecycle dashboard's data, as the server computes it and the page shows and
 * exports it. Money is in minor units of the workspace currency (costs may carry fractions of a
 * minor unit: an email can cost a tenth of a cent); rates are fractions from 0 to 1; times are
 * epoch milliseconds. Every figure's definition is stated where it is computed and, for people,
 * in the `dashboard.def.*` messages.
 */
import type { LifecycleStage, ValueTier } from '../customer/lifecycle';
import type { JourneyIncrementality } from '../experiment/model';
import type { MonthKey } from './months';
import type { PeriodDays } from './period';

/** A point estimate with its 95% interval. */
export interface Estimate {
	estimate: number;
	lower: number;
	upper: number;
}

export type JourneyState = 'draft' | 'live' | 'paused' | 'archived';

/** What a journey cost since it started, by source (minor units), and the counts behind it. */
export interface JourneyCost {
	emails: number;
	webhooks: number;
	offers: number;
	points: number;
	/** Runs that reached the journey's goal (enrolment status `converted`). */
	conversions: number;
	/** Months with a fixed cost entered for the journey (up to the current month). */
	fixedMonths: number;
	messagesMinor: number;
	pointsMinor: number;
	conversionsMinor: number;
	fixedMinor: number;
	totalMinor: number;
}

export interface JourneyRoiRow {
	journeyId: number;
	name: string;
	status: JourneyState;
	/** The holdout comparison (null when it could not be computed). */
	incrementality: JourneyIncrementality | null;
	incrementalConversions: Estimate | null;
	incrementalRevenueMinor: Estimate | null;
	cost: JourneyCost;
	/** (incremental revenue - cost) / cost; null without a cost or a holdout comparison. */
	roi: Estimate | null;
}

export interface RoiSummary {
	rows: JourneyRoiRow[];
	overall: {
		/** Sum over the journeys with a holdout comparison; interval from summed variances. */
		incrementalRevenueMinor: Estimate | null;
		/** Cost of those same journeys. */
		costMinor: number;
		roi: Estimate | null;
		/** Journeys with a holdout comparison, out of `rows.length`. */
		measured: number;
	};
}

export interface CacMonth {
	month: MonthKey;
	/** Acquisition spend entered for the month; null when none was entered. */
	spendMinor: number | null;
	/** Customers whose first completed order fell in the month. */
	newCustomers: number;
	cacMinor: number | null;
}

export interface Acquisition {
	months: CacMonth[];
	/** Totals over the months with spend entered (months without spend are left out). */
	spendMinor: number;
	newCustomers: number;
	cacMinor: number | null;
}

export interface ClvRow {
	/** A value tier, or `all` for every customer. */
	tier: ValueTier | 'all';
	/** Customers with at least one completed order in the CLV window. */
	customers: number;
	orders: number;
	revenueMinor: number;
	aovMinor: number | null;
	/** Orders per customer over the 12-month window, i.e. per year. */
	frequency: number | null;
	clvMinor: number | null;
}

export interface ClvFigures {
	/** The 12 months of orders AOV and frequency come from. */
	windowStart: number;
	/** Churn over the last CHURN_WINDOW_DAYS days (stage rules), and as a yearly rate. */
	churnRate: number | null;
	annualChurn: number | null;
	/** 1 / annual churn, at most LIFETIME_CAP_YEARS; null while churn cannot be measured. */
	lifetimeYears: number | null;
	overall: ClvRow;
	tiers: ClvRow[];
	/** CLV per customer / the period's CAC. */
	clvToCac: number | null;
}

export interface HealthFigures {
	/** Customers with a completed order in the period. */
	buyers: number;
	orders: number;
	revenueMinor: number;
	/** Customers whose first-ever order fell in the period. */
	newCustomers: number;
	repeatRate: number | null;
	/** Active at the period's start (new, growing, mature or declining), churned at its end. */
	churnBase: number;
	churned: number;
	churnRate: number | null;
	avgDaysBetweenOrders: number | null;
	returningRevenueShare: number | null;
}

export interface CohortRow {
	/** Month of the customers' first completed order. */
	cohort: MonthKey;
	customers: number;
	/** Index k: customers of the cohort with an order in month k after it (k = 0 is everyone); null for months still to come. */
	retained: (number | null)[];
	rates: (number | null)[];
}

export interface Cohorts {
	months: MonthKey[];
	rows: CohortRow[];
}

export type SnapshotTier = ValueTier | 'none';

export interface SnapshotCell {
	month: MonthKey;
	stage: LifecycleStage;
	tier: SnapshotTier;
	customers: number;
}

export interface LifecycleSeries {
	months: MonthKey[];
	/** Customers per stage, one count per month (same order as `months`). */
	stages: Record<LifecycleStage, number[]>;
	tiers: Record<SnapshotTier, number[]>;
	cells: SnapshotCell[];
}

export interface Dashboard {
	days: PeriodDays;
	start: number;
	end: number;
	currency: string;
	timeZone: string;
	roi: RoiSummary;
	acquisition: Acquisition;
	clv: ClvFigures;
	health: HealthFigures;
	cohorts: Cohorts;
	lifecycle: LifecycleSeries;
}
