import { describe, expect, it } from 'vitest';
import { defaultSettings, type JourneyDefinition } from './definition';
import {
	addStep,
	canConnect,
	connectSteps,
	copySteps,
	edgeKey,
	moveSteps,
	pasteFragment,
	readFragment,
	removeEdges,
	removeSteps,
	replaceStep
} from './edit';
import { journeyTemplate } from './templates';
import { parseJourney } from './validate';

function blank(): JourneyDefinition {
	return {
		version: 1,
		nodes: [
			{ id: 'in', type: 'entry_event', event: 'Signed Up', filters: [], position: { x: 0, y: 0 } },
			{ id: 'out', type: 'exit', position: { x: 0, y: 200 } }
		],
		edges: [{ from: 'in', output: 'next', to: 'out' }],
		settings: defaultSettings()
	};
}

describe('canvas edits', () => {
	it('adds a step with a fresh id and leaves the input untouched', () => {
		const start = blank();
		const copy = structuredClone(start);
		const a = addStep(start, 'email', { x: 10.4, y: 20.6 });
		const b = addStep(a.definition, 'email', { x: 0, y: 0 });
		expect(a.id).toBe('email_1');
		expect(b.id).toBe('email_2');
		expect(a.definition.nodes.at(-1)).toMatchObject({ type: 'email', position: { x: 10, y: 21 } });
		expect(start).toEqual(copy);
	});

	it('a new step lacks its content, and the lint says so', () => {
		const { definition } = addStep(blank(), 'email', { x: 0, y: 0 });
		const parsed = parseJourney(definition);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		const mine = parsed.problems.filter((p) => p.nodeId === 'email_1').map((p) => p.code);
		expect(mine).toContain('text_required');
		expect(mine).toContain('unreachable');
	});

	it('connecting an output replaces the edge it had', () => {
		let d = addStep(blank(), 'exit', { x: 0, y: 0 }).definition;
		d = connectSteps(d, { from: 'in', output: 'next', to: 'exit_1' });
		expect(d.edges).toEqual([{ from: 'in', output: 'next', to: 'exit_1' }]);
	});

	it('refuses edges into an entry, onto the same node, from an exit or from a missing output', () => {
		const d = blank();
		expect(canConnect(d, 'out', 'in')).toBe(false);
		expect(canConnect(d, 'in', 'in')).toBe(false);
		expect(connectSteps(d, { from: 'out', output: 'next', to: 'in' })).toBe(d);
		expect(connectSteps(d, { from: 'in', output: 'yes', to: 'out' })).toBe(d);
	});

	it('removing steps removes their edges; removing edges keeps the steps', () => {
		const d = blank();
		expect(removeSteps(d, new Set(['out']))).toMatchObject({ nodes: [{ id: 'in' }], edges: [] });
		const cut = removeEdges(d, new Set([edgeKey({ from: 'in', output: 'next' })]));
		expect(cut.nodes).toHaveLength(2);
		expect(cut.edges).toEqual([]);
	});

	it('moving to the same whole-pixel place is no change', () => {
		const d = blank();
		expect(moveSteps(d, new Map([['in', { x: 0.2, y: -0.3 }]]))).toBe(d);
		const moved = moveSteps(d, new Map([['in', { x: 50, y: 60 }]]));
		expect(moved.nodes[0]!.position).toEqual({ x: 50, y: 60 });
	});

	it('renaming a split variant drops the edge of the old output only', () => {
		let d = addStep(blank(), 'split', { x: 0, y: 0 }).definition;
		d = connectSteps(d, { from: 'split_1', output: 'a', to: 'out' });
		d = connectSteps(d, { from: 'split_1', output: 'b', to: 'out' });
		const split = d.nodes.find((n) => n.id === 'split_1')!;
		if (split.type !== 'split') throw new Error('not a split');
		const renamed = replaceStep(d, {
			...split,
			variants: [
				{ key: 'a', weight: 0.5 },
				{ key: 'c', weight: 0.5 }
			]
		});
		expect(renamed.edges.filter((e) => e.from === 'split_1')).toEqual([
			{ from: 'split_1', output: 'a', to: 'out' }
		]);
	});

	it('copy and paste makes fresh ids, keeps inner edges and drops edges leaving the selection', () => {
		const d = journeyTemplate('abandoned_cart').definition;
		const fragment = copySteps(d, new Set(['reminder_email', 'order_goal', 'done']));
		expect(fragment.edges).toHaveLength(2);
		const pasted = pasteFragment(d, fragment, { x: 40, y: 40 });
		expect(pasted.ids).toEqual(['reminder_email_1', 'order_goal_1', 'done_1']);
		expect(pasted.definition.edges).toContainEqual({
			from: 'reminder_email_1',
			output: 'next',
			to: 'order_goal_1'
		});
		const original = d.nodes.find((n) => n.id === 'reminder_email')!;
		const copy = pasted.definition.nodes.find((n) => n.id === 'reminder_email_1')!;
		expect(copy.position).toEqual({ x: original.position!.x + 40, y: original.position!.y + 40 });
		// Pasting twice never reuses an id.
		const again = pasteFragment(pasted.definition, fragment, { x: 80, y: 80 });
		expect(again.ids).toEqual(['reminder_email_2', 'order_goal_2', 'done_2']);
	});

	it('reads only fragment-shaped clipboard content', () => {
		expect(readFragment(null)).toBeNull();
		expect(readFragment({ nodes: [], edges: [] })).toBeNull();
		expect(readFragment({ nodes: [{ id: 1 }], edges: [] })).toBeNull();
		expect(
			readFragment(JSON.parse('{"__proto__":{"x":1},"nodes":[{"id":"a"}],"edges":[]}'))
		).toEqual({ nodes: [{ id: 'a' }], edges: [] });
	});
});
