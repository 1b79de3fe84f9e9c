import { assignVariant, type ExperimentConfig } from '@regulars/sdk/core';
import { toSdkExperiment } from '../../experiment/definition';
import type { ExperimentOffer } from '../../experiment/model';
import type { Db } from '../db/connect';
import {
	listSdkExperimentRows,
	segmentsOfCustomer,
	type ExperimentRow
} from './experiment-repository';
import { assignmentOf } from './experiment-parse';
import { upsertExposures } from './exposure-repository';

/**
 * What storefronts see of experiments. Running site experiments go out as they are; one whose
 * winner was rolled out goes out with that single variant (weight 1, full coverage), so every
 * visitor in its audience gets the winner from the same `variant()` call, with no change to the
 * shop's code. Segment-targeted experiments go only to visitors known to be in the segment:
 * the SDK assigns on the page, so an experiment left out of the config is the default experience
 * (`variant()` resolves null and sends no exposure).
 */

export interface VisitorExperiment {
	row: ExperimentRow;
	config: ExperimentConfig;
	/** Offers per variant key, for the offer slot. */
	offers: Map<string, ExperimentOffer>;
}

export async function visitorExperiments(
	db: Db,
	workspaceId: number,
	visitor: { customerId: number | null }
): Promise<VisitorExperiment[]> {
	const rows = await listSdkExperimentRows(db, workspaceId);
	const targeted = [...new Set(rows.flatMap((r) => (r.segmentId === null ? [] : [r.segmentId])))];
	const member =
		targeted.length && visitor.customerId !== null
			? await segmentsOfCustomer(db, workspaceId, visitor.customerId, targeted)
			: new Set<number>();
	const list: VisitorExperiment[] = [];
	for (const row of rows) {
		if (row.segmentId !== null && !member.has(Number(row.segmentId))) continue;
		const assignment = assignmentOf(row);
		const winner = row.winner ? assignment.variants.find((v) => v.key === row.winner) : undefined;
		if (row.winner && !winner) continue;
		const variants = winner ? [{ ...winner, weight: 1 }] : assignment.variants;
		const config = toSdkExperiment({
			...assignment,
			variants,
			coverage: winner ? 1 : assignment.coverage
		});
		const offers = new Map<string, ExperimentOffer>();
		for (const v of variants) if (v.offer) offers.set(v.key, v.offer);
		list.push({ row, config, offers });
	}
	return list;
}

export async function sdkExperimentConfigs(
	db: Db,
	workspaceId: number,
	visitor: { customerId: number | null }
): Promise<ExperimentConfig[]> {
	return (await visitorExperiments(db, workspaceId, visitor)).map((e) => e.config);
}

export interface AssignedOffer {
	experimentId: number;
	variant: string;
	offer: ExperimentOffer;
}

/**
 * The offer-slot content of the visitor's experiments: for each experiment with offers, the
 * visitor's variant by the SDK core's own assignment (so it matches `variant()`), and its offer
 * when it has one. Serving the slot is the exposure for such a test (the shop may never call
 * `variant()` for it), so running ones record it here, control included, with the same unit
 * (the anonymous id) and unique key as the SDK's `Experiment Viewed` events.
 */
export async function experimentOffersFor(
	db: Db,
	workspaceId: number,
	visitor: { anonymousId: string | null; customerId: number | null },
	now: number
): Promise<AssignedOffer[]> {
	if (!visitor.anonymousId) return [];
	const experiments = (await visitorExperiments(db, workspaceId, visitor)).filter(
		(e) => e.offers.size > 0
	);
	const assigned: AssignedOffer[] = [];
	const exposures = [];
	for (const e of experiments) {
		const variant = e.config.variants[assignVariant(e.config, visitor.anonymousId)];
		if (!variant) continue;
		if (e.row.status === 'running')
			exposures.push({
				workspaceId,
				experimentId: e.row.id,
				unit: visitor.anonymousId,
				customerId: visitor.customerId,
				variant: variant.key,
				source: 'sdk' as const,
				exposedAt: now
			});
		const offer = e.offers.get(variant.key);
		if (offer) assigned.push({ experimentId: e.row.id, variant: variant.key, offer });
	}
	if (exposures.length) await upsertExposures(db, exposures);
	return assigned;
}
