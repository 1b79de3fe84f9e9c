import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { ParsedInteraction } from './interactions';

export async function insertInteractions(
	db: Db,
	workspaceId: number,
	rows: (ParsedInteraction & { messageId: string; customerId: number | null; at: number })[]
): Promise<void> {
	if (!rows.length) return;
	await db
		.insertInto('recommendation_interaction')
		.values(
			rows.map((r) => ({
				workspace_id: workspaceId,
				message_id: r.messageId,
				recommendation_id: r.recommendationId,
				sku: r.sku,
				kind: r.kind,
				placement: r.placement,
				customer_id: r.customerId,
				at: r.at
			}))
		)
		// A retried event was recorded the first time.
		.onConflict((oc) => oc.columns(['workspace_id', 'message_id']).doNothing())
		.execute();
}

export interface PlacementStats {
	placement: string;
	impressions: number;
	clicks: number;
	orders: number;
	revenueMinor: number;
}

/**
 * Per placement since `since`: impressions, clicks, and the completed orders that contain a
 * product the same customer clicked in a recommendation within `windowMs` before ordering. Each
 * order line counts once however many clicks led to it.
 */
export async function placementStats(
	db: Db,
	workspaceId: number,
	since: number,
	windowMs: number
): Promise<PlacementStats[]> {
	const counts = await db
		.selectFrom('recommendation_interaction')
		.select(['placement'])
		.select((eb) => [
			eb.fn.sum<number>(sql`case when kind = 'view' then 1 else 0 end`).as('impressions'),
			eb.fn.sum<number>(sql`case when kind = 'click' then 1 else 0 end`).as('clicks')
		])
		.where('workspace_id', '=', workspaceId)
		.where('at', '>=', since)
		.groupBy('placement')
		.execute();
	const attributed = await db
		.selectFrom((eb) =>
			eb
				.selectFrom('recommendation_interaction as ri')
				.innerJoin('shop_order as o', (join) =>
					join
						.onRef('o.customer_id', '=', 'ri.customer_id')
						.on('o.workspace_id', '=', workspaceId)
						.on('o.status', '=', 'completed')
						.onRef('o.placed_at', '>=', 'ri.at')
						.on((e) => e('o.placed_at', '<=', sql<number>`ri.at + ${windowMs}`))
				)
				.innerJoin('order_line as ol', (join) =>
					join.onRef('ol.order_id', '=', 'o.id').onRef('ol.sku', '=', 'ri.sku')
				)
				.select([
					'ri.placement as placement',
					'ol.id as lineId',
					'o.id as orderId',
					sql<number>`ol.price_minor * ol.quantity`.as('amount')
				])
				.where('ri.workspace_id', '=', workspaceId)
				.where('ri.kind', '=', 'click')
				.where('ri.at', '>=', since)
				.distinct()
				.as('hit')
		)
		.select(['hit.placement'])
		.select((eb) => [
			eb.fn.count<number>('hit.orderId').distinct().as('orders'),
			eb.fn.sum<number>('hit.amount').as('revenue')
		])
		.groupBy('hit.placement')
		.execute();
	const byPlacement = new Map<string, PlacementStats>();
	for (const c of counts)
		byPlacement.set(c.placement, {
			placement: c.placement,
			impressions: Number(c.impressions),
			clicks: Number(c.clicks),
			orders: 0,
			revenueMinor: 0
		});
	for (const a of attributed) {
		const entry = byPlacement.get(a.placement) ?? {
			placement: a.placement,
			impressions: 0,
			clicks: 0,
			orders: 0,
			revenueMinor: 0
		};
		entry.orders = Number(a.orders);
		entry.revenueMinor = Number(a.revenue ?? 0);
		byPlacement.set(a.placement, entry);
	}
	return [...byPlacement.values()].sort((a, b) => b.impressions - a.impressions);
}
