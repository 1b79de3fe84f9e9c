import { describe, expect, it } from 'vitest';
import { deserialize, fitRecommender, recommend, serialize, DAY_MS } from './index.js';

const NOW = Date.UTC(2024, 0, 1);
const events = ['a', 'b', 'c', 'd'].flatMap((itemId, i) =>
	['u1', 'u2', 'u3'].slice(0, i + 1).map((userId) => ({
		userId,
		itemId,
		type: 'purchase',
		at: NOW - i * DAY_MS,
		orderId: userId
	}))
);

describe('serialize / deserialize', () => {
	it('round-trips a model exactly and it serves the same recommendations', () => {
		const model = fitRecommender(events, {
			itemKnn: { k: 5 },
			categories: new Map([['a', '杯子']]),
			fbt: { minSupport: 1 }
		});
		const bytes = serialize(model);
		expect(bytes).toBeInstanceOf(Uint8Array);
		// A copy at an odd offset, as a database driver may hand back.
		const padded = new Uint8Array(bytes.length + 3);
		padded.set(bytes, 3);
		const loaded = deserialize(padded.subarray(3));
		expect(loaded).toEqual(model);
		expect(loaded.itemKnn.weights.values).toBeInstanceOf(Float32Array);
		expect(loaded.categories).toEqual(['杯子']);
		const request = { userId: 'u1', n: 3, now: NOW };
		expect(recommend(loaded, request)).toEqual(recommend(model, request));
	});

	it('refuses bytes that are not a snapshot', () => {
		expect(() => deserialize(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/snapshot/);
	});
});
