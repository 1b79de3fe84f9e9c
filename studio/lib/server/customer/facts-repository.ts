import { sql } from 'kysely';
import { chunks } from '../db/chunks';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import type { LifecycleStage, ValueTier } from '../db/schema';

export async function workspacesWithStaleCustomers(db: Db): Promise<number[]> {
	const rows = await db
		.selectFrom('customer')
		.select('workspace_id')
		.distinct()
		.where('facts_stale_at', 'is not', null)
		.execute();
	return rows.map((r) => r.workspace_id);
}

export async function allWorkspaceIds(db: Db): Promise<number[]> {
	return (await db.selectFrom('workspace').select('id').execute()).map((r) => r.id);
}

export async function lifecycleRulesOf(db: Db, workspaceId: number): Promise<unknown> {
	const row = await db
		.selectFrom('workspace')
		.select('lifecycle_rules')
		.where('id', '=', workspaceId)
		.executeTakeFirst();
	// SQLite hands JSON back as text, PostgreSQL as an object.
	return readJson<unknown>(row?.lifecycle_rules, null);
}

/** Order histories to classify: every customer of the workspace, or only the stale ones. */
export async function orderHistories(db: Db, workspaceId: number, onlyStale: boolean) {
	let query = db
		.selectFrom('customer')
		.select([
			'id',
			'orders_count as ordersCount',
			'first_order_at as firstOrderAt',
			'last_order_at as lastOrderAt',
			'lifecycle_stage as stage',
			'facts_stale_at as staleAt'
		])
		.where('workspace_id', '=', workspaceId);
	if (onlyStale) query = query.where('facts_stale_at', 'is not', null);
	return query.execute();
}

/** The median of repeat buyers' average gaps, in days: the shop's typical rhythm. */
export async function medianGapDays(db: Db, workspaceId: number): Promise<number | null> {
	const gaps = db
		.selectFrom('customer')
		.select(
			sql<number>`(last_order_at - first_order_at) / 86400000.0 / (orders_count - 1)`.as('gap')
		)
		.where('workspace_id', '=', workspaceId)
		.where('orders_count', '>=', 2);
	const count = await db
		.selectFrom(gaps.as('g'))
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const n = Number(count.n);
	if (n < 20) return null;
	const middle = await db
		.selectFrom(gaps.as('g'))
		.select('gap')
		.orderBy('gap')
		.limit(1)
		.offset(Math.floor(n / 2))
		.executeTakeFirst();
	return middle ? Number(middle.gap) : null;
}

export async function setStages(
	db: Db,
	workspaceId: number,
	stage: LifecycleStage,
	ids: number[]
): Promise<void> {
	for (const part of chunks(ids, 1000)) {
		await db
			.updateTable('customer')
			.set({ lifecycle_stage: stage })
			.where('workspace_id', '=', workspaceId)
			.where('id', 'in', part)
			.execute();
	}
}

const derivedColumns = {
	avg_days_between_orders: sql<
		number | null
	>`case when orders_count >= 2 then (last_order_at - first_order_at) / 86400000.0 / (orders_count - 1) else null end`,
	search_text: sql<string>`lower(coalesce(email, '') || ' ' || coalesce(name, '') || ' ' || coalesce(external_id, ''))`
};

/**
 * The column-derived facts (rhythm, search text) of stale customers, or of everyone with `all`.
 * Clears the stale mark only where it has not moved since it was read, so a change that lands
 * meanwhile is kept for the next run.
 */
export async function refreshDerivedColumns(
	db: Db,
	workspaceId: number,
	options: { staleBefore: number; all: boolean }
) {
	if (options.all) {
		await db
			.updateTable('customer')
			.set(derivedColumns)
			.where('workspace_id', '=', workspaceId)
			.execute();
	}
	if (!options.staleBefore) return;
	await db
		.updateTable('customer')
		.set({ ...(options.all ? {} : derivedColumns), facts_stale_at: null })
		.where('workspace_id', '=', workspaceId)
		.where('facts_stale_at', '<=', options.staleBefore)
		.execute();
}

/**
 * RFM quintiles across the workspace's buying customers, set-based: recency by last order (older
 * scores lower), frequency by orders, monetary by revenue. Non-buyers get no scores.
 */
export async function refreshRfm(db: Db, workspaceId: number): Promise<void> {
	await sql`
		update customer set
			rfm_recency = s.r, rfm_frequency = s.f, rfm_monetary = s.m
		from (
			select id,
				ntile(5) over (order by last_order_at, id) as r,
				ntile(5) over (order by orders_count, id) as f,
				ntile(5) over (order by revenue_minor, id) as m
			from customer
			where workspace_id = ${workspaceId} and orders_count > 0 and last_order_at is not null
		) as s
		where customer.id = s.id`.execute(db);
	await db
		.updateTable('customer')
		.set({ rfm_recency: null, rfm_frequency: null, rfm_monetary: null, value_tier: null })
		.where('workspace_id', '=', workspaceId)
		.where((eb) => eb.or([eb('orders_count', '<=', 0), eb('last_order_at', 'is', null)]))
		.where('rfm_recency', 'is not', null)
		.execute();
}

export async function rfmScores(db: Db, workspaceId: number) {
	return db
		.selectFrom('customer')
		.select([
			'id',
			'rfm_recency as r',
			'rfm_frequency as f',
			'rfm_monetary as m',
			'value_tier as tier'
		])
		.where('workspace_id', '=', workspaceId)
		.where('rfm_recency', 'is not', null)
		.execute();
}

export async function setTiers(db: Db, workspaceId: number, tier: ValueTier, ids: number[]) {
	for (const part of chunks(ids, 1000)) {
		await db
			.updateTable('customer')
			.set({ value_tier: tier })
			.where('workspace_id', '=', workspaceId)
			.where('id', 'in', part)
			.execute();
	}
}

export async function saveLifecycleRules(
	db: Db,
	workspaceId: number,
	rules: unknown
): Promise<void> {
	await db
		.updateTable('workspace')
		.set({ lifecycle_rules: JSON.stringify(rules) })
		.where('id', '=', workspaceId)
		.execute();
}
