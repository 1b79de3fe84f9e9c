import { describe, expect, it } from 'vitest';
import { isEntry, outputsOf, type ConditionNode, type JourneyDefinition } from './definition';
import { TEMPLATE_KEYS, journeyTemplate } from './templates';
import { parseJourney } from './validate';

/** Node ids reached from the entry along the edges. */
function reachable(definition: JourneyDefinition): Set<string> {
	const seen = new Set(definition.nodes.filter(isEntry).map((node) => node.id));
	let grew = true;
	while (grew) {
		grew = false;
		for (const edge of definition.edges) {
			if (seen.has(edge.from) && !seen.has(edge.to)) {
				seen.add(edge.to);
				grew = true;
			}
		}
	}
	return seen;
}

describe('journeyTemplate', () => {
	it('offers the six templates', () => {
		expect(TEMPLATE_KEYS).toEqual([
			'welcome',
			'abandoned_cart',
			'post_purchase',
			'loyalty_milestone',
			'birthday',
			'win_back'
		]);
	});

	it.each(TEMPLATE_KEYS)('%s parses clean, unchanged, with every node reachable', (key) => {
		const template = journeyTemplate(key);
		expect(template.key).toBe(key);
		expect(template.name).not.toBe('');
		expect(template.description).not.toBe('');
		const { definition } = template;
		expect(parseJourney(definition)).toEqual({ ok: true, definition });
		expect([...reachable(definition)].sort()).toEqual(definition.nodes.map((n) => n.id).sort());
		expect(definition.nodes.filter(isEntry)).toHaveLength(1);
		for (const node of definition.nodes) {
			for (const output of outputsOf(node)) {
				expect(
					definition.edges.filter((e) => e.from === node.id && e.output === output)
				).toHaveLength(1);
			}
			// Laid out on a 160px grid, top to bottom: every edge goes down the canvas.
			expect(node.position!.y % 160).toBe(0);
		}
		const y = new Map(definition.nodes.map((node) => [node.id, node.position!.y]));
		for (const edge of definition.edges) expect(y.get(edge.to)!).toBeGreaterThan(y.get(edge.from)!);
		expect(definition.settings.goal).toMatchObject({ event: 'Order Completed', filters: [] });
	});

	it('returns a fresh object on every call', () => {
		const first = journeyTemplate('welcome');
		const second = journeyTemplate('welcome');
		expect(second).toEqual(first);
		expect(second).not.toBe(first);
		first.definition.nodes[0]!.label = 'Edited';
		first.definition.edges.pop();
		first.definition.settings.reEntry = { kind: 'always' };
		const third = journeyTemplate('welcome');
		expect(third.definition.nodes[0]!.label).toBeUndefined();
		expect(third.definition.edges).toHaveLength(6);
		expect(third.definition.settings.reEntry).toEqual({ kind: 'never' });
	});

	it('wires the welcome series as specified', () => {
		const { definition } = journeyTemplate('welcome');
		expect(definition.nodes.map((node) => node.type)).toEqual([
			'entry_event',
			'email',
			'delay',
			'condition',
			'exit',
			'email',
			'exit'
		]);
		expect(definition.nodes[2]).toMatchObject({ delay: { kind: 'duration', minutes: 2880 } });
		expect(definition.nodes[5]).toMatchObject({ products: { placement: 'email', count: 4 } });
		expect(definition.settings).toMatchObject({
			reEntry: { kind: 'never' },
			goal: { event: 'Order Completed', windowDays: 14 }
		});
	});

	it('keeps the abandoned-cart cooldown longer than its goal window', () => {
		const { definition } = journeyTemplate('abandoned_cart');
		expect(definition.nodes.find((node) => node.type === 'wait_event')).toMatchObject({
			event: 'Order Completed',
			timeoutMinutes: 60,
			matchKey: 'cart_id'
		});
		expect(definition.nodes.find((node) => node.type === 'goal')).toMatchObject({
			windowMinutes: 4320
		});
		expect(definition.settings.reEntry).toEqual({ kind: 'cooldown', days: 7 });
	});

	it('branches win-back on churn risk', () => {
		const { definition } = journeyTemplate('win_back');
		expect(definition.nodes[0]).toMatchObject({
			type: 'entry_inactivity',
			event: 'Order Completed',
			days: 60
		});
		const condition = definition.nodes.find((node) => node.type === 'condition') as ConditionNode;
		expect(condition.checks).toEqual([
			{
				kind: 'customer',
				root: {
					type: 'group',
					op: 'and',
					children: [{ type: 'fact', fact: 'churn_risk', operator: 'gte', value: 0.6 }]
				}
			}
		]);
		const yes = definition.edges.find((e) => e.from === condition.id && e.output === 'yes');
		const no = definition.edges.find((e) => e.from === condition.id && e.output === 'no');
		expect(definition.nodes.find((node) => node.id === yes?.to)).toMatchObject({
			type: 'email',
			subject: 'We miss you, {{first_name}}'
		});
		expect(definition.nodes.find((node) => node.id === no?.to)).toMatchObject({ type: 'email' });
		expect(definition.nodes.find((node) => node.type === 'award_points')).toMatchObject({
			points: 300
		});
		expect(definition.settings.reEntry).toEqual({ kind: 'cooldown', days: 90 });
	});

	it('sets the birthday and loyalty rewards', () => {
		const birthday = journeyTemplate('birthday').definition;
		expect(birthday.nodes.map((node) => node.type)).toEqual([
			'entry_date',
			'award_points',
			'email',
			'offer',
			'exit'
		]);
		expect(birthday.nodes[0]).toMatchObject({ trait: 'birthday', offsetDays: 0, hour: 9 });
		expect(birthday.nodes[3]).toMatchObject({ placement: 'home', expiresHours: 168 });
		const loyalty = journeyTemplate('loyalty_milestone').definition;
		expect(loyalty.nodes.find((node) => node.type === 'award_points')).toMatchObject({
			points: 500
		});
		expect(loyalty.settings.reEntry).toEqual({ kind: 'cooldown', days: 365 });
		expect(journeyTemplate('post_purchase').definition.settings.reEntry).toEqual({
			kind: 'always'
		});
	});
});
