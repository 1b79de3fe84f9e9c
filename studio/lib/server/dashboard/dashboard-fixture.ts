/**
 * For tests only: small shops whose dashboard figures are worked out by hand in
 * dashboard-service.test.ts. Orders are placed at midnight UTC on the dates given; the workspace
 * is in UTC and the dashboard looks from NOW.
 */
import type { Db } from '../db/connect';
import type { CustomerTable, EnrollmentStatus, MessageChannel, MessageStatus } from '../db/schema';

export const DAY = 86_400_000;
/** 20 November 2026, noon UTC. */
export const NOW = Date.UTC(2026, 10, 20, 12);

export const at = (date: string) => Date.parse(`${date}T00:00:00Z`);

export async function insertShop(db: Db, slug: string): Promise<number> {
	const row = await db
		.insertInto('workspace')
		.values({ slug, name: slug, currency: 'EUR', time_zone: 'UTC', created_at: at('2025-01-01') })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

let orderCounter = 0;

/**
 * A customer and their orders. The customer's computed columns are filled from the completed
 * orders, as the facts job would, so the job can be compared with the dashboard's derivation.
 */
export async function insertBuyer(
	db: Db,
	workspaceId: number,
	spec: {
		name: string;
		orders: [date: string, totalMinor: number, status?: 'completed' | 'refunded'][];
		tier?: CustomerTable['value_tier'];
		firstSeen?: string;
	}
): Promise<number> {
	const completed = spec.orders.filter(([, , status]) => (status ?? 'completed') === 'completed');
	const times = completed.map(([date]) => at(date)).sort((a, b) => a - b);
	const firstSeen = spec.firstSeen ? at(spec.firstSeen) : (times[0] ?? at('2025-01-01'));
	const { id } = await db
		.insertInto('customer')
		.values({
			workspace_id: workspaceId,
			external_id: spec.name,
			email: `${spec.name}@example.com`,
			name: spec.name,
			traits: '{}',
			consent: 'granted',
			first_seen_at: firstSeen,
			last_seen_at: times[times.length - 1] ?? firstSeen,
			orders_count: completed.length,
			revenue_minor: completed.reduce((sum, [, total]) => sum + total, 0),
			first_order_at: times[0] ?? null,
			last_order_at: times[times.length - 1] ?? null,
			value_tier: spec.tier ?? null,
			created_at: firstSeen,
			updated_at: firstSeen
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const [date, total, status] of spec.orders)
		await insertOrder(db, workspaceId, id, date, total, status);
	return id;
}

export async function insertOrder(
	db: Db,
	workspaceId: number,
	customerId: number | null,
	date: string | number,
	totalMinor: number,
	status: 'completed' | 'refunded' = 'completed'
): Promise<void> {
	const placed = typeof date === 'number' ? date : at(date);
	await db
		.insertInto('shop_order')
		.values({
			workspace_id: workspaceId,
			external_id: `o-${++orderCounter}`,
			customer_id: customerId,
			source: 'web',
			status,
			total_minor: totalMinor,
			currency: 'EUR',
			placed_at: placed,
			created_at: placed
		})
		.execute();
}

/** A journey, published once (unless `published` is false), with `goal` in its settings. */
export async function insertJourney(
	db: Db,
	workspaceId: number,
	name: string,
	options: { published?: boolean } = {}
): Promise<{ journeyId: number; versionId: number | null }> {
	const definition = JSON.stringify({ settings: { goal: null, holdout: 0.5 }, nodes: [] });
	const { id } = await db
		.insertInto('journey')
		.values({
			workspace_id: workspaceId,
			name,
			status: options.published === false ? 'draft' : 'live',
			draft: definition,
			created_at: at('2026-09-01'),
			updated_at: at('2026-09-01')
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	if (options.published === false) return { journeyId: id, versionId: null };
	const version = await db
		.insertInto('journey_version')
		.values({
			workspace_id: workspaceId,
			journey_id: id,
			number: 1,
			definition,
			published_at: at('2026-09-01')
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.updateTable('journey')
		.set({ live_version_id: version.id })
		.where('id', '=', id)
		.execute();
	return { journeyId: id, versionId: version.id };
}

export async function insertRun(
	db: Db,
	workspaceId: number,
	journey: { journeyId: number; versionId: number | null },
	customerId: number,
	status: EnrollmentStatus,
	enteredAt: number
): Promise<number> {
	const { id } = await db
		.insertInto('enrollment')
		.values({
			workspace_id: workspaceId,
			journey_id: journey.journeyId,
			version_id: journey.versionId!,
			customer_id: customerId,
			status,
			node_id: 'entry',
			context: '{}',
			entered_at: enteredAt,
			updated_at: enteredAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

let messageCounter = 0;

export async function insertMessage(
	db: Db,
	workspaceId: number,
	journeyId: number | null,
	channel: MessageChannel,
	status: MessageStatus
): Promise<void> {
	await db
		.insertInto('message')
		.values({
			workspace_id: workspaceId,
			journey_id: journeyId,
			channel,
			idempotency_key: `m-${++messageCounter}`,
			status,
			payload: '{}',
			created_at: NOW - 10 * DAY,
			sent_at: status === 'sent' ? NOW - 10 * DAY : null
		})
		.execute();
}

export async function insertPoints(
	db: Db,
	workspaceId: number,
	customerId: number,
	points: number,
	key: string
): Promise<void> {
	await db
		.insertInto('loyalty_ledger')
		.values({
			workspace_id: workspaceId,
			customer_id: customerId,
			points,
			reason: 'test',
			idempotency_key: key,
			created_at: NOW - 10 * DAY
		})
		.execute();
}
