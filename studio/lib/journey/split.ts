/**
 * Deterministic assignment inside journeys, on the SDK's hash so a customer's bucket can be
 * recomputed anywhere (engine, analysis, support tooling) from ids alone, with no stored state.
 * Each use has its own seed, so being in one split's variant says nothing about another's.
 */
import { hash } from '@regulars/sdk/core';
import type { SplitNode } from './definition';

/**
 * The output a customer takes at a split. The unit interval is laid out as
 * [holdout][variant 1][variant 2]...: the holdout share first, then the variants in their order,
 * each as wide as its weight. Weights are scaled to fill what the holdout leaves, so a definition
 * whose weights are off by a rounding error still covers the whole interval. The seed names the
 * journey and the node, so the same customer takes the same output on re-entry, and different
 * splits are independent of each other.
 */
export function chooseSplitOutput(
	node: SplitNode,
	journeyId: number | string,
	customerKey: string
): string {
	const u = hash(`journey:${journeyId}:${node.id}`, customerKey);
	const holdout = Math.min(Math.max(node.holdout, 0), 1);
	if (u < holdout) return 'holdout';
	const weights = node.variants.map((v) =>
		Number.isFinite(v.weight) && v.weight > 0 ? v.weight : 0
	);
	const total = weights.reduce((sum, w) => sum + w, 0);
	// Nothing to split into (a definition that never passed validation): send nothing further.
	if (total === 0) return 'holdout';
	const scale = (1 - holdout) / total;
	let end = holdout;
	for (let i = 0; i < node.variants.length; i++) {
		end += (weights[i] ?? 0) * scale;
		if (u < end) return node.variants[i]?.key ?? 'holdout';
	}
	// Floating-point sums can stop a hair short of 1; the last variant with weight owns the gap.
	for (let i = node.variants.length - 1; i >= 0; i--) {
		if ((weights[i] ?? 0) > 0) return node.variants[i]?.key ?? 'holdout';
	}
	return 'holdout';
}

/** Whether the customer is in this journey's control group (`settings.holdout`). */
export function inJourneyHoldout(
	share: number,
	journeyId: number | string,
	customerKey: string
): boolean {
	return hash(`journey-holdout:${journeyId}`, customerKey) < share;
}

/** Whether the customer is in the workspace-wide control group that no journey ever messages. */
export function inGlobalHoldout(
	share: number,
	workspaceId: number | string,
	customerKey: string
): boolean {
	return hash(`global-holdout:${workspaceId}`, customerKey) < share;
}
