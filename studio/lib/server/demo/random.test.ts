import { describe, expect, it } from 'vitest';
import { Random } from './random';

function draws(random: Random, n: number): number[] {
	return Array.from({ length: n }, () => random.next());
}

describe('Random', () => {
	it('repeats itself for the same seed and differs for another', () => {
		expect(draws(new Random('a'), 50)).toEqual(draws(new Random('a'), 50));
		expect(draws(new Random('a'), 50)).not.toEqual(draws(new Random('b'), 50));
		expect(draws(new Random('a').fork('x'), 5)).toEqual(draws(new Random('a').fork('x'), 5));
		expect(draws(new Random('a').fork('x'), 5)).not.toEqual(draws(new Random('a').fork('y'), 5));
	});

	it('stays in range and looks uniform', () => {
		const random = new Random('uniform');
		const values = draws(random, 20_000);
		expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...values)).toBeLessThan(1);
		const mean = values.reduce((s, v) => s + v, 0) / values.length;
		expect(mean).toBeGreaterThan(0.48);
		expect(mean).toBeLessThan(0.52);
		const ints = Array.from({ length: 5000 }, () => random.int(3, 6));
		expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6]));
	});

	it('draws the distributions with their means', () => {
		const random = new Random('shapes');
		const mean = (f: () => number) =>
			Array.from({ length: 20_000 }, f).reduce((s, v) => s + v, 0) / 20_000;
		expect(mean(() => random.normal(10, 2))).toBeCloseTo(10, 1);
		expect(mean(() => random.exponential(5))).toBeGreaterThan(4.7);
		expect(mean(() => random.exponential(5))).toBeLessThan(5.3);
		expect(mean(() => random.gamma(4, 5))).toBeGreaterThan(19);
		expect(mean(() => random.gamma(4, 5))).toBeLessThan(21);
		expect(mean(() => random.gamma(0.5, 2))).toBeGreaterThan(0.9);
		expect(mean(() => random.gamma(0.5, 2))).toBeLessThan(1.1);
		expect(mean(() => random.poisson(3))).toBeCloseTo(3, 1);
	});

	it('picks by weight, shuffles into a permutation and makes v4 uuids', () => {
		const random = new Random('weights');
		const counts = { a: 0, b: 0, c: 0 };
		for (let i = 0; i < 10_000; i++) counts[random.weighted(['a', 'b', 'c'] as const, [1, 3, 0])]++;
		expect(counts.c).toBe(0);
		expect(counts.b / counts.a).toBeGreaterThan(2.6);
		expect(counts.b / counts.a).toBeLessThan(3.4);
		const list = Array.from({ length: 30 }, (_, i) => i);
		const shuffled = random.shuffle([...list]);
		expect(shuffled).not.toEqual(list);
		expect([...shuffled].sort((x, y) => x - y)).toEqual(list);
		expect(random.uuid()).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
		expect(() => random.pick([])).toThrow(RangeError);
		expect(() => random.weighted(['a'], [0])).toThrow(RangeError);
	});
});
