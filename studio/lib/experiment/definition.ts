import type { ExperimentConfig } from '@regulars/sdk/core';

/**
 * What a site experiment is, checked the same way by the studio's forms and its server. The
 * assignment itself (hash, buckets) lives in the SDK core, so the storefront and the analysis
 * agree on every visitor's variant.
 */
export interface ExperimentVariant {
	key: string;
	name: string;
	weight: number;
}

export interface ExperimentInput {
	key: string;
	name: string;
	variants: ExperimentVariant[];
	coverage: number;
}

export type ExperimentProblem =
	| 'key_invalid'
	| 'name_missing'
	| 'variants_count'
	| 'variant_key_invalid'
	| 'variant_key_duplicate'
	| 'weight_invalid'
	| 'weights_zero'
	| 'coverage_invalid';

/** Keys go into page code and URLs: lower-case letters, digits, `-` and `_`. */
export const EXPERIMENT_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const MAX_VARIANTS = 10;

export function validateExperiment(input: ExperimentInput): ExperimentProblem[] {
	const problems: ExperimentProblem[] = [];
	if (!EXPERIMENT_KEY_PATTERN.test(input.key)) problems.push('key_invalid');
	if (!input.name.trim()) problems.push('name_missing');
	const variants = input.variants;
	if (variants.length < 2 || variants.length > MAX_VARIANTS) problems.push('variants_count');
	const keys = new Set<string>();
	for (const variant of variants) {
		if (!EXPERIMENT_KEY_PATTERN.test(variant.key)) problems.push('variant_key_invalid');
		else if (keys.has(variant.key)) problems.push('variant_key_duplicate');
		keys.add(variant.key);
		if (!Number.isFinite(variant.weight) || variant.weight < 0) problems.push('weight_invalid');
	}
	if (variants.length && variants.every((v) => v.weight === 0)) problems.push('weights_zero');
	if (!(input.coverage > 0 && input.coverage <= 1)) problems.push('coverage_invalid');
	return [...new Set(problems)];
}

/** What the SDK needs of a running experiment, and nothing the storefront should not see. */
export function toSdkExperiment(experiment: {
	key: string;
	seed: string;
	coverage: number;
	variants: ExperimentVariant[];
}): ExperimentConfig {
	return {
		key: experiment.key,
		seed: experiment.seed,
		hashVersion: 2,
		coverage: experiment.coverage,
		variants: experiment.variants.map((v) => ({ key: v.key, weight: v.weight }))
	};
}
