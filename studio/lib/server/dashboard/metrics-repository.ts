/**
 * The reads behind the dashboard: completed orders that belong to a customer (orders without one
 * cannot say anything about retention), customers' histories before an instant, and what each
 * journey did that costs money. Grouped queries, never one per customer.
 */
import { sql } from 'kysely';
import type { OrderRow } from '../../dashboard/customer-metrics';
import type { BuyerHistory } from '../../dashboard/lifecycle-at';
import type { Db } from '../db/connect';

/**
 * Completed orders placed in [since, until), each with the same customer's previous order time
 * and first-ever order time. The window functions run over the customer's whole history before
 * `until`, so an order in the range still knows about orders before it.
 */
export async function ordersWithHistory(
	db: Db,
	workspaceId: number,
	since: number,
	until: number
): Promise<OrderRow[]> {
	const history = db
		.selectFrom('shop_order')
		.select([
			'shop_order.customer_id as customerId',
			'shop_order.placed_at as placedAt',
			'shop_order.total_minor as totalMinor',
			sql<
				number | null
			>`lag(shop_order.placed_at) over (partition by shop_order.customer_id order by shop_order.placed_at, shop_order.id)`.as(
				'previousAt'
			),
			sql<number>`min(shop_order.placed_at) over (partition by shop_order.customer_id)`.as(
				'firstAt'
			)
		])
		.where('shop_order.workspace_id', '=', workspaceId)
		.where('shop_order.status', '=', 'completed')
		.where('shop_order.customer_id', 'is not', null)
		.where('shop_order.placed_at', '<', until);
	const rows = await db
		.selectFrom(history.as('h'))
		.innerJoin('customer', 'customer.id', 'h.customerId')
		.select([
			'h.customerId',
			'h.placedAt',
			'h.totalMinor',
			'h.previousAt',
			'h.firstAt',
			'customer.value_tier as tier'
		])
		.where('customer.workspace_id', '=', workspaceId)
		.where('h.placedAt', '>=', since)
		.orderBy('h.placedAt')
		.execute();
	return rows.map((r) => ({
		customerId: Number(r.customerId),
		placedAt: Number(r.placedAt),
		totalMinor: Number(r.totalMinor),
		previousAt: r.previousAt === null ? null : Number(r.previousAt),
		firstAt: Number(r.firstAt),
		tier: r.tier ?? null
	}));
}

/** Every customer's completed orders before `at`, summed up (buyers only). */
export async function historiesBefore(
	db: Db,
	workspaceId: number,
	at: number
): Promise<BuyerHistory[]> {
	const rows = await db
		.selectFrom('shop_order')
		.select((eb) => [
			'customer_id as customerId',
			eb.fn.countAll<number>().as('ordersCount'),
			eb.fn.min('placed_at').as('firstOrderAt'),
			eb.fn.max('placed_at').as('lastOrderAt'),
			eb.fn.sum<number>('total_minor').as('revenueMinor')
		])
		.where('workspace_id', '=', workspaceId)
		.where('status', '=', 'completed')
		.where('customer_id', 'is not', null)
		.where('placed_at', '<', at)
		.groupBy('customer_id')
		.execute();
	return rows.map((r) => ({
		customerId: Number(r.customerId),
		ordersCount: Number(r.ordersCount),
		firstOrderAt: Number(r.firstOrderAt),
		lastOrderAt: Number(r.lastOrderAt),
		revenueMinor: Number(r.revenueMinor)
	}));
}

/** Customers first seen before `at` without a completed order before it. */
export async function prospectsBefore(db: Db, workspaceId: number, at: number): Promise<number> {
	const row = await db
		.selectFrom('customer')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('customer.workspace_id', '=', workspaceId)
		.where('customer.first_seen_at', '<', at)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('shop_order')
						.select('shop_order.id')
						.whereRef('shop_order.customer_id', '=', 'customer.id')
						.where('shop_order.workspace_id', '=', workspaceId)
						.where('shop_order.status', '=', 'completed')
						.where('shop_order.placed_at', '<', at)
				)
			)
		)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Journeys that were ever published: the ones that can have runs, costs and a holdout. */
