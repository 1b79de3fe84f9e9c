import { describe, expect, it } from 'vitest';
import { layoutSteps, STEP_HEIGHT, STEP_WIDTH } from './layout';
import { journeyTemplate, TEMPLATE_KEYS } from './templates';

describe('layoutSteps', () => {
	it('places every node, entry on top, each edge going downwards, no two nodes overlapping', () => {
		for (const key of TEMPLATE_KEYS) {
			const d = journeyTemplate(key).definition;
			const at = layoutSteps(d);
			expect(at.size).toBe(d.nodes.length);
			const entry = d.nodes[0]!;
			for (const [, p] of at) expect(p.y).toBeGreaterThanOrEqual(at.get(entry.id)!.y);
			for (const e of d.edges) expect(at.get(e.to)!.y).toBeGreaterThan(at.get(e.from)!.y);
			const boxes = [...at.values()];
			for (let i = 0; i < boxes.length; i++) {
				for (let j = i + 1; j < boxes.length; j++) {
					const [a, b] = [boxes[i]!, boxes[j]!];
					const overlap = Math.abs(a.x - b.x) < STEP_WIDTH && Math.abs(a.y - b.y) < STEP_HEIGHT;
					expect(overlap, `${key}: nodes ${i} and ${j} overlap`).toBe(false);
				}
			}
		}
	});
});
