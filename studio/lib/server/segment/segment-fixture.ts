import type { Db } from '../db/connect';
import type { CustomerTable, LifecycleStage } from '../db/schema';

// For tests only: a small hand-built shop whose every customer exercises some condition.

export const DAY = 24 * 60 * 60 * 1000;
/** A fixed evaluation time, so windows and "days ago" are deterministic. */
export const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

export const INJECTION = "'; drop table customer; --";

interface CustomerSpec {
	name: string;
	email?: string | null;
	traits?: Record<string, unknown>;
	consent?: CustomerTable['consent'];
	stage?: LifecycleStage;
	tier?: CustomerTable['value_tier'];
	rfm?: [number, number, number] | null;
	orders?: number;
	revenue?: number;
	avgDays?: number | null;
	lastOrderAt?: number | null;
	firstSeenAt?: number;
	lastSeenAt?: number;
	churn?: number | null;
}

export async function insertWorkspace(db: Db, slug: string): Promise<number> {
	const row = await db
		.insertInto('workspace')
		.values({ slug, name: slug, currency: 'EUR', time_zone: 'UTC', created_at: NOW })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function insertCustomer(
	db: Db,
	workspaceId: number,
	spec: CustomerSpec
): Promise<number> {
	const row = await db
		.insertInto('customer')
		.values({
			workspace_id: workspaceId,
			external_id: spec.name,
			email: spec.email === undefined ? `${spec.name}@example.com` : spec.email,
			name: spec.name,
			traits: JSON.stringify(spec.traits ?? {}),
			consent: spec.consent ?? 'granted',
			first_seen_at: spec.firstSeenAt ?? NOW - 400 * DAY,
			last_seen_at: spec.lastSeenAt ?? NOW - DAY,
			orders_count: spec.orders ?? 0,
			revenue_minor: spec.revenue ?? 0,
			last_order_at: spec.lastOrderAt ?? null,
			created_at: NOW - 400 * DAY,
			updated_at: NOW,
			avg_days_between_orders: spec.avgDays ?? null,
			rfm_recency: spec.rfm?.[0] ?? null,
			rfm_frequency: spec.rfm?.[1] ?? null,
			rfm_monetary: spec.rfm?.[2] ?? null,
			value_tier: spec.tier ?? null,
			lifecycle_stage: spec.stage ?? 'prospect',
			churn_risk: spec.churn ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

let messageCounter = 0;

export async function insertEvent(
	db: Db,
	workspaceId: number,
	customerId: number,
	name: string,
	timestamp: number,
	properties: Record<string, unknown> = {}
): Promise<void> {
	await db
		.insertInto('event')
		.values({
			workspace_id: workspaceId,
			message_id: `m-${messageCounter++}`,
			customer_id: customerId,
			anonymous_id: null,
			user_id: null,
			type: 'track',
			name,
			properties: JSON.stringify(properties),
			timestamp,
			received_at: timestamp
		})
		.execute();
}

export interface Shop {
	workspaceId: number;
	otherWorkspaceId: number;
	ids: Record<'ada' | 'bob' | 'cy' | 'dee' | 'eve', number>;
}

/**
 * ada: Paris, granted, growing/core, 3 orders (10, 40, 100 days ago), views Tea and Coffee.
 * bob: Berlin, consent denied, declining/regular, 1 order exactly 90 days ago, views "tea".
 * cy: no traits, unknown consent, prospect, no orders, first seen 5 days ago.
 * dee: an SQL-looking city and a Chinese trait key, churned/lost, orders 200 and 300 days ago.
 * eve: in another workspace, matches nearly everything; must never show up.
 */
export async function buildShop(db: Db, prefix: string): Promise<Shop> {
	const workspaceId = await insertWorkspace(db, `${prefix}-shop`);
	const otherWorkspaceId = await insertWorkspace(db, `${prefix}-other`);
	const ada = await insertCustomer(db, workspaceId, {
		name: 'ada',
		email: 'Ada@Example.com',
		traits: {
			city: 'Paris',
			age: 34,
			birthday: '1990-05-12',
			vip: true,
			nickname: '小明',
			['__proto__']: 'polluted?'
		},
		stage: 'growing',
		tier: 'core',
		rfm: [5, 4, 5],
		orders: 3,
		revenue: 30_000,
		avgDays: 45,
		lastOrderAt: NOW - 10 * DAY,
		churn: 0.1
	});
	const bob = await insertCustomer(db, workspaceId, {
		name: 'bob',
		traits: { city: 'Berlin', age: '41', birthday: '1985-12-01T08:00:00Z', vip: false },
		consent: 'denied',
		stage: 'declining',
		tier: 'regular',
		rfm: [2, 1, 2],
		orders: 1,
		revenue: 5_000,
		lastOrderAt: NOW - 90 * DAY,
		churn: 0.7
	});
	const cy = await insertCustomer(db, workspaceId, {
		name: 'cy',
		email: null,
		consent: 'unknown',
		firstSeenAt: NOW - 5 * DAY,
		lastSeenAt: NOW - 5 * DAY
	});
	const dee = await insertCustomer(db, workspaceId, {
		name: 'dee',
		traits: { city: INJECTION, 名字: '测试', age: 'unknown' },
		stage: 'churned',
		tier: 'lost',
		rfm: [1, 2, 3],
		orders: 2,
		revenue: 12_000,
		avgDays: 100,
		lastOrderAt: NOW - 200 * DAY,
		churn: 0.9
	});
	const eve = await insertCustomer(db, otherWorkspaceId, {
		name: 'eve',
		traits: { city: 'Paris', age: 50 },
		stage: 'growing',
		tier: 'core',
		rfm: [5, 5, 5],
		orders: 9,
		revenue: 90_000,
		lastOrderAt: NOW - DAY
	});

	for (const days of [10, 40, 100])
		await insertEvent(db, workspaceId, ada, 'Order Completed', NOW - days * DAY);
	await insertEvent(db, workspaceId, ada, 'Product Viewed', NOW - 2 * DAY, {
		category: 'Tea',
		price: 12
	});
	await insertEvent(db, workspaceId, ada, 'Product Viewed', NOW - 3 * DAY, {
		category: 'Coffee',
		price: 8
	});
	await insertEvent(db, workspaceId, bob, 'Order Completed', NOW - 90 * DAY);
	await insertEvent(db, workspaceId, bob, 'Product Viewed', NOW - DAY, {
		category: 'tea',
		price: '9'
	});
	for (const days of [200, 300])
		await insertEvent(db, workspaceId, dee, 'Order Completed', NOW - days * DAY);
	for (const days of [1, 2, 3])
		await insertEvent(db, otherWorkspaceId, eve, 'Order Completed', NOW - days * DAY);
	await insertEvent(db, otherWorkspaceId, eve, 'Product Viewed', NOW - DAY, { category: 'Tea' });
	return { workspaceId, otherWorkspaceId, ids: { ada, bob, cy, dee, eve } };
}