export async function publishedJourneys(
	db: Db,
	workspaceId: number
): Promise<{ id: number; name: string; status: string }[]> {
	return db
		.selectFrom('journey')
		.select(['journey.id', 'journey.name', 'journey.status'])
		.where('journey.workspace_id', '=', workspaceId)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('journey_version')
					.select('journey_version.id')
					.whereRef('journey_version.journey_id', '=', 'journey.id')
					.where('journey_version.workspace_id', '=', workspaceId)
			)
		)
		.orderBy('journey.name')
		.orderBy('journey.id')
		.execute();
}

/** Messages actually sent, per journey and channel. */
export async function sentMessagesByJourney(
	db: Db,
	workspaceId: number
): Promise<Map<number, Record<'email' | 'webhook' | 'offer', number>>> {
	const rows = await db
		.selectFrom('message')
		.select(['journey_id as journeyId', 'channel', (eb) => eb.fn.countAll<number>().as('n')])
		.where('workspace_id', '=', workspaceId)
		.where('status', '=', 'sent')
		.where('journey_id', 'is not', null)
		.groupBy(['journey_id', 'channel'])
		.execute();
	const byJourney = new Map<number, Record<'email' | 'webhook' | 'offer', number>>();
	for (const row of rows) {
		const counts = byJourney.get(row.journeyId!) ?? { email: 0, webhook: 0, offer: 0 };
		counts[row.channel] += Number(row.n);
		byJourney.set(row.journeyId!, counts);
	}
	return byJourney;
}

/** Runs that reached the goal, per journey. */
export async function convertedRunsByJourney(
	db: Db,
	workspaceId: number
): Promise<Map<number, number>> {
	const rows = await db
		.selectFrom('enrollment')
		.select(['journey_id as journeyId', (eb) => eb.fn.countAll<number>().as('n')])
		.where('workspace_id', '=', workspaceId)
		.where('status', '=', 'converted')
		.groupBy('journey_id')
		.execute();
	return new Map(rows.map((r) => [r.journeyId, Number(r.n)]));
}

/**
 * Loyalty points a journey awarded. The ledger has no journey column; the engine's idempotency
 * key starts with `j<journey id>:` (step-runner.ts), and the colon ends the id, so `j1:` never
 * matches journey 12. Digits, `j` and `:` are not LIKE wildcards.
 */
export async function pointsAwardedByJourney(
	db: Db,
	workspaceId: number,
	journeyId: number
): Promise<number> {
	const row = await db
		.selectFrom('loyalty_ledger')
		.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.lit(0)).as('points'))
		.where('workspace_id', '=', workspaceId)
		.where('idempotency_key', 'like', `j${Math.trunc(journeyId)}:%`)
		.where('points', '>', 0)
		.executeTakeFirstOrThrow();
	return Number(row.points);
}

/**
 * One customer's completed orders before `until`: how many ever, and how many and how much since
 * `since` (the CLV window). One grouped read; the sums are null without any orders.
 */
export async function customerOrderTotals(
	db: Db,
	workspaceId: number,
	customerId: number,
	since: number,
	until: number
): Promise<{ ordersEver: number; orders: number; revenueMinor: number }> {
	const row = await db
		.selectFrom('shop_order')
		.select((eb) => [
			eb.fn.countAll<number>().as('ordersEver'),
			sql<number | null>`sum(case when ${eb.ref('placed_at')} >= ${since} then 1 else 0 end)`.as(
				'orders'
			),
			sql<
				number | null
			>`sum(case when ${eb.ref('placed_at')} >= ${since} then ${eb.ref('total_minor')} else 0 end)`.as(
				'revenueMinor'
			)
		])
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', customerId)
		.where('status', '=', 'completed')
		.where('placed_at', '<', until)
		.executeTakeFirstOrThrow();
	return {
		ordersEver: Number(row.ordersEver),
		orders: Number(row.orders ?? 0),
		revenueMinor: Number(row.revenueMinor ?? 0)
	};
}
