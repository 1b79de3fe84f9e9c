import KNN from 'ml-knn';
import { DAY_MS } from './interactions.js';

/** One order: when (ms since the epoch) and its value. */
export interface Order {
	at: number;
	value: number;
}

/**
 * A customer's state on a given day, in the handful of numbers the classifier compares.
 * Logarithms because these quantities are heavily skewed (a few wholesalers order weekly for
 * thousands); standardising then puts them on one scale.
 */
export interface ChurnFeatures {
	/** log(1 + days since the last order) */
	recency: number;
	/** log((1 + days since last order) / (1 + the customer's usual gap between orders)) */
	overdue: number;
	/** log(1 + orders) */
	frequency: number;
	/** log(1 + total value) */
	monetary: number;
	/** log(1 + days since the first order) */
	tenure: number;
	/** log((1 + orders in the last window) / (1 + orders in the window before)) */
	trend: number;
}

export const CHURN_FEATURES = [
	'recency',
	'overdue',
	'frequency',
	'monetary',
	'tenure',
	'trend'
] as const satisfies readonly (keyof ChurnFeatures)[];

export interface ChurnFeatureOptions {
	/** Length of the trend windows in days (default 90). */
	windowDays?: number;
	/**
	 * The usual gap assumed for a one-order customer, who has no rhythm of their own yet
	 * (default 60 days).
	 */
	defaultGapDays?: number;
}

/**
 * A customer's features as of `asOf` (ms), from their orders (any order; later ones are
 * ignored, so the same history can be cut at several dates). Undefined when the customer had not
 * ordered yet: there is nothing to churn from.
 */
export function churnFeatures(
	orders: readonly Order[],
	asOf: number,
	options: ChurnFeatureOptions = {}
): ChurnFeatures | undefined {
	const windowMs = (options.windowDays ?? 90) * DAY_MS;
	const past = orders.filter((o) => o.at <= asOf).sort((a, b) => a.at - b.at);
	const first = past[0];
	const last = past[past.length - 1];
	if (first === undefined || last === undefined) return undefined;
	const daysSinceLast = (asOf - last.at) / DAY_MS;
	const tenureDays = (asOf - first.at) / DAY_MS;
	const usualGap =
		past.length > 1
			? (last.at - first.at) / DAY_MS / (past.length - 1)
			: (options.defaultGapDays ?? 60);
	let recent = 0;
	let before = 0;
	let value = 0;
	for (const o of past) {
		value += Math.max(0, o.value);
		if (o.at > asOf - windowMs) recent++;
		else if (o.at > asOf - 2 * windowMs) before++;
	}
	return {
		recency: Math.log1p(daysSinceLast),
		overdue: Math.log((1 + daysSinceLast) / (1 + usualGap)),
		frequency: Math.log1p(past.length),
		monetary: Math.log1p(value),
		tenure: Math.log1p(tenureDays),
		trend: Math.log((1 + recent) / (1 + before))
	};
}

/** Whether the customer placed no order in (asOf, asOf + windowDays]: the training label. */
export function churnedAfter(orders: readonly Order[], asOf: number, windowDays = 90): boolean {
	const end = asOf + windowDays * DAY_MS;
	return !orders.some((o) => o.at > asOf && o.at <= end);
}

export interface ChurnExample {
	features: ChurnFeatures;
	churned: boolean;
}

export interface ChurnModel {
	k: number;
	mean: Float64Array;
	std: Float64Array;
	/** Standardised training points, row-major, CHURN_FEATURES.length per row. */
	points: Float64Array;
	labels: Uint8Array;
	/** ml-knn over the same standardised points: the majority label. */
	classifier: MajorityVote;
}

/** What the churn model needs of ml-knn (kept structural so the .d.ts does not leak). */
export interface MajorityVote {
	predict(point: number[]): number;
}

function vector(features: ChurnFeatures): number[] {
	return CHURN_FEATURES.map((name) => features[name]);
}

/**
 * Fits the k-NN churn classifier: standardises each feature (z-score over the training
 * customers, so a day of recency and a pound of spend weigh alike) and keeps the points.
 */
export function trainChurnModel(
	examples: readonly ChurnExample[],
	options: { /** neighbours; default the odd number nearest sqrt(examples) */ k?: number } = {}
): ChurnModel {
	if (examples.length === 0) throw new RangeError('no training examples');
	const d = CHURN_FEATURES.length;
	// Default k ~ sqrt(n), the usual rule of thumb, made odd so ml-knn's two-class vote never
	// ties and always agrees with predictChurn's share > 0.5.
	const rootK = Math.round(Math.sqrt(examples.length));
	const k = Math.max(1, Math.min(options.k ?? rootK + (rootK % 2 === 0 ? 1 : 0), examples.length));
	const raw = examples.map((e) => vector(e.features));
	const mean = new Float64Array(d);
	const std = new Float64Array(d);
	for (const row of raw) row.forEach((v, f) => (mean[f] = (mean[f] as number) + v / raw.length));
	for (const row of raw) {
		row.forEach((v, f) => {
			const delta = v - (mean[f] as number);
			std[f] = (std[f] as number) + (delta * delta) / raw.length;
		});
	}
	// A constant feature carries no information; dividing by 1 keeps it harmless.
	for (let f = 0; f < d; f++) std[f] = Math.sqrt(std[f] as number) || 1;
	const points = new Float64Array(raw.length * d);
	const standardised = raw.map((row, r) =>
		row.map((v, f) => {
			const z = (v - (mean[f] as number)) / (std[f] as number);
			points[r * d + f] = z;
			return z;
		})
	);
	const labels = Uint8Array.from(examples, (e) => (e.churned ? 1 : 0));
	const classifier = new KNN(standardised, Array.from(labels), { k });
	return { k, mean, std, points, labels, classifier };
}

function standardise(model: ChurnModel, features: ChurnFeatures): number[] {
	return vector(features).map((v, f) => (v - (model.mean[f] as number)) / (model.std[f] as number));
}

/**
 * The churn probability: the share of the k nearest training customers (Euclidean distance on
 * standardised features, ties to the earlier customer) who churned. ml-knn's `predict` returns
 * only the majority label, so the neighbours are found here by an exact scan over the same
 * points; `classifyChurn` gives ml-knn's own vote.
 */
export function predictChurn(model: ChurnModel, features: ChurnFeatures): number {
	const q = standardise(model, features);
	const d = q.length;
	const n = model.labels.length;
	// A max-heap of the k smallest distances would be faster; n is a shop's customers, a few
	// thousand to a few hundred thousand, and k small, so insertion into a sorted array suffices.
	const bestDist: number[] = [];
	const bestLabel: number[] = [];
	for (let r = 0; r < n; r++) {
		let dist = 0;
		for (let f = 0; f < d; f++) {
			const delta = (model.points[r * d + f] as number) - (q[f] as number);
			dist += delta * delta;
		}
		if (bestDist.length === model.k && dist >= (bestDist[model.k - 1] as number)) continue;
		let at = bestDist.length;
		while (at > 0 && (bestDist[at - 1] as number) > dist) at--;
		bestDist.splice(at, 0, dist);
		bestLabel.splice(at, 0, model.labels[r] as number);
		if (bestDist.length > model.k) {
			bestDist.pop();
			bestLabel.pop();
		}
	}
	return bestLabel.reduce((sum, label) => sum + label, 0) / Math.max(1, bestLabel.length);
}

/** ml-knn's majority vote among the k nearest: true = likely to churn. */
export function classifyChurn(model: ChurnModel, features: ChurnFeatures): boolean {
	return model.classifier.predict(standardise(model, features)) === 1;
}
