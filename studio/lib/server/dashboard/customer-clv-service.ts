/**
 * One customer's CLV estimate for their profile: the dashboard's formula with the customer's own
 * average order value and yearly orders (the same 12-month window) and the workspace's expected
 * lifetime from its last 90 days of churn, exactly as dashboardFigures works it out.
 */
import { churnBetween } from '../../dashboard/lifecycle-at';
import {
	CHURN_WINDOW_DAYS,
	customerClv,
	expectedLifetime,
	type CustomerClv
} from '../../dashboard/value-metrics';
import { lifecycleRules } from '../customer/lifecycle-settings-service';
import type { Db } from '../db/connect';
import { CLV_WINDOW_DAYS } from './dashboard-service';
import { customerOrderTotals, historiesBefore } from './metrics-repository';

const DAY = 86_400_000;

/** The workspace's expected customer lifetime in years at `now`; null without a churn base. */
/**
 * The lifetime reads every buyer's orders, too much for each profile view, and it moves slowly:
 * it is kept per database and workspace for ten minutes (each instance keeps its own).
 */
const LIFETIME_TTL_MS = 10 * 60_000;
const lifetimes = new WeakMap<Db, Map<number, { at: number; years: number | null }>>();

export async function workspaceLifetime(
	db: Db,
	workspaceId: number,
	now: number
): Promise<number | null> {
	let cache = lifetimes.get(db);
	if (!cache) {
		cache = new Map<number, { at: number; years: number | null }>();
		lifetimes.set(db, cache);
	}
	const kept = cache.get(workspaceId);
	if (kept && Math.abs(now - kept.at) < LIFETIME_TTL_MS) return kept.years;
	const years = await computeLifetime(db, workspaceId, now);
	cache.set(workspaceId, { at: now, years });
	return years;
}

async function computeLifetime(db: Db, workspaceId: number, now: number): Promise<number | null> {
	const churnStart = now - CHURN_WINDOW_DAYS * DAY;
	const [rules, before, after] = await Promise.all([
		lifecycleRules(db, workspaceId),
		historiesBefore(db, workspaceId, churnStart),
		historiesBefore(db, workspaceId, now)
	]);
	const churn = churnBetween(before, after, churnStart, now, rules);
	return expectedLifetime(churn.rate, CHURN_WINDOW_DAYS).lifetimeYears;
}

export async function customerClvEstimate(
	db: Db,
	workspaceId: number,
	customerId: number,
	now = Date.now()
): Promise<CustomerClv> {
	const [totals, lifetimeYears] = await Promise.all([
		customerOrderTotals(db, workspaceId, customerId, now - CLV_WINDOW_DAYS * DAY, now),
		workspaceLifetime(db, workspaceId, now)
	]);
	return customerClv(totals, totals.ordersEver, lifetimeYears);
}
