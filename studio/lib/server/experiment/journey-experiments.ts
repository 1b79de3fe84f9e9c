import type { JourneyDefinition, SplitNode } from '../../journey/definition';
import {
	HOLDOUT_VARIANT,
	type ExperimentMetric,
	type ExperimentVariantDetail
} from '../../experiment/model';
import type { Db } from '../db/connect';
import { findExperimentByKey, insertExperiment } from './experiment-repository';
import { upsertExposures } from './exposure-repository';

/**
 * A journey's A/B split nodes are experiments too: publishing mirrors each one as an experiment
 * row (so it appears in the experiments list and gets the same analysis), and every run that
 * passes the split records an exposure (unit `c:<customer id>`, source 'journey') in the step's
 * own transaction.
 *
 * The split's holdout is not a variant customers could be "given", but it is stored as one named
 * `holdout` (last, so the first real variant stays the control): its share of units is part of
 * what the sample-ratio test checks, and its conversions show what sending nothing does.
 */

/** The split's outputs with the weights the engine actually uses (see chooseSplitOutput). */
export function splitVariants(node: SplitNode): ExperimentVariantDetail[] {
	const holdout = Math.min(Math.max(Number.isFinite(node.holdout) ? node.holdout : 0, 0), 1);
	const weights = node.variants.map((v) =>
		Number.isFinite(v.weight) && v.weight > 0 ? v.weight : 0
	);
	const total = weights.reduce((sum, w) => sum + w, 0);
	const scale = total > 0 ? (1 - holdout) / total : 0;
	const variants: ExperimentVariantDetail[] = node.variants.map((v, i) => ({
		key: v.key,
		name: v.key,
		weight: (weights[i] ?? 0) * scale
	}));
	if (holdout > 0) variants.push({ key: HOLDOUT_VARIANT, name: HOLDOUT_VARIANT, weight: holdout });
	return variants;
}

export function journeyExperimentKey(journeyId: number, nodeId: string): string {
	return `journey-${journeyId}-${nodeId}`;
}

function abSplits(definition: JourneyDefinition): SplitNode[] {
	return definition.nodes.filter((n): n is SplitNode => n.type === 'split' && n.mode === 'ab');
}

async function findSplitExperiment(
	db: Db,
	workspaceId: number,
	journeyId: number,
	nodeId: string
): Promise<{ id: number; status: string; startedAt: number | null } | undefined> {
	const row = await db
		.selectFrom('experiment')
		.select(['id', 'status', 'started_at as startedAt'])
		.where('workspace_id', '=', workspaceId)
		.where('journey_id', '=', journeyId)
		.where('node_id', '=', nodeId)
		.executeTakeFirst();
	return row && { ...row, id: Number(row.id) };
}

async function insertSplitExperiment(
	db: Db,
	input: {
		workspaceId: number;
		journeyId: number;
		journeyName: string;
		node: SplitNode;
		goal: JourneyDefinition['settings']['goal'];
		createdBy: number | null;
		now: number;
	}
): Promise<number> {
	let key = journeyExperimentKey(input.journeyId, input.node.id);
	// Site keys may not start with `journey-` (see validateExperimentDraft); one made before that
	// rule must not block the journey, so the mirror takes a free variation of its key.
	for (let n = 2; await findExperimentByKey(db, input.workspaceId, key); n++)
		key = `${journeyExperimentKey(input.journeyId, input.node.id)}-${n}`;
	const metric: ExperimentMetric | null = input.goal
		? { event: input.goal.event, windowDays: input.goal.windowDays, guardrails: [] }
		: null;
	return insertExperiment(db, {
		workspaceId: input.workspaceId,
		key,
		name: `${input.journeyName} · ${input.node.label?.trim() || input.node.id}`.slice(0, 120),
		status: 'running',
		variants: splitVariants(input.node),
		coverage: 1,
		metric,
		journeyId: input.journeyId,
		nodeId: input.node.id,
		createdBy: input.createdBy,
		now: input.now
	});
}

/**
 * Called by publishing, in its transaction: each A/B split of the new version runs as an
 * experiment with the version's variants and weights (a republish with other weights updates
 * them, and the sample-ratio test then checks against the new ones); splits the new version no
 * longer has are stopped. Names and metrics the marketer edited are kept.
 */
export async function mirrorJourneySplits(
	db: Db,
	input: {
		workspaceId: number;
		journeyId: number;
		journeyName: string;
		definition: JourneyDefinition;
		publishedBy: number | null;
		now: number;
	}
): Promise<void> {
	const { workspaceId, journeyId, now } = input;
	const splits = abSplits(input.definition);
	for (const node of splits) {
		const existing = await findSplitExperiment(db, workspaceId, journeyId, node.id);
		if (!existing) {
			await insertSplitExperiment(db, {
				workspaceId,
				journeyId,
				journeyName: input.journeyName,
				node,
				goal: input.definition.settings.goal,
				createdBy: input.publishedBy,
				now
			});
			continue;
		}
		await db
			.updateTable('experiment')
			.set({
				variants: JSON.stringify(splitVariants(node)),
				status: 'running',
				started_at: existing.startedAt ?? now,
				stopped_at: null,
				updated_at: now
			})
			.where('workspace_id', '=', workspaceId)
			.where('id', '=', existing.id)
			.execute();
	}
	let gone = db
		.updateTable('experiment')
		.set({ status: 'stopped', stopped_at: now, updated_at: now })
		.where('workspace_id', '=', workspaceId)
		.where('journey_id', '=', journeyId)
		.where('status', '=', 'running');
	if (splits.length)
		gone = gone.where(
			'node_id',
			'not in',
			splits.map((s) => s.id)
		);
	await gone.execute();
}

/** Archiving a journey ends its split experiments. */
export async function stopJourneyExperiments(
	db: Db,
	workspaceId: number,
	journeyId: number,
	now: number
): Promise<void> {
	await db
		.updateTable('experiment')
		.set({ status: 'stopped', stopped_at: now, updated_at: now })
		.where('workspace_id', '=', workspaceId)
		.where('journey_id', '=', journeyId)
		.where('status', '=', 'running')
		.execute();
}

/**
 * A run passed an A/B split: one exposure for the customer and the output taken. Runs of a
 * version published before splits were mirrored find no experiment and mirror it here.
 */
export async function recordSplitExposure(
	db: Db,
	input: {
		workspaceId: number;
		journeyId: number;
		customerId: number;
		node: SplitNode;
		output: string;
		now: number;
	}
): Promise<void> {
	if (input.node.mode !== 'ab') return;
	let experimentId = (
		await findSplitExperiment(db, input.workspaceId, input.journeyId, input.node.id)
	)?.id;
	if (experimentId === undefined) {
		const journey = await db
			.selectFrom('journey')
			.select('name')
			.where('workspace_id', '=', input.workspaceId)
			.where('id', '=', input.journeyId)
			.executeTakeFirst();
		if (!journey) return;
		experimentId = await insertSplitExperiment(db, {
			workspaceId: input.workspaceId,
			journeyId: input.journeyId,
			journeyName: journey.name,
			node: input.node,
			goal: null,
			createdBy: null,
			now: input.now
		});
	}
	await upsertExposures(db, [
		{
			workspaceId: input.workspaceId,
			experimentId,
			unit: `c:${input.customerId}`,
			customerId: input.customerId,
			variant: input.output,
			source: 'journey',
			exposedAt: input.now
		}
	]);
}
