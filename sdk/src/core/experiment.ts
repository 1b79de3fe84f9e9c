import { bucketRanges, chooseVariant, hash } from './hash.js';
import type { HashVersion } from './hash.js';

/** A running experiment as the studio hands it to storefronts (`/sdk/v1/config`). */
export interface ExperimentConfig {
	key: string;
	/** Defaults to the key; a new seed reshuffles everyone, e.g. for a restarted experiment. */
	seed?: string;
	hashVersion?: HashVersion;
	/** Share of units in the experiment, 0 to 1 (default 1). */
	coverage?: number;
	variants: { key: string; weight: number }[];
}

/**
 * The index of the unit's variant, or -1 when the unit falls outside coverage. The one rule the
 * storefront, the studio and the journey engine all apply, so they always agree.
 */
export function assignVariant(experiment: ExperimentConfig, unit: string): number {
	return chooseVariant(
		hash(experiment.seed || experiment.key, unit, experiment.hashVersion || 2),
		bucketRanges(
			experiment.variants.map((v) => v.weight),
			experiment.coverage ?? 1
		)
	);
}
