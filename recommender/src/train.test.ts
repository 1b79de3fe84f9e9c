import { describe, expect, it } from 'vitest';
import type { InteractionEvent } from './interactions.js';
import { deserialize } from './snapshot.js';
import { recommend } from './recommend.js';
import { trainAndEvaluate } from './train.js';

const DAY = 86_400_000;

/** Tea drinkers buy tea then cups; coffee drinkers buy coffee then a grinder. Deterministic. */
function shop(): InteractionEvent[] {
	const events: InteractionEvent[] = [];
	for (let u = 0; u < 60; u++) {
		const tea = u % 2 === 0;
		const base = u * DAY;
		const first = tea ? ['green-tea', 'black-tea'] : ['espresso', 'filter-coffee'];
		const next = tea ? 'tea-cups' : 'grinder';
		first.forEach((item, i) =>
			events.push({
				userId: `u${u}`,
				itemId: item,
				type: 'purchase',
				at: base + i,
				orderId: `o${u}a`
			})
		);
		events.push({ userId: `u${u}`, itemId: 'mug', type: 'view', at: base + 2 });
		// The older half also bought the follow-up, so the model can learn it before the cutoff.
		events.push({
			userId: `u${u}`,
			itemId: next,
			type: 'purchase',
			at: (u < 45 ? base : 200 * DAY) + 10,
			orderId: `o${u}b`
		});
	}
	return events;
}

describe('trainAndEvaluate', () => {
	it('holds out the latest purchases, scores the earlier model on them, and ships a full model', () => {
		const stages: string[] = [];
		const result = trainAndEvaluate(shop(), { itemKnn: { k: 10 }, holdoutShare: 0.08 }, (stage) =>
			stages.push(stage)
		);
		expect(stages).toEqual(['evaluating', 'training', 'saving']);
		const metrics = result.metrics!;
		expect(metrics.k).toBe(10);
		// The 15 late follow-up purchases are held out; the earlier 45 teach the pattern.
		expect(metrics.usersEvaluated).toBe(15);
		expect(metrics.hr).toBe(1);
		expect(metrics.ndcg).toBeGreaterThan(0.5);
		expect(metrics.cutoff).toBe(200 * DAY + 10);
		expect(result.stats).toMatchObject({ events: 240, users: 60, items: 7 });

		const model = deserialize(result.snapshot);
		const forTea = recommend(model, { userId: 'u0', n: 3 }).map((r) => r.itemId);
		expect(forTea).not.toContain('green-tea');
		expect(forTea[0]).toBe('mug');
	});

	it('gives no metrics when there is too little history to hold any out', () => {
		const result = trainAndEvaluate(shop().slice(0, 10));
		expect(result.metrics).toBeNull();
		expect(result.snapshot.byteLength).toBeGreaterThan(0);
	});
});
