import { describe, expect, it } from 'vitest';
import { NumpyRandom, splitPerUser, trainSize, type Pairs } from './index.js';

describe('NumpyRandom', () => {
	it("reproduces numpy's default_rng(42).random()", () => {
		// python3 -c "import numpy as np; print(np.random.default_rng(42).random(3).tolist())"
		const r = new NumpyRandom(42);
		expect([r.random(), r.random(), r.random()]).toEqual([
			0.7739560485559633, 0.4388784397520523, 0.8585979199113825
		]);
		expect(new NumpyRandom(7).randomArray(1)[0]).toBe(0.625095466604667);
	});
});

function pairs(counts: number[]): Pairs {
	const users: number[] = [];
	const items: number[] = [];
	counts.forEach((n, u) => {
		for (let i = 0; i < n; i++) {
			users.push(u);
			items.push(i);
		}
	});
	return {
		users: Int32Array.from(users),
		items: Int32Array.from(items),
		times: Float64Array.from(items, (i) => 100 - i)
	};
}

describe('splitPerUser', () => {
	it('keeps round(0.8 n) of each user in training, singletons train-only', () => {
		expect([1, 2, 3, 5, 8, 10].map((n) => trainSize(n, 0.2))).toEqual([1, 2, 2, 4, 6, 8]);
		const { train, test } = splitPerUser(pairs([1, 2, 3, 5, 10]), { seed: 3 });
		const count = (p: Pairs, u: number): number => p.users.filter((x) => x === u).length;
		expect([0, 1, 2, 3, 4].map((u) => count(train, u))).toEqual([1, 2, 2, 4, 8]);
		expect([0, 1, 2, 3, 4].map((u) => count(test, u))).toEqual([0, 0, 1, 1, 2]);
	});

	it('holds out the latest pairs in the temporal split', () => {
		// times = 100 - item, so the highest items are the oldest, item 0 the latest.
		const { test } = splitPerUser(pairs([10]), { kind: 'temporal' });
		expect(Array.from(test.items).sort()).toEqual([0, 1]);
	});

	it('is reproducible for a seed and differs between seeds', () => {
		const a = splitPerUser(pairs([20, 20]), { seed: 1 }).test.items;
		const b = splitPerUser(pairs([20, 20]), { seed: 1 }).test.items;
		const c = splitPerUser(pairs([20, 20]), { seed: 2 }).test.items;
		expect(Array.from(a)).toEqual(Array.from(b));
		expect(Array.from(a)).not.toEqual(Array.from(c));
	});
});
