import { describe, expect, it } from 'vitest';
import { tuneItemKnn, type Pairs } from './index.js';

describe('tuneItemKnn', () => {
	it('tries every candidate on a validation split and fits the best on all pairs', () => {
		// Two families of items bought together, 30 customers each.
		const users: number[] = [];
		const items: number[] = [];
		for (let u = 0; u < 60; u++) {
			const base = u < 30 ? 0 : 5;
			for (let i = 0; i < 5; i++) {
				if ((u + i) % 5 === 0) continue;
				users.push(u);
				items.push(base + i);
			}
		}
		const pairs: Pairs = {
			users: Int32Array.from(users),
			items: Int32Array.from(items),
			times: new Float64Array(users.length)
		};
		const tuned = tuneItemKnn(pairs, { users: 60, items: 10, ks: [1, 4], betas: [0], alphas: [1] });
		expect(tuned.trials).toHaveLength(4);
		expect(tuned.trials[0]?.ndcg).toBeGreaterThanOrEqual(tuned.trials[3]?.ndcg ?? 0);
		expect(tuned.best).toMatchObject({
			k: tuned.trials[0]?.k,
			similarity: tuned.trials[0]?.similarity
		});
		// Families never mix: no weight crosses from items 0-4 to 5-9.
		const { weights } = tuned.model;
		for (let j = 0; j < 5; j++) {
			for (let p = weights.indptr[j] as number; p < (weights.indptr[j + 1] as number); p++) {
				expect(weights.indices[p]).toBeLessThan(5);
			}
		}
	});
});
