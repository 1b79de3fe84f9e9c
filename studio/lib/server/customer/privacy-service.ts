import { recordAudit } from '../audit/audit-service';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { inTransaction } from '../db/transaction';
import { segmentsOfCustomer } from '../segment/segment-service';
import { customerIdentities, findCustomerRow } from './customer-read-repository';
import { allCustomerEvents, allCustomerOrders, deleteCustomerRows } from './privacy-repository';

/** Everything held about one customer, as one JSON document (a data subject access request). */
export async function exportCustomer(db: Db, workspaceId: number, customerId: number) {
	const row = await findCustomerRow(db, workspaceId, customerId);
	if (!row) return null;
	const [identities, events, orders, segments] = await Promise.all([
		customerIdentities(db, workspaceId, customerId),
		allCustomerEvents(db, workspaceId, customerId),
		allCustomerOrders(db, workspaceId, customerId),
		segmentsOfCustomer(db, workspaceId, customerId)
	]);
	const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
	return {
		exportedAt: new Date().toISOString(),
		customer: {
			id: row.id,
			userId: row.external_id,
			email: row.email,
			name: row.name,
			consent: row.consent,
			traits: readJson<Record<string, unknown>>(row.traits, {}),
			firstSeenAt: iso(row.first_seen_at),
			lastSeenAt: iso(row.last_seen_at),
			ordersCount: row.orders_count,
			revenueMinor: row.revenue_minor,
			lifecycleStage: row.lifecycle_stage,
			valueTier: row.value_tier,
			loyaltyPoints: row.loyalty_points
		},
		identities: identities.map((i) => ({ anonymousId: i.anonymousId, since: iso(i.createdAt) })),
		segments: segments.map((s) => ({ name: s.name, since: iso(s.enteredAt) })),
		orders: orders.map((o) => ({ ...o, placedAt: iso(o.placedAt) })),
		events: events.map((e) => ({
			...e,
			properties: readJson<Record<string, unknown>>(e.properties, {}),
			timestamp: iso(e.timestamp),
			receivedAt: iso(e.receivedAt)
		}))
	};
}

/** Deletes a customer for good and records who did it (without keeping the person's data). */
export async function deleteCustomer(
	db: Db,
	input: {
		workspaceId: number;
		customerId: number;
		actorUserId: number | null;
		ip: string | null;
		via: 'studio' | 'api';
	}
): Promise<{ ok: true } | { ok: false; error: 'not_found' }> {
	return inTransaction(db, async (trx) => {
		if (!(await deleteCustomerRows(trx, input.workspaceId, input.customerId)))
			return { ok: false, error: 'not_found' } as const;
		await recordAudit(trx, {
			workspaceId: input.workspaceId,
			actorUserId: input.actorUserId,
			action: 'customer.deleted',
			target: `customer ${input.customerId}`,
			ip: input.ip,
			detail: { via: input.via }
		});
		return { ok: true } as const;
	});
}
