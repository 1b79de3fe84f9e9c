import {
	NO_UNIT_COSTS,
	UNIT_COST_KINDS,
	parseAmount,
	parseMonthlyCost,
	type AmountProblem,
	type MonthlyCost,
	type MonthlyCostProblem,
	type UnitCostKind,
	type UnitCosts
} from '../../dashboard/costs';
import type { Db } from '../db/connect';
import { inTransaction } from '../db/transaction';
import {
	deleteMonthlyCost,
	journeyChoices,
	monthlyCostRows,
	replaceMonthlyCost,
	replaceUnitCost,
	unitCostRows
} from './cost-repository';

/** Unit costs in milli-minor units, 0 where none was entered. */
export async function unitCosts(db: Db, workspaceId: number): Promise<UnitCosts> {
	const costs: UnitCosts = { ...NO_UNIT_COSTS };
	for (const row of await unitCostRows(db, workspaceId)) costs[row.kind] = row.amountMilli;
	return costs;
}

export interface CostSettings {
	/** Milli-minor per unit; null where nothing was entered. */
	unit: Record<UnitCostKind, number | null>;
	monthly: (MonthlyCost & { journeyName: string | null })[];
	journeys: { id: number; name: string; status: string }[];
}

/** Everything the costs page shows. */
export async function costSettings(db: Db, workspaceId: number): Promise<CostSettings> {
	const [units, monthly, journeys] = await Promise.all([
		unitCostRows(db, workspaceId),
		monthlyCostRows(db, workspaceId),
		journeyChoices(db, workspaceId)
	]);
	const unit = Object.fromEntries(UNIT_COST_KINDS.map((k) => [k, null])) as Record<
		UnitCostKind,
		number | null
	>;
	for (const row of units) unit[row.kind] = row.amountMilli;
	const names = new Map(journeys.map((j) => [j.id, j.name]));
	return {
		unit,
		monthly: monthly.map((m) => ({
			...m,
			journeyName: m.journeyId === null ? null : (names.get(m.journeyId) ?? null)
		})),
		journeys
	};
}

export type UnitCostProblems = Partial<Record<UnitCostKind, AmountProblem>>;

/**
 * Saves every unit cost at once from what was typed (major units). An empty field removes that
 * cost. Nothing is saved while any field is wrong.
 */
export async function saveUnitCosts(
	db: Db,
	input: {
		workspaceId: number;
		currency: string;
		userId: number | null;
		values: Record<UnitCostKind, string>;
		now?: number;
	}
): Promise<{ ok: true } | { ok: false; problems: UnitCostProblems }> {
	const now = input.now ?? Date.now();
	const problems: UnitCostProblems = {};
	const amounts = new Map<UnitCostKind, number | null>();
	for (const kind of UNIT_COST_KINDS) {
		const text = input.values[kind] ?? '';
		if (!text.trim()) {
			amounts.set(kind, null);
			continue;
		}
		const parsed = parseAmount(text, input.currency);
		if (parsed.ok) amounts.set(kind, parsed.milli);
		else problems[kind] = parsed.problem;
	}
	if (Object.keys(problems).length) return { ok: false, problems };
	await inTransaction(db, async (trx) => {
		for (const [kind, milli] of amounts)
			await replaceUnitCost(trx, input.workspaceId, kind, milli, input.userId, now);
	});
	return { ok: true };
}

/** Adds a fixed or acquisition cost for a month, replacing one already entered for it. */
export async function saveMonthlyCost(
	db: Db,
	input: {
		workspaceId: number;
		currency: string;
		userId: number | null;
		values: { kind: string; month: string; journey: string; amount: string };
		now?: number;
	}
): Promise<{ ok: true } | { ok: false; problems: MonthlyCostProblem[] }> {
	const journeys = await journeyChoices(db, input.workspaceId);
	const parsed = parseMonthlyCost(
		input.values,
		input.currency,
		journeys.map((j) => j.id)
	);
	if (!parsed.ok) return parsed;
	await inTransaction(db, (trx) =>
		replaceMonthlyCost(trx, input.workspaceId, parsed.value, input.userId, input.now ?? Date.now())
	);
	return { ok: true };
}

export async function removeMonthlyCost(
	db: Db,
	workspaceId: number,
	id: number
): Promise<{ ok: boolean }> {
	if (!Number.isSafeInteger(id) || id <= 0) return { ok: false };
	return { ok: await deleteMonthlyCost(db, workspaceId, id) };
}
