import { assignVariant, hash } from '@regulars/sdk/core';
import { describe, expect, it } from 'vitest';
import { chiSquareSf } from './distributions';
import { sampleRatioMismatch } from './srm';

/**
 * The assignment hash is what every experiment's validity rests on: it must be GrowthBook's
 * (so assignments can be cross-checked with GrowthBook's SDKs) and it must spread units evenly,
 * or every test would start with a sample ratio mismatch.
 */
const UNITS = 100_000;
const BUCKETS = 20;

describe('assignment hash', () => {
	it("reproduces GrowthBook's published v2 vectors", () => {
		expect(hash('seed', 'a')).toBe(0.0505);
		expect(hash('seed', 'b')).toBe(0.2696);
		expect(hash('foo', 'ab')).toBe(0.2575);
	});

	it.each([
		['checkout-button', (i: number) => `visitor-${i}`],
		['welcome-offer', (i: number) => `c:${i + 1}`],
		['homepage-hero', (i: number) => `anon-${(i * 2654435761) >>> 0}`]
	])('spreads %s over 20 equal buckets (chi-square p > 0.001)', (seed, unit) => {
		const counts = new Array<number>(BUCKETS).fill(0);
		let lowerHalf = 0;
		let min = 1;
		let max = 0;
		for (let i = 0; i < UNITS; i++) {
			const n = hash(seed, unit(i));
			min = Math.min(min, n);
			max = Math.max(max, n);
			const bucket = Math.floor(n * BUCKETS);
			counts[bucket] = (counts[bucket] ?? 0) + 1;
			if (n < 0.5) lowerHalf++;
		}
		expect(min).toBeGreaterThanOrEqual(0);
		expect(max).toBeLessThan(1);
		expect(counts).toHaveLength(BUCKETS);
		const expected = UNITS / BUCKETS;
		const chiSquare = counts.reduce(
			(sum, c) => sum + ((c - expected) * (c - expected)) / expected,
			0
		);
		expect(chiSquareSf(chiSquare, BUCKETS - 1)).toBeGreaterThan(0.001);
		// The same test through the SRM check the results page runs.
		expect(sampleRatioMismatch(counts, new Array<number>(BUCKETS).fill(1)).mismatch).toBe(false);
		// A 50/50 split lands within one percentage point of half.
		expect(Math.abs(lowerHalf / UNITS - 0.5)).toBeLessThan(0.01);
	});

	it('splits units 50/50 through assignVariant', () => {
		const experiment = {
			key: 'two-offers',
			variants: [
				{ key: 'control', weight: 0.5 },
				{ key: 'treatment', weight: 0.5 }
			]
		};
		let control = 0;
		let treatment = 0;
		for (let i = 0; i < UNITS; i++) {
			const index = assignVariant(experiment, `visitor-${i}`);
			if (index === 0) control++;
			else if (index === 1) treatment++;
		}
		const counts = [control, treatment];
		expect(control + treatment).toBe(UNITS);
		expect(Math.abs(control / UNITS - 0.5)).toBeLessThan(0.01);
		expect(sampleRatioMismatch(counts, [0.5, 0.5]).mismatch).toBe(false);
	});
});
