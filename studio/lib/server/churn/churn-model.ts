import {
	auc,
	predictChurn,
	trainChurnModel,
	type ChurnFeatures,
	type ChurnModel
} from '@regulars/recommender';
import { fnv1a } from '@regulars/sdk/core';

/** A customer's features on some day. */
export interface Scorable {
	id: number;
	features: ChurnFeatures;
}

/** Features at the training cutoff, and whether they ordered in the window after it. */
export interface Labelled extends Scorable {
	churned: boolean;
}

/** Fewer labelled customers than this, and k ~ sqrt(n) neighbours say little: use the rule. */
export const MIN_EXAMPLES = 50;
/**
 * Prediction scans every training point per customer, so the sample is capped: 5,000 points
 * already give k = 71 neighbours, and 100k customers score in seconds rather than minutes.
 */
export const MAX_TRAINING = 5_000;
/** From this many labelled customers on, a fifth (up to MAX_HOLDOUT) is held out for the AUC. */
export const MIN_FOR_HOLDOUT = 200;
export const HOLDOUT_SHARE = 0.2;
export const MAX_HOLDOUT = 2_000;

export type ChurnFit =
	| { method: 'knn'; model: ChurnModel; trainedOn: number; holdout: Labelled[] }
	| { method: 'rule'; trainedOn: 0; reason: 'too_few' | 'one_class' };

/**
 * A stable pseudo-random rank: the same customers are sampled and held out on every run, so
 * re-running on unchanged data stores the same scores. Hashed twice because sequential ids differ
 * only in their last characters (as the SDK's v2 hash does).
 */
function rank(id: number): number {
	return fnv1a(String(fnv1a(`churn:${id}`)));
}

function split(labelled: readonly Labelled[]): { train: Labelled[]; holdout: Labelled[] } {
	const ordered = labelled
		.map((example) => ({ example, rank: rank(example.id) }))
		.sort((a, b) => a.rank - b.rank || a.example.id - b.example.id)
		.map((r) => r.example);
	const held =
		labelled.length >= MIN_FOR_HOLDOUT
			? Math.min(MAX_HOLDOUT, Math.round(labelled.length * HOLDOUT_SHARE))
			: 0;
	return {
		holdout: ordered.slice(0, held),
		train: ordered.slice(held, held + MAX_TRAINING)
	};
}

/** Trains the k-NN model on a capped sample, or says why the rule has to do. */
export function fitChurn(labelled: readonly Labelled[]): ChurnFit {
	if (labelled.length < MIN_EXAMPLES) return { method: 'rule', trainedOn: 0, reason: 'too_few' };
	const { train, holdout } = split(labelled);
	const churned = train.filter((e) => e.churned).length;
	if (churned === 0 || churned === train.length)
		return { method: 'rule', trainedOn: 0, reason: 'one_class' };
	return { method: 'knn', model: trainChurnModel(train), trainedOn: train.length, holdout };
}

/** About this many point-to-point distances (~10-20 ms) between two yields to the event loop. */
const DISTANCES_PER_SLICE = 2_000_000;

/** How many customers one slice scores with a model trained on `trainedOn` customers. */
export function sliceSize(trainedOn: number): number {
	return Math.max(1, Math.ceil(DISTANCES_PER_SLICE / Math.max(1, trainedOn)));
}

/**
 * Scores in slices, yielding to the event loop between them, so requests served by the same
 * process wait for one slice at most rather than for the whole workspace.
 */
export async function scoreInSlices<T>(
	items: readonly T[],
	score: (item: T) => number,
	perSlice: number
): Promise<Float64Array> {
	const out = new Float64Array(items.length);
	for (let start = 0; start < items.length; start += perSlice) {
		if (start > 0) await new Promise((resolve) => setImmediate(resolve));
		const end = Math.min(items.length, start + perSlice);
		for (let i = start; i < end; i++) out[i] = score(items[i] as T);
	}
	return out;
}

export function knnScorer(model: ChurnModel): (item: Scorable) => number {
	return (item) => predictChurn(model, item.features);
}

/** The AUC of `score` on held-out customers; undefined when they are all of one class. */
export async function holdoutAuc(
	holdout: readonly Labelled[],
	score: (item: Scorable) => number,
	perSlice: number
): Promise<number | undefined> {
	if (!holdout.length) return undefined;
	const scores = await scoreInSlices(holdout, score, perSlice);
	const value = auc(
		scores,
		holdout.map((e) => e.churned)
	);
	return Number.isNaN(value) ? undefined : value;
}
