import { SqliteAdapter } from 'kysely';
import type { Db } from '../db/connect';
import { IdentityConflict, resolveCustomers } from '../customer/identity-service';
import {
	closeOrderOnce,
	insertOrderOnce,
	productIdsBySku,
	workspaceCurrency
} from '../shop/order-write-repository';
import { recordRecommendationInteractions } from '../recommender/attribution-service';
import { insertEvents } from './event-repository';
import { GroupCommitQueue } from './group-commit';
import { orderEffectOf, type OrderEffect } from './order-events';
import type { TrackedEvent } from './payload';

export interface IngestResult {
	/** Events stored by this request. */
	stored: number;
	/** Events whose messageId was already stored (client retries): accepted, not stored again. */
	duplicates: number;
	ordersCreated: number;
}

const ATTEMPTS = 5;
/** PostgreSQL codes a concurrent request can cause; the request is then simply run again. */
const RETRYABLE_CODES = new Set(['23505', '23503', '40001', '40P01']);

function isRetryable(error: unknown): boolean {
	if (error instanceof IdentityConflict) return true;
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

const queues = new WeakMap<Db, GroupCommitQueue>();

function sqliteQueue(db: Db): GroupCommitQueue | null {
	if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return null;
	let queue = queues.get(db);
	if (!queue) queues.set(db, (queue = new GroupCommitQueue(db)));
	return queue;
}

/**
 * Stores one request's events with everything they imply (customers, identities, merges, orders)
 * atomically (a transaction of its own on PostgreSQL, a savepoint in a shared transaction on
 * SQLite: see GroupCommitQueue), committed before it returns, so the response can promise
 * durability and a retry can never half apply. Races with concurrent requests on PostgreSQL roll
 * back and run again.
 */
export async function ingestEvents(
	db: Db,
	workspaceId: number,
	events: readonly TrackedEvent[],
	receivedAt: number
): Promise<IngestResult> {
	if (!events.length) return { stored: 0, duplicates: 0, ordersCreated: 0 };
	if (db.isTransaction) return ingestOnce(db, workspaceId, events, receivedAt);
	const queue = sqliteQueue(db);
	if (queue)
		return queue.run((trx) => ingestOnce(trx, workspaceId, events, receivedAt), events.length);
	for (let attempt = 1; ; attempt++) {
		try {
			return await db
				.transaction()
				.execute((trx) => ingestOnce(trx, workspaceId, events, receivedAt));
		} catch (error) {
			if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
			await new Promise((resolve) => setTimeout(resolve, attempt * 5 * Math.random()));
		}
	}
}

async function ingestOnce(
	db: Db,
	workspaceId: number,
	events: readonly TrackedEvent[],
	receivedAt: number
): Promise<IngestResult> {
	const resolution = await resolveCustomers(db, workspaceId, events, receivedAt);
	const stored = await insertEvents(
		db,
		workspaceId,
		events.map((event, i) => ({
			messageId: event.messageId,
			customerId: resolution.customerIds[i]!,
			anonymousId: event.anonymousId,
			userId: event.userId,
			type: event.type,
			name: event.name,
			properties: event.json,
			timestamp: event.timestamp,
			receivedAt
		}))
	);
	await recordRecommendationInteractions(db, workspaceId, events, resolution.customerIds);
	const ordersCreated = await applyOrderEffects(
		db,
		workspaceId,
		events,
		resolution.customerIds,
		receivedAt
	);
	return { stored, duplicates: events.length - stored, ordersCreated };
}

async function applyOrderEffects(
	db: Db,
	workspaceId: number,
	events: readonly TrackedEvent[],
	customerIds: readonly number[],
	now: number
): Promise<number> {
	let currency: string | null = null;
	const effects: { effect: OrderEffect; customerId: number }[] = [];
	for (const [i, event] of events.entries()) {
		// Cheap filter first: nearly every event is not an order event.
		if (event.type !== 'track' || event.name === null || !/^order /i.test(event.name)) continue;
		currency ??= await workspaceCurrency(db, workspaceId);
		const effect = orderEffectOf(event.name, event.properties, event.timestamp, currency);
		if (effect) effects.push({ effect, customerId: customerIds[i]! });
	}
	if (!effects.length) return 0;
	const skus = new Set<string>();
	for (const { effect } of effects)
		if (effect.kind === 'completed')
			for (const line of effect.order.lines) for (const key of line.productKeys) skus.add(key);
	const productIds = await productIdsBySku(db, workspaceId, [...skus]);
	let created = 0;
	for (const { effect, customerId } of effects) {
		if (effect.kind === 'completed') {
			if (await insertOrderOnce(db, workspaceId, { ...effect.order, customerId }, productIds, now))
				created++;
		} else await closeOrderOnce(db, workspaceId, effect.externalId, effect.kind, now);
	}
	return created;
}
