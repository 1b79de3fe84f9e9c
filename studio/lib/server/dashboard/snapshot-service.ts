/**
 * Monthly lifecycle snapshots: customers per stage and value tier at the end of each of the last
 * 12 months, and at "now" for the month in progress. History is derived from orders (see
 * lib/dashboard/lifecycle-at.ts): for each month end, every customer's completed orders placed
 * before it give their history then; the workspace's stage rules and RFM-quintile tiers are
 * applied to it; customers first seen before it with no order yet are prospects (tier "none").
 * All 13 months are recomputed on every refresh, so orders imported later with old dates, and
 * changed stage rules, reach the past months too.
 */
import { LIFECYCLE_STAGES } from '../../customer/lifecycle';
import { snapshotAt } from '../../dashboard/lifecycle-at';
import type { LifecycleSeries, SnapshotCell, SnapshotTier } from '../../dashboard/model';
import { addMonths, monthEnd, monthOf, monthRange, type MonthKey } from '../../dashboard/months';
import { zoneOr } from '../../journey/clock';
import { lifecycleRules } from '../customer/lifecycle-settings-service';
import type { Db } from '../db/connect';
import { inTransaction } from '../db/transaction';
import { historiesBefore, prospectsBefore } from './metrics-repository';
import {
	latestSnapshotMonth,
	replaceSnapshots,
	snapshotCells,
	workspaceZones
} from './snapshot-repository';

/** The month in progress and the 12 before it. */
export const SNAPSHOT_MONTHS = 13;
export const SNAPSHOT_TIERS: readonly SnapshotTier[] = [
	'core',
	'potential',
	'regular',
	'lost',
	'none'
];

export function snapshotMonths(now: number, timeZone: string): MonthKey[] {
	const current = monthOf(now, timeZone);
	return monthRange(addMonths(current, -(SNAPSHOT_MONTHS - 1)), current);
}

/** Recomputes a workspace's snapshots of the last 13 months. */
export async function refreshLifecycleSnapshots(
	db: Db,
	workspaceId: number,
	timeZone: string,
	now = Date.now()
): Promise<MonthKey[]> {
	const zone = zoneOr(timeZone);
	const rules = await lifecycleRules(db, workspaceId);
	const months = snapshotMonths(now, zone);
	const current = months[months.length - 1];
	const cells: SnapshotCell[] = [];
	for (const month of months) {
		const at = month === current ? now : monthEnd(month, zone);
		const [histories, prospects] = await Promise.all([
			historiesBefore(db, workspaceId, at),
			prospectsBefore(db, workspaceId, at)
		]);
		for (const cell of snapshotAt(histories, prospects, at, rules)) cells.push({ month, ...cell });
	}
	await inTransaction(db, (trx) => replaceSnapshots(trx, workspaceId, months, cells));
	return months;
}

/** Every workspace's snapshots, for the periodic job. */
export async function refreshAllLifecycleSnapshots(db: Db, now = Date.now()): Promise<void> {
	for (const workspace of await workspaceZones(db))
		await refreshLifecycleSnapshots(db, workspace.id, workspace.timeZone, now);
}

/**
 * The last 13 months' snapshots as series per stage and per tier. Computed first when the month
 * in progress has none yet (a new workspace, or the first look of a month).
 */
export async function lifecycleSeries(
	db: Db,
	workspaceId: number,
	timeZone: string,
	now = Date.now()
): Promise<LifecycleSeries> {
	const zone = zoneOr(timeZone);
	const months = snapshotMonths(now, zone);
	const latest = await latestSnapshotMonth(db, workspaceId);
	if (latest === null || latest < months[months.length - 1]!)
		await refreshLifecycleSnapshots(db, workspaceId, zone, now);
	const cells = await snapshotCells(db, workspaceId, months);
	const index = new Map(months.map((m, i) => [m, i]));
	const stages = Object.fromEntries(
		LIFECYCLE_STAGES.map((s) => [s, months.map(() => 0)])
	) as LifecycleSeries['stages'];
	const tiers = Object.fromEntries(
		SNAPSHOT_TIERS.map((t) => [t, months.map(() => 0)])
	) as LifecycleSeries['tiers'];
	for (const cell of cells) {
		const i = index.get(cell.month)!;
		if (stages[cell.stage]) stages[cell.stage][i]! += cell.customers;
		if (tiers[cell.tier]) tiers[cell.tier][i]! += cell.customers;
	}
	return { months, stages, tiers, cells };
}
