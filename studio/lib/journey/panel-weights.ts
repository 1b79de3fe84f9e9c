/**
 * Split weights as the panel edits them: percentages with two decimals, i.e. whole basis points
 * (1/10,000). Working in whole basis points makes "the weights and the holdout add up to 100%"
 * exact, so a split the panel produces never trips the lint by a floating-point hair.
 */
import type { SplitVariant } from './definition';
import { MAX_VARIANTS, NODE_ID_PATTERN } from './nodes';

const WHOLE = 10_000;

/** 0.125 → 1250 basis points; anything unusable → 0. */
export function toBasisPoints(share: number): number {
	return Number.isFinite(share) ? Math.round(share * WHOLE) : 0;
}

/** A share (0-1) as the percentage the panel shows: 0.3333 → 33.33. */
export function toPercent(share: number): number {
	return toBasisPoints(share) / 100;
}

/** A typed percentage as a share, to two decimals of a percent: 33.333 → 0.3333. */
export function fromPercent(percent: number): number {
	return Number.isFinite(percent) ? Math.round(percent * 100) / WHOLE : 0;
}

/**
 * Shares `total` basis points among `parts` in proportion to them (largest remainder), so the
 * results are whole and add up to exactly `total`. Equal parts give an even spread, the first
 * ones taking the leftover points (3 → 3334, 3333, 3333).
 */
export function apportion(parts: readonly number[], total: number): number[] {
	if (parts.length === 0) return [];
	const clean = parts.map((p) => (Number.isFinite(p) && p > 0 ? p : 0));
	const sum = clean.reduce((a, b) => a + b, 0);
	const weights = sum > 0 ? clean : clean.map(() => 1);
	const weightSum = sum > 0 ? sum : parts.length;
	const exact = weights.map((w) => (w * total) / weightSum);
	const floors = exact.map(Math.floor);
	let left = total - floors.reduce((a, b) => a + b, 0);
	const order = exact
		.map((value, index) => ({ index, rest: value - Math.floor(value) }))
		.sort((a, b) => b.rest - a.rest || a.index - b.index);
	for (const { index } of order) {
		if (left <= 0) break;
		floors[index]! += 1;
		left--;
	}
	return floors;
}

function withShares(variants: readonly SplitVariant[], points: readonly number[]): SplitVariant[] {
	return variants.map((v, i) => ({ key: v.key, weight: (points[i] ?? 0) / WHOLE }));
}

/** What the variants share: everything the holdout leaves. */
function variantPoints(holdout: number): number {
	return WHOLE - Math.min(Math.max(toBasisPoints(holdout), 0), WHOLE);
}

/** The variants spread evenly over what the holdout leaves. */
export function evenWeights(variants: readonly SplitVariant[], holdout: number): SplitVariant[] {
	return withShares(
		variants,
		apportion(
			variants.map(() => 1),
			variantPoints(holdout)
		)
	);
}

/** The variants scaled to fill what a new holdout leaves, keeping their proportions. */
export function rescaleWeights(variants: readonly SplitVariant[], holdout: number): SplitVariant[] {
	return withShares(
		variants,
		apportion(
			variants.map((v) => toBasisPoints(v.weight)),
			variantPoints(holdout)
		)
	);
}

/**
 * One variant's percentage changed. With two variants the other takes the rest, which is what
 * anyone means by "70/30"; with more the others are left alone and the total shows the gap.
 */
export function setVariantPercent(
	variants: readonly SplitVariant[],
	index: number,
	percent: number,
	holdout: number
): SplitVariant[] {
	const available = variantPoints(holdout);
	const points = Math.min(Math.max(Math.round(percent * 100), 0), available);
	return variants.map((v, i) => {
		if (i === index) return { key: v.key, weight: points / WHOLE };
		if (variants.length === 2) return { key: v.key, weight: (available - points) / WHOLE };
		return { ...v };
	});
}

/** The first free name of `a`, `b`, `c`... then `v11`, `v12`... */
export function nextVariantKey(variants: readonly SplitVariant[]): string {
	const taken = new Set(variants.map((v) => v.key));
	for (const letter of 'abcdefghijklmnopqrstuvwxyz') if (!taken.has(letter)) return letter;
	let n = variants.length + 1;
	while (taken.has(`v${n}`)) n++;
	return `v${n}`;
}

/** A new variant, then an even spread: a new arm has no history to weigh it by. */
export function addVariant(variants: readonly SplitVariant[], holdout: number): SplitVariant[] {
	if (variants.length >= MAX_VARIANTS) return variants.map((v) => ({ ...v }));
	return evenWeights([...variants, { key: nextVariantKey(variants), weight: 0 }], holdout);
}

/** Without one variant, the rest growing in proportion to fill its share. */
export function removeVariant(
	variants: readonly SplitVariant[],
	index: number,
	holdout: number
): SplitVariant[] {
	return rescaleWeights(
		variants.filter((_, i) => i !== index),
		holdout
	);
}

/** The weights plus the holdout, in percent: 100 when the split is complete. */
export function totalPercent(variants: readonly SplitVariant[], holdout: number): number {
	const points = variants.reduce((sum, v) => sum + toBasisPoints(v.weight), 0);
	return (points + toBasisPoints(holdout)) / 100;
}

/** Whether a variant name may be used as an output (see nodes.ts). */
export function isVariantKey(key: string): boolean {
	return NODE_ID_PATTERN.test(key) && key !== 'holdout';
}
