import { describe, expect, it } from 'vitest';
import type { SplitNode } from './definition';
import { chooseSplitOutput, inGlobalHoldout, inJourneyHoldout } from './split';

const N = 100_000;
const ids = Array.from({ length: N }, (_, i) => `customer-${i}`);

function split(id: string, weights: number[], holdout = 0): SplitNode {
	return {
		id,
		type: 'split',
		mode: 'ab',
		variants: weights.map((weight, i) => ({ key: `v${i}`, weight })),
		holdout
	};
}

function shares(node: SplitNode, journeyId: number | string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const id of ids) {
		const output = chooseSplitOutput(node, journeyId, id);
		counts[output] = (counts[output] ?? 0) + 1;
	}
	return Object.fromEntries(Object.entries(counts).map(([key, count]) => [key, count / N]));
}

describe('chooseSplitOutput', () => {
	it('gives the same output for the same inputs, every time', () => {
		const node = split('s1', [0.5, 0.5], 0.1);
		const first = ids.slice(0, 1000).map((id) => chooseSplitOutput(node, 7, id));
		const again = ids.slice(0, 1000).map((id) => chooseSplitOutput({ ...node }, '7', id));
		expect(again).toEqual(first);
		expect(new Set(first)).toEqual(new Set(['v0', 'v1', 'holdout']));
	});

	it('spreads customers by weight within 1%', () => {
		const result = shares(split('s1', [0.2, 0.3, 0.5]), 1);
		expect(Object.keys(result).sort()).toEqual(['v0', 'v1', 'v2']);
		expect(Math.abs(result.v0! - 0.2)).toBeLessThan(0.01);
		expect(Math.abs(result.v1! - 0.3)).toBeLessThan(0.01);
		expect(Math.abs(result.v2! - 0.5)).toBeLessThan(0.01);
	});

	it('lays the holdout first and keeps it within 0.5%', () => {
		const result = shares(split('s2', [0.45, 0.45], 0.1), 'spring');
		expect(Math.abs(result.holdout! - 0.1)).toBeLessThan(0.005);
		expect(Math.abs(result.v0! - 0.45)).toBeLessThan(0.01);
		expect(Math.abs(result.v1! - 0.45)).toBeLessThan(0.01);
		// Holdout first: growing it only moves customers from the first variant into the holdout.
		const small = split('s2', [0.45, 0.45], 0.1);
		const large = split('s2', [0.35, 0.45], 0.2);
		for (const id of ids.slice(0, 5000)) {
			const before = chooseSplitOutput(small, 'spring', id);
			const after = chooseSplitOutput(large, 'spring', id);
			if (before === 'holdout' || before === 'v1') expect(after).toBe(before);
		}
	});

	it('assigns independently across nodes and journeys', () => {
		const agreement = (
			a: () => SplitNode,
			journeyA: number,
			b: () => SplitNode,
			journeyB: number
		) => {
			let same = 0;
			for (const id of ids) {
				if (chooseSplitOutput(a(), journeyA, id) === chooseSplitOutput(b(), journeyB, id)) same++;
			}
			return same / N;
		};
		const nodeA = split('a', [0.5, 0.5]);
		const nodeB = split('b', [0.5, 0.5]);
		expect(
			Math.abs(
				agreement(
					() => nodeA,
					1,
					() => nodeB,
					1
				) - 0.5
			)
		).toBeLessThan(0.015);
		expect(
			Math.abs(
				agreement(
					() => nodeA,
					1,
					() => nodeA,
					2
				) - 0.5
			)
		).toBeLessThan(0.015);
		expect(
			agreement(
				() => nodeA,
				1,
				() => nodeA,
				1
			)
		).toBe(1);
	});

	it('scales weights that miss 1 and sends everyone somewhere', () => {
		const result = shares(split('s3', [1, 3]), 1);
		expect(Math.abs(result.v0! - 0.25)).toBeLessThan(0.01);
		expect(Math.abs(result.v1! - 0.75)).toBeLessThan(0.01);
		expect(chooseSplitOutput(split('s4', []), 1, 'c')).toBe('holdout');
		expect(chooseSplitOutput(split('s5', [0, 0, 1]), 1, 'c')).toBe('v2');
	});
});

describe('holdouts', () => {
	it('puts the requested share of customers in the journey holdout', () => {
		const count = ids.filter((id) => inJourneyHoldout(0.1, 42, id)).length;
		expect(Math.abs(count / N - 0.1)).toBeLessThan(0.005);
		expect(ids.some((id) => inJourneyHoldout(0, 42, id))).toBe(false);
		expect(ids.every((id) => inJourneyHoldout(1, 42, id))).toBe(true);
		expect(inJourneyHoldout(0.1, 42, 'customer-3')).toBe(inJourneyHoldout(0.1, '42', 'customer-3'));
	});

	it('keeps the global holdout separate from journey holdouts', () => {
		const global = ids.filter((id) => inGlobalHoldout(0.05, 1, id));
		expect(Math.abs(global.length / N - 0.05)).toBeLessThan(0.005);
		// Same share, same id: a different seed, so a different set of customers.
		const both = global.filter((id) => inJourneyHoldout(0.05, 1, id)).length;
		expect(both / N).toBeLessThan(0.005);
		// A larger share contains the smaller one, so raising it never releases anyone.
		expect(global.every((id) => inGlobalHoldout(0.1, 1, id))).toBe(true);
	});
});
