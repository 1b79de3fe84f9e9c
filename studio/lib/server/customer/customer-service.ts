import { PAGE_SIZE, type CustomerListQuery } from '../../customer/list-query';
import type { Db } from '../db/connect';
import { segmentsOfCustomer } from '../segment/segment-service';
import { readJson } from '../db/json';
import {
	countCustomers,
	customerEvents,
	customerIdentities,
	customerOrders,
	findCustomerRow,
	listCustomers,
	segmentOptions
} from './customer-read-repository';

export async function customersPage(db: Db, workspaceId: number, query: CustomerListQuery) {
	const [rows, total, segments] = await Promise.all([
		listCustomers(db, workspaceId, query, PAGE_SIZE),
		countCustomers(db, workspaceId, query),
		segmentOptions(db, workspaceId)
	]);
	return { rows, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), segments };
}

export const TIMELINE_PAGE = 50;

/** Everything the profile page shows; null when the customer is not in this workspace. */
export async function customerProfile(
	db: Db,
	workspaceId: number,
	id: number,
	before?: { timestamp: number; id: number }
) {
	const row = await findCustomerRow(db, workspaceId, id);
	if (!row) return null;
	const [orders, events, segments, identities] = await Promise.all([
		customerOrders(db, workspaceId, id, 20),
		customerEvents(db, workspaceId, id, TIMELINE_PAGE + 1, before),
		segmentsOfCustomer(db, workspaceId, id),
		customerIdentities(db, workspaceId, id)
	]);
	const page = events.slice(0, TIMELINE_PAGE).map((event) => ({
		...event,
		properties: readJson<Record<string, unknown>>(event.properties, {})
	}));
	const last = page[page.length - 1];
	return {
		customer: {
			id: row.id,
			externalId: row.external_id,
			email: row.email,
			name: row.name,
			consent: row.consent,
			firstSeenAt: row.first_seen_at,
			lastSeenAt: row.last_seen_at,
			ordersCount: row.orders_count,
			revenueMinor: row.revenue_minor,
			averageOrderMinor:
				row.orders_count > 0 ? Math.round(row.revenue_minor / row.orders_count) : null,
			firstOrderAt: row.first_order_at,
			lastOrderAt: row.last_order_at,
			avgDaysBetweenOrders: row.avg_days_between_orders,
			rfm:
				row.rfm_recency === null
					? null
					: { r: row.rfm_recency, f: row.rfm_frequency, m: row.rfm_monetary },
			valueTier: row.value_tier,
			lifecycleStage: row.lifecycle_stage,
			churnRisk: row.churn_risk,
			loyaltyPoints: row.loyalty_points
		},
		traits: readJson<Record<string, unknown>>(row.traits, {}),
		orders: orders.map((o) => ({ ...o, items: Number(o.items ?? 0) })),
		events: page,
		nextEvents: events.length > TIMELINE_PAGE && last ? `${last.timestamp}.${last.id}` : null,
		segments,
		identities
	};
}

/** The timeline cursor `<timestamp>.<id>` from the URL, or undefined when absent or malformed. */
export function parseTimelineCursor(value: string | null) {
	const match = value?.match(/^(\d{1,15})\.(\d{1,15})$/);
	if (!match) return undefined;
	return { timestamp: Number(match[1]), id: Number(match[2]) };
}
