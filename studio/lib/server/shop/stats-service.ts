import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import {
	countActiveCustomers,
	countCustomers,
	countEvents,
	countProducts,
	findCustomer,
	orderTotals
} from './stats-repository';

const DAY = 24 * 60 * 60 * 1000;

/** The dashboard's headline numbers, all read from the workspace's own data. */
export async function dashboardSummary(db: Db, workspaceId: number, now = Date.now()) {
	const since = now - 30 * DAY;
	const [customers, activeCustomers, totals, events] = await Promise.all([
		countCustomers(db, workspaceId),
		countActiveCustomers(db, workspaceId, since),
		orderTotals(db, workspaceId, since),
		countEvents(db, workspaceId, since)
	]);
	return { customers, activeCustomers, ...totals, events };
}

export async function catalogueCounts(db: Db, workspaceId: number) {
	const [customers, products] = await Promise.all([
		countCustomers(db, workspaceId),
		countProducts(db, workspaceId)
	]);
	return { customers, products };
}

/** One customer as the REST API shows it; null when it is not in this workspace. */
export async function customerForApi(db: Db, workspaceId: number, id: number) {
	const row = await findCustomer(db, workspaceId, id);
	if (!row) return null;
	return {
		id: row.id,
		userId: row.external_id,
		email: row.email,
		name: row.name,
		traits: readJson<Record<string, unknown>>(row.traits, {}),
		consent: row.consent,
		firstSeenAt: new Date(row.first_seen_at).toISOString(),
		lastSeenAt: new Date(row.last_seen_at).toISOString(),
		ordersCount: row.orders_count,
		revenueMinor: row.revenue_minor
	};
}
