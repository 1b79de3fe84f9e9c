import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from './definition';
import { freshId, newStep, PALETTE } from './palette';
import { parseJourney } from './validate';

describe('palette', () => {
	it('offers every node type exactly once', () => {
		const offered = PALETTE.flatMap((g) => g.types);
		expect([...offered].sort()).toEqual([...NODE_TYPES].sort());
	});

	it('makes nodes the parser reads back unchanged, apart from what must be filled in', () => {
		for (const type of NODE_TYPES) {
			const step = newStep(type, `${type}_1`, { x: 0, y: 0 });
			const parsed = parseJourney({
				version: 1,
				nodes: [step],
				edges: [],
				settings: {
					reEntry: { kind: 'never' },
					goal: null,
					exit: { event: null, leftSegmentId: null },
					quietHours: null,
					holdout: 0
				}
			});
			const problems = parsed.ok ? [] : parsed.problems;
			// No fresh node is dropped as unreadable.
			expect(problems.map((p) => p.code)).not.toContain('node_invalid');
			expect(problems.map((p) => p.code)).not.toContain('node_type_unknown');
		}
	});

	it('finds the next free id and cleans odd characters', () => {
		expect(freshId('email', new Set(['email_1', 'email_2']))).toBe('email_3');
		expect(freshId('发送 邮件', new Set())).toBe('step_1');
	});
});
