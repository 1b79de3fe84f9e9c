import type { MonthlyCost, MonthlyCostKind, UnitCostKind } from '../../dashboard/costs';
import type { Db } from '../db/connect';

/** The workspace's unit costs (one row per kind, no journey, no month). */
export async function unitCostRows(
	db: Db,
	workspaceId: number
): Promise<{ kind: UnitCostKind; amountMilli: number; updatedAt: number }[]> {
	const rows = await db
		.selectFrom('marketing_cost')
		.select(['kind', 'amount_milli as amountMilli', 'updated_at as updatedAt'])
		.where('workspace_id', '=', workspaceId)
		.where('kind', 'in', ['email', 'webhook', 'offer', 'point', 'conversion'])
		.where('journey_id', 'is', null)
		.where('month', 'is', null)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		kind: r.kind as UnitCostKind,
		amountMilli: Number(r.amountMilli),
		updatedAt: Number(r.updatedAt)
	}));
}

/** Replaces a unit cost; null removes it. Run inside a transaction. */
export async function replaceUnitCost(
	db: Db,
	workspaceId: number,
	kind: UnitCostKind,
	amountMilli: number | null,
	userId: number | null,
	now: number
): Promise<void> {
	await db
		.deleteFrom('marketing_cost')
		.where('workspace_id', '=', workspaceId)
		.where('kind', '=', kind)
		.where('journey_id', 'is', null)
		.where('month', 'is', null)
		.execute();
	if (amountMilli === null) return;
	await db
		.insertInto('marketing_cost')
		.values({
			workspace_id: workspaceId,
			kind,
			journey_id: null,
			month: null,
			amount_milli: amountMilli,
			updated_by: userId,
			updated_at: now
		})
		.execute();
}

/** Fixed and acquisition costs, newest month first. */
export async function monthlyCostRows(db: Db, workspaceId: number): Promise<MonthlyCost[]> {
	const rows = await db
		.selectFrom('marketing_cost')
		.select(['id', 'kind', 'journey_id as journeyId', 'month', 'amount_milli as amountMilli'])
		.where('workspace_id', '=', workspaceId)
		.where('kind', 'in', ['fixed', 'acquisition'])
		.where('month', 'is not', null)
		.orderBy('month', 'desc')
		.orderBy('kind')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind as MonthlyCostKind,
		journeyId: r.journeyId,
		month: r.month!,
		amountMilli: Number(r.amountMilli)
	}));
}

/** One amount per kind, journey and month: a new entry replaces the old. In a transaction. */
export async function replaceMonthlyCost(
	db: Db,
	workspaceId: number,
	cost: Omit<MonthlyCost, 'id'>,
	userId: number | null,
	now: number
): Promise<void> {
	await db
		.deleteFrom('marketing_cost')
		.where('workspace_id', '=', workspaceId)
		.where('kind', '=', cost.kind)
		.where('month', '=', cost.month)
		.where((eb) =>
			cost.journeyId === null ? eb('journey_id', 'is', null) : eb('journey_id', '=', cost.journeyId)
		)
		.execute();
	await db
		.insertInto('marketing_cost')
		.values({
			workspace_id: workspaceId,
			kind: cost.kind,
			journey_id: cost.journeyId,
			month: cost.month,
			amount_milli: cost.amountMilli,
			updated_by: userId,
			updated_at: now
		})
		.execute();
}

export async function deleteMonthlyCost(db: Db, workspaceId: number, id: number): Promise<boolean> {
	const result = await db
		.deleteFrom('marketing_cost')
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.where('kind', 'in', ['fixed', 'acquisition'])
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** The journeys a fixed cost can belong to. */
export async function journeyChoices(
	db: Db,
	workspaceId: number
): Promise<{ id: number; name: string; status: string }[]> {
	return db
		.selectFrom('journey')
		.select(['id', 'name', 'status'])
		.where('workspace_id', '=', workspaceId)
		.orderBy('name')
		.orderBy('id')
		.execute();
}

/** Acquisition spend per month for the given months, milli-minor. */
export async function acquisitionSpend(
	db: Db,
	workspaceId: number,
	months: readonly string[]
): Promise<Map<string, number>> {
	if (!months.length) return new Map();
	const rows = await db
		.selectFrom('marketing_cost')
		.select(['month', (eb) => eb.fn.sum<number>('amount_milli').as('milli')])
		.where('workspace_id', '=', workspaceId)
		.where('kind', '=', 'acquisition')
		.where('month', 'in', [...months])
		.groupBy('month')
		.execute();
	return new Map(rows.map((r) => [r.month!, Number(r.milli)]));
}

/** Per journey: the sum of fixed costs entered up to `lastMonth` and how many months they cover. */
export async function fixedCostsByJourney(
	db: Db,
	workspaceId: number,
	lastMonth: string
): Promise<Map<number, { milli: number; months: number }>> {
	const rows = await db
		.selectFrom('marketing_cost')
		.select([
			'journey_id as journeyId',
			(eb) => eb.fn.sum<number>('amount_milli').as('milli'),
			(eb) => eb.fn.count<number>('month').distinct().as('months')
		])
		.where('workspace_id', '=', workspaceId)
		.where('kind', '=', 'fixed')
		.where('journey_id', 'is not', null)
		.where('month', '<=', lastMonth)
		.groupBy('journey_id')
		.execute();
	return new Map(
		rows.map((r) => [r.journeyId!, { milli: Number(r.milli), months: Number(r.months) }])
	);
}
