import {
	LIFECYCLE_STAGES,
	VALUE_TIERS,
	lifecycleStage,
	parseLifecycleRules,
	valueTier,
	type LifecycleStage,
	type ValueTier
} from '../../customer/lifecycle';
import type { Db } from '../db/connect';
import { inTransaction } from '../db/transaction';
import {
	lifecycleRulesOf,
	medianGapDays,
	orderHistories,
	refreshDerivedColumns,
	refreshRfm,
	rfmScores,
	setStages,
	setTiers
} from './facts-repository';

export interface FactsRefresh {
	customers: number;
	changedStages: number;
	changedTiers: number;
	/**
	 * Customers whose segment membership may have moved: everyone refreshed when incremental (their
	 * events or orders changed), those whose stage or tier changed when full.
	 */
	changedIds: number[];
}

/**
 * Recomputes the computed facts of a workspace's customers. `full` reclassifies everyone (stages
 * move with the clock, RFM quintiles with everyone else's orders); otherwise only the customers
 * that ingestion or imports marked stale. Only changed values are written.
 */
export async function refreshCustomerFacts(
	db: Db,
	workspaceId: number,
	options: { full: boolean; now?: number }
): Promise<FactsRefresh> {
	const now = options.now ?? Date.now();
	const { rules } = parseLifecycleRules(await lifecycleRulesOf(db, workspaceId));
	const shopGap = await medianGapDays(db, workspaceId);

	return inTransaction(db, async (trx) => {
		const histories = await orderHistories(trx, workspaceId, !options.full);
		const byStage = new Map<LifecycleStage, number[]>(LIFECYCLE_STAGES.map((s) => [s, []]));
		const changedIds: number[] = [];
		let staleBefore = 0;
		for (const history of histories) {
			staleBefore = Math.max(staleBefore, history.staleAt ?? 0);
			const stage = lifecycleStage(history, now, rules, shopGap);
			if (stage !== history.stage) byStage.get(stage)!.push(history.id);
			if (stage !== history.stage || !options.full) changedIds.push(history.id);
		}
		for (const [stage, ids] of byStage)
			if (ids.length) await setStages(trx, workspaceId, stage, ids);
		await refreshDerivedColumns(trx, workspaceId, { staleBefore, all: options.full });

		let changedTiers = 0;
		if (options.full) {
			await refreshRfm(trx, workspaceId);
			const byTier = new Map<ValueTier, number[]>(VALUE_TIERS.map((t) => [t, []]));
			for (const row of await rfmScores(trx, workspaceId)) {
				const tier = valueTier(row.r ?? 1, row.f ?? 1, row.m ?? 1);
				if (tier !== row.tier) {
					byTier.get(tier)!.push(row.id);
					changedIds.push(row.id);
				}
			}
			for (const [tier, ids] of byTier) {
				changedTiers += ids.length;
				if (ids.length) await setTiers(trx, workspaceId, tier, ids);
			}
		}
		return {
			customers: histories.length,
			changedStages: changedIds.length,
			changedTiers,
			changedIds
		};
	});
}
