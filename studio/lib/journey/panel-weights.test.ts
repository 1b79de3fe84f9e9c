import { describe, expect, it } from 'vitest';
import type { SplitVariant } from './definition';
import { lintJourney } from './lint';
import {
	addVariant,
	apportion,
	evenWeights,
	fromPercent,
	isVariantKey,
	nextVariantKey,
	removeVariant,
	rescaleWeights,
	setVariantPercent,
	toBasisPoints,
	toPercent,
	totalPercent
} from './panel-weights';

const points = (variants: SplitVariant[]) => variants.map((v) => toBasisPoints(v.weight));
const sum = (variants: SplitVariant[], holdout = 0) =>
	variants.reduce((total, v) => total + v.weight, 0) + holdout;

/** What the validator itself says about the split's weights. */
function weightProblems(variants: SplitVariant[], holdout: number) {
	return lintJourney({
		version: 1,
		nodes: [{ id: 's', type: 'split', mode: 'ab', variants, holdout }],
		edges: [],
		settings: {
			reEntry: { kind: 'never' },
			goal: null,
			exit: { event: null, leftSegmentId: null },
			quietHours: null,
			holdout: 0
		}
	}).filter((p) => p.code === 'weights_invalid');
}

describe('percentages', () => {
	it('converts with two decimals of a percent', () => {
		expect(toPercent(0.3333)).toBe(33.33);
		expect(toPercent(0.5)).toBe(50);
		expect(fromPercent(33.333)).toBe(0.3333);
		expect(fromPercent(12.5)).toBe(0.125);
		expect(fromPercent(Number.NaN)).toBe(0);
	});
});

describe('apportion', () => {
	it('always adds up to exactly the total', () => {
		for (const parts of [[1, 1, 1], [1, 2], [5, 5, 5, 5, 5, 5, 5], [0, 0], [3, 0, 1], [1]]) {
			for (const total of [10_000, 9_000, 7_777, 0]) {
				const shares = apportion(parts, total);
				expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
				expect(shares.every((s) => Number.isInteger(s) && s >= 0)).toBe(true);
			}
		}
	});

	it('spreads evenly, the first taking the leftover points', () => {
		expect(apportion([1, 1, 1], 10_000)).toEqual([3334, 3333, 3333]);
	});
});

describe('split weights', () => {
	const two: SplitVariant[] = [
		{ key: 'a', weight: 0.5 },
		{ key: 'b', weight: 0.5 }
	];

	it('keeps weights plus holdout at 100% through every edit, as the lint checks', () => {
		const three = addVariant(two, 0);
		expect(three.map((v) => v.key)).toEqual(['a', 'b', 'c']);
		expect(points(three)).toEqual([3334, 3333, 3333]);
		expect(weightProblems(three, 0)).toEqual([]);

		const held = rescaleWeights(three, 0.1);
		expect(points(held).reduce((a, b) => a + b, 0)).toBe(9000);
		expect(Math.abs(sum(held, 0.1) - 1)).toBeLessThan(1e-9);
		expect(weightProblems(held, 0.1)).toEqual([]);

		const fewer = removeVariant(held, 0, 0.1);
		expect(fewer.map((v) => v.key)).toEqual(['b', 'c']);
		expect(points(fewer)).toEqual([4500, 4500]);
		expect(weightProblems(fewer, 0.1)).toEqual([]);

		for (let n = 2; n <= 10; n++) {
			const variants = evenWeights(
				Array.from({ length: n }, (_, i) => ({ key: `v${i}`, weight: 0 })),
				0.07
			);
			expect(totalPercent(variants, 0.07)).toBe(100);
			expect(weightProblems(variants, 0.07)).toEqual([]);
		}
	});

	it('gives the other of two variants the rest', () => {
		const edited = setVariantPercent(two, 0, 70, 0);
		expect(points(edited)).toEqual([7000, 3000]);
		const held = setVariantPercent(two, 1, 30.555, 0.1);
		expect(points(held)).toEqual([5944, 3056]);
		expect(weightProblems(held, 0.1)).toEqual([]);
		// More than there is to give stops at what the holdout leaves.
		expect(points(setVariantPercent(two, 0, 150, 0.2))).toEqual([8000, 0]);
	});

	it('leaves the others alone with three or more, and the total shows the gap', () => {
		const three = evenWeights(addVariant(two, 0), 0);
		const edited = setVariantPercent(three, 2, 20, 0);
		expect(points(edited)).toEqual([3334, 3333, 2000]);
		expect(totalPercent(edited, 0)).toBe(86.67);
		expect(weightProblems(edited, 0)).toHaveLength(1);
	});

	it('does not mutate its input', () => {
		const before = structuredClone(two);
		setVariantPercent(two, 0, 10, 0);
		addVariant(two, 0.1);
		removeVariant(two, 1, 0);
		rescaleWeights(two, 0.3);
		expect(two).toEqual(before);
	});

	it('names new variants with the first free letter', () => {
		expect(nextVariantKey(two)).toBe('c');
		expect(nextVariantKey([{ key: 'b', weight: 1 }])).toBe('a');
		const many = 'abcdefghijklmnopqrstuvwxyz'.split('').map((key) => ({ key, weight: 0 }));
		expect(nextVariantKey(many)).toBe('v27');
		expect(isVariantKey('holdout')).toBe(false);
		expect(isVariantKey('control')).toBe(true);
		expect(isVariantKey('a b')).toBe(false);
	});

	it('stops at the most variants a split may have', () => {
		let variants = two;
		for (let i = 0; i < 20; i++) variants = addVariant(variants, 0);
		expect(variants).toHaveLength(10);
	});
});
