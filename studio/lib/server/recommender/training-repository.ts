import type { InteractionEvent } from '@regulars/recommender';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import type { Json } from '../db/schema';

/** The event names that say something about a product, and the strength kind each counts as. */
const EVENT_KINDS: Record<string, string> = {
	'Product Viewed': 'view',
	'Product Clicked': 'view',
	'Product Added': 'add_to_cart'
};

/** Product ids as the tracking spec carries them: `product_id`, else `sku`. */
export function productOf(properties: Json): string | null {
	const p = readJson<Record<string, unknown>>(properties, {});
	const id = p.product_id ?? p.sku;
	return typeof id === 'string' && id ? id : typeof id === 'number' ? String(id) : null;
}

/** Rows per query while reading a history: each read holds SQLite's thread for milliseconds. */
const CHUNK = 5_000;
const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Everything the model learns from, since `since`: product views and cart adds from events, and
 * purchases from completed orders (which also come from imports and the back office, not only
 * from the storefront). Customers are identified by their internal id. Read in chunks with a
 * pause between them, so requests keep being answered while a big history loads.
 */
export async function readTrainingEvents(
	db: Db,
	workspaceId: number,
	since: number,
	maxEvents: number
): Promise<InteractionEvent[]> {
	const out: InteractionEvent[] = [];
	const last = await db
		.selectFrom('shop_order')
		.select((eb) => eb.fn.max('id').as('id'))
		.where('workspace_id', '=', workspaceId)
		.executeTakeFirst();
	const lastId = Number(last?.id ?? 0);
	// Order id ranges rather than LIMIT, so an order's lines are never split between chunks.
	for (let from = 0; from < lastId && out.length < maxEvents; from += CHUNK / 2) {
		const lines = await db
			.selectFrom('order_line')
			.innerJoin('shop_order', 'shop_order.id', 'order_line.order_id')
			.select([
				'shop_order.customer_id as customerId',
				'shop_order.id as orderId',
				'shop_order.placed_at as at',
				'order_line.sku'
			])
			// Scoped through the order: a filter on order_line.workspace_id too makes SQLite pick
			// the (workspace, product) index and rescan every line of the shop for each order.
			.where('shop_order.workspace_id', '=', workspaceId)
			.where('shop_order.id', '>', from)
			.where('shop_order.id', '<=', from + CHUNK / 2)
			.where('shop_order.status', '=', 'completed')
			.where('shop_order.customer_id', 'is not', null)
			.execute();
		for (const l of lines) {
			// The time filter is applied here: in SQL it would steer SQLite to the time index and
			// away from the id range, rescanning the shop's orders for every chunk.
			if (!l.sku || l.at < since) continue;
			out.push({
				userId: String(l.customerId),
				itemId: l.sku,
				type: 'purchase',
				at: l.at,
				orderId: String(l.orderId)
			});
		}
		await tick();
	}
	for (const name of Object.keys(EVENT_KINDS)) {
		// Newest first, so a history over the cap keeps its most recent part.
		let before = { timestamp: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
		while (out.length < maxEvents) {
			const rows = await db
				.selectFrom('event')
				.select(['id', 'customer_id as customerId', 'properties', 'timestamp'])
				.where('workspace_id', '=', workspaceId)
				.where('name', '=', name)
				.where('timestamp', '>=', since)
				.where((eb) =>
					eb.or([
						eb('timestamp', '<', before.timestamp),
						eb.and([eb('timestamp', '=', before.timestamp), eb('id', '<', before.id)])
					])
				)
				.orderBy('timestamp', 'desc')
				.orderBy('id', 'desc')
				.limit(CHUNK)
				.execute();
			for (const e of rows) {
				const itemId = productOf(e.properties);
				if (!itemId || e.customerId === null) continue;
				out.push({
					userId: String(e.customerId),
					itemId,
					type: EVENT_KINDS[name]!,
					at: e.timestamp
				});
			}
			const tail = rows.at(-1);
			if (!tail || rows.length < CHUNK) break;
			before = { timestamp: tail.timestamp, id: tail.id };
			await tick();
		}
	}
	return out.slice(0, maxEvents);
}

/**
 * When the workspace's history ends: its latest completed order or product event. A shop that
 * imported last year's orders has history that ends then, and trains on the year before that.
 */
export async function historyEnd(db: Db, workspaceId: number): Promise<number | null> {
	const [order, event] = await Promise.all([
		db
			.selectFrom('shop_order')
			.select((eb) => eb.fn.max('placed_at').as('at'))
			.where('workspace_id', '=', workspaceId)
			.where('status', '=', 'completed')
			.executeTakeFirst(),
		db
			.selectFrom('event')
			.select((eb) => eb.fn.max('timestamp').as('at'))
			.where('workspace_id', '=', workspaceId)
			.where('name', 'in', Object.keys(EVENT_KINDS))
			.executeTakeFirst()
	]);
	const ends = [order?.at, event?.at].filter((at) => at !== null && at !== undefined).map(Number);
	return ends.length ? Math.max(...ends) : null;
}

export interface CatalogueRow {
	sku: string;
	name: string;
	category: string | null;
	priceMinor: number;
	imageUrl: string | null;
	url: string | null;
	inStock: boolean;
}

export async function readCatalogue(db: Db, workspaceId: number): Promise<CatalogueRow[]> {
	const rows = await db
		.selectFrom('product')
		.select([
			'sku',
			'name',
			'category',
			'price_minor as priceMinor',
			'image_url as imageUrl',
			'url',
			'in_stock as inStock'
		])
		.where('workspace_id', '=', workspaceId)
		.execute();
	return rows.map((r) => ({ ...r, inStock: r.inStock === 1 }));
}

export async function insertModel(
	db: Db,
	row: {
		workspaceId: number;
		trainedAt: number;
		snapshot: Uint8Array;
		metrics: unknown;
		stats: unknown;
	}
): Promise<number> {
	const inserted = await db
		.insertInto('recommender_model')
		.values({
			workspace_id: row.workspaceId,
			trained_at: row.trainedAt,
			snapshot: Buffer.from(row.snapshot.buffer, row.snapshot.byteOffset, row.snapshot.byteLength),
			snapshot_bytes: row.snapshot.byteLength,
			metrics: JSON.stringify(row.metrics),
			stats: JSON.stringify(row.stats)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

/** Keeps the newest `keep` models of the workspace; older snapshots only take space. */
export async function pruneModels(db: Db, workspaceId: number, keep: number): Promise<void> {
	const kept = await db
		.selectFrom('recommender_model')
		.select('id')
		.where('workspace_id', '=', workspaceId)
		.orderBy('id', 'desc')
		.limit(keep)
		.execute();
	if (kept.length < keep) return;
	await db
		.deleteFrom('recommender_model')
		.where('workspace_id', '=', workspaceId)
		.where('id', '<', kept.at(-1)!.id)
		.execute();
}

export interface ModelMeta {
	id: number;
	trainedAt: number;
	snapshotBytes: number;
	metrics: Json;
	stats: Json;
}

export async function latestModelMeta(db: Db, workspaceId: number): Promise<ModelMeta | undefined> {
	return db
		.selectFrom('recommender_model')
		.select([
			'id',
			'trained_at as trainedAt',
			'snapshot_bytes as snapshotBytes',
			'metrics',
			'stats'
		])
		.where('workspace_id', '=', workspaceId)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export async function latestModelId(db: Db, workspaceId: number): Promise<number | null> {
	const row = await db
		.selectFrom('recommender_model')
		.select('id')
		.where('workspace_id', '=', workspaceId)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.id ?? null;
}

export async function readSnapshot(
	db: Db,
	workspaceId: number,
	id: number
): Promise<{ snapshot: Uint8Array; trainedAt: number } | undefined> {
	return db
		.selectFrom('recommender_model')
		.select(['snapshot', 'trained_at as trainedAt'])
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.executeTakeFirst();
}
