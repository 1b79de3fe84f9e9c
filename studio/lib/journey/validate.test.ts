import { describe, expect, it } from 'vitest';
import { MAX_MINUTES, MAX_NODES, MAX_TEXT_LENGTH, type JourneyDefinition } from './definition';
import {
	JOURNEY_PROBLEM_CODES,
	lintJourney,
	parseJourney,
	problemsOf,
	type JourneyProblem,
	type LintContext
} from './validate';

type Raw = Record<string, unknown>;

const entry = (fields: Raw = {}): Raw => ({
	id: 'start',
	type: 'entry_event',
	event: 'Signed Up',
	filters: [],
	...fields
});
const email = (fields: Raw = {}): Raw => ({
	id: 'send',
	type: 'email',
	subject: 'Hi {{first_name}}',
	body: 'Hello',
	products: null,
	...fields
});
const exit = (id = 'end'): Raw => ({ id, type: 'exit' });
const edge = (from: string, output: string, to: string) => ({ from, output, to });
const settings = (fields: Raw = {}): Raw => ({
	reEntry: { kind: 'never' },
	goal: null,
	exit: { event: null, leftSegmentId: null },
	quietHours: null,
	holdout: 0,
	...fields
});

/** entry -> middle -> end, with `middle` wired from its `next` output. */
const chain = (middle: Raw, extra: Raw = {}): Raw => ({
	version: 1,
	nodes: [entry(), middle, exit()],
	edges: [edge('start', 'next', String(middle.id)), edge(String(middle.id), 'next', 'end')],
	settings: settings(),
	...extra
});

/** Problems without their messages, which are for humans. */
function found(input: unknown, context?: LintContext) {
	const parsed = parseJourney(input, context);
	return parsed.ok ? [] : parsed.problems.map(strip);
}
const strip = ({ code, nodeId, field }: JourneyProblem) => ({ code, nodeId, field });

/** The one node under test, id `x`, placed between entry and exit and wired from each output. */
function node(fields: Raw) {
	const outputs =
		fields.type === 'goal'
			? ['not_converted']
			: fields.type === 'wait_event'
				? ['happened', 'timed_out']
				: ['next'];
	return found({
		version: 1,
		nodes: [entry(), { id: 'x', ...fields }, exit()],
		edges: [edge('start', 'next', 'x'), ...outputs.map((output) => edge('x', output, 'end'))],
		settings: settings()
	});
}

const sinkDefinition = (): Raw => ({
	version: 1,
	nodes: [
		entry({ filters: [{ key: 'total', operator: 'gt', value: 50 }] }),
		{
			id: 'split',
			type: 'split',
			mode: 'ab',
			variants: [
				{ key: 'a', weight: 0.45 },
				{ key: 'b', weight: 0.45 }
			],
			holdout: 0.1
		},
		{
			id: 'cond',
			type: 'condition',
			match: 'any',
			checks: [
				{
					kind: 'customer',
					root: {
						type: 'group',
						op: 'and',
						children: [{ type: 'fact', fact: 'churn_risk', operator: 'gte', value: 0.5 }]
					}
				},
				{ kind: 'segment', segmentId: 4, member: false },
				{ kind: 'entry_property', filter: { key: 'coupon', operator: 'exists', value: null } }
			]
		},
		{
			id: 'wait',
			type: 'wait_event',
			event: 'Order Completed',
			filters: [],
			timeoutMinutes: 60,
			matchKey: 'cart_id'
		},
		email({ products: { placement: 'email', count: 4 }, body: 'Hi {{traits.size}} {{entry.sku}}' }),
		{
			id: 'hook',
			type: 'webhook',
			url: 'https://example.com/hook',
			body: '{"who": "{{email}}", "points": "{{points}}"}'
		},
		{
			id: 'offer',
			type: 'offer',
			placement: 'home',
			title: 'For you',
			body: '',
			products: null,
			expiresHours: 48
		},
		{ id: 'tag', type: 'update_profile', change: { kind: 'add_tag', tag: 'vip' } },
		{ id: 'points', type: 'award_points', points: 100, reason: '' },
		{ id: 'goal', type: 'goal', event: 'Order Completed', filters: [], windowMinutes: 1440 },
		{ id: 'tod', type: 'delay', delay: { kind: 'time_of_day', hour: 9, minute: 30 } },
		{
			id: 'anniv',
			type: 'delay',
			delay: { kind: 'date_trait', trait: 'birthday', offsetDays: -3 }
		},
		exit('end'),
		exit('end_b'),
		exit('end_h')
	],
	edges: [
		edge('start', 'next', 'split'),
		edge('split', 'a', 'cond'),
		edge('split', 'b', 'tod'),
		edge('split', 'holdout', 'end_h'),
		edge('cond', 'yes', 'wait'),
		edge('cond', 'no', 'anniv'),
		edge('wait', 'happened', 'send'),
		edge('wait', 'timed_out', 'end'),
		edge('send', 'next', 'hook'),
		edge('hook', 'next', 'offer'),
		edge('offer', 'next', 'tag'),
		edge('tag', 'next', 'points'),
		edge('points', 'next', 'goal'),
		edge('goal', 'not_converted', 'end'),
		edge('tod', 'next', 'end_b'),
		edge('anniv', 'next', 'end_b')
	],
	settings: settings({
		reEntry: { kind: 'cooldown', days: 30 },
		goal: { event: 'Order Completed', filters: [], windowDays: 14 },
		exit: { event: 'Unsubscribed', leftSegmentId: 9 },
		quietHours: { startHour: 21, endHour: 8 },
		holdout: 0.05
	})
});

describe('parseJourney', () => {
	it('accepts a definition using every node type and returns an equal clean copy', () => {
		const input = sinkDefinition();
		const parsed = parseJourney(input);
		expect(parsed).toEqual({ ok: true, definition: input });
		expect(found(chain(email()))).toEqual([]);
	});

	it.each([null, [], 'x', 42, undefined, true])('rejects %j as a whole', (input) => {
		expect(found(input)).toEqual([{ code: 'definition_invalid' }]);
	});

	it('rejects other versions and oversized graphs before reading nodes', () => {
		expect(found({ ...chain(email()), version: 2 })).toEqual([
			{ code: 'version_unsupported', field: 'version' }
		]);
		const nodes = Array.from({ length: MAX_NODES + 1 }, (_, i) => exit(`n${i}`));
		expect(found({ version: 1, nodes, edges: [], settings: settings() })).toEqual([
			{ code: 'too_many_nodes', field: 'nodes' }
		]);
	});

	it('reports malformed nodes, ids and edges, and holds back wiring lint meanwhile', () => {
		expect(found(chain(email(), { nodes: [entry(), email(), exit(), 'oops'] }))).toEqual([
			{ code: 'node_invalid', field: 'nodes[3]' }
		]);
		expect(
			found(chain(email(), { nodes: [entry(), email(), exit(), { id: 'z', type: 'sms' }] }))
		).toEqual([{ code: 'node_type_unknown', nodeId: 'z', field: 'type' }]);
		expect(found(chain(email(), { nodes: [entry(), email(), exit(), exit('bad id')] }))).toEqual([
			{ code: 'node_id_invalid', nodeId: 'bad id', field: 'id' }
		]);
		expect(found(chain(email(), { nodes: [entry(), email(), exit(), exit('send')] }))).toEqual([
			{ code: 'node_id_duplicate', nodeId: 'send', field: 'id' }
		]);
		const edges = [edge('start', 'next', 'send'), { from: 'send', to: 'end' }];
		expect(found(chain(email(), { edges }))).toEqual([{ code: 'edge_invalid', field: 'edges[1]' }]);
		expect(found(chain(email(), { edges: 'x' }))).toEqual([
			{ code: 'definition_invalid', field: 'edges' }
		]);
		expect(found({ version: 1, nodes: 'x', edges: [], settings: 'x' })).toEqual([
			{ code: 'definition_invalid', field: 'nodes' },
			{ code: 'settings_invalid', field: 'settings' }
		]);
	});

	it('reports every wiring problem on the right node', () => {
		const base = chain(email());
		const withEdges = (...edges: unknown[]) => found({ ...base, edges });
		expect(withEdges(edge('start', 'next', 'send'), edge('send', 'next', 'ghost'))).toEqual([
			{ code: 'edge_unknown_node', nodeId: 'send', field: 'edges[1]' },
			{ code: 'output_unconnected', nodeId: 'send', field: 'outputs.next' },
			{ code: 'unreachable', nodeId: 'end' }
		]);
		expect(
			withEdges(
				edge('start', 'next', 'send'),
				edge('send', 'yes', 'end'),
				edge('send', 'next', 'end')
			)
		).toEqual([{ code: 'edge_unknown_output', nodeId: 'send', field: 'edges[1]' }]);
		expect(
			withEdges(
				edge('start', 'next', 'send'),
				edge('start', 'next', 'end'),
				edge('send', 'next', 'end')
			)
		).toEqual([{ code: 'output_duplicate', nodeId: 'start', field: 'edges[1]' }]);
		expect(
			withEdges(
				edge('start', 'next', 'send'),
				edge('send', 'next', 'start'),
				edge('end', 'x', 'send')
			)
		).toEqual([
			{ code: 'entry_has_input', nodeId: 'start', field: 'edges[1]' },
			{ code: 'edge_unknown_output', nodeId: 'end', field: 'edges[2]' },
			{ code: 'unreachable', nodeId: 'end' }
		]);
	});

	it('requires exactly one entry', () => {
		expect(
			found({ version: 1, nodes: [email(), exit()], edges: [edge('send', 'next', 'end')] })
		).toEqual([{ code: 'entry_missing' }]);
		const second = entry({ id: 'start2' });
		expect(
			found(
				chain(email(), {
					nodes: [entry(), email(), exit(), second],
					edges: [
						edge('start', 'next', 'send'),
						edge('send', 'next', 'end'),
						edge('start2', 'next', 'end')
					]
				})
			)
		).toEqual([
			{ code: 'entry_multiple', nodeId: 'start' },
			{ code: 'entry_multiple', nodeId: 'start2' }
		]);
	});

	it('finds loops that never wait, and accepts loops through a wait', () => {
		const loop = (waiting: boolean) => ({
			version: 1,
			nodes: [
				entry(),
				{
					id: 'check',
					type: 'condition',
					match: 'all',
					checks: [{ kind: 'segment', segmentId: 1, member: true }]
				},
				waiting
					? { id: 'pause', type: 'delay', delay: { kind: 'duration', minutes: 60 } }
					: email({ id: 'pause' }),
				exit()
			],
			edges: [
				edge('start', 'next', 'check'),
				edge('check', 'yes', 'pause'),
				edge('check', 'no', 'end'),
				edge('pause', 'next', 'check')
			]
		});
		expect(found(loop(true))).toEqual([]);
		expect(found(loop(false))).toEqual([
			{ code: 'cycle_without_delay', nodeId: 'check' },
			{ code: 'cycle_without_delay', nodeId: 'pause' }
		]);
		// A self-loop, and a loop sharing a node with a waiting loop, are still loops.
		const self = loop(true);
		self.edges[2] = edge('check', 'no', 'check');
		expect(found(self)).toEqual([
			{ code: 'cycle_without_delay', nodeId: 'check' },
			{ code: 'unreachable', nodeId: 'end' }
		]);
	});

	it('compares every wait with the re-entry cooldown in minutes', () => {
		const cooldown = (days: number, minutes: number) =>
			found(
				chain(
					{ id: 'pause', type: 'delay', delay: { kind: 'duration', minutes } },
					{ settings: settings({ reEntry: { kind: 'cooldown', days } }) }
				)
			);
		expect(cooldown(1, 1440)).toEqual([]);
		expect(cooldown(1, 1441)).toEqual([
			{ code: 'wait_longer_than_cooldown', nodeId: 'pause', field: 'delay.minutes' }
		]);
		expect(cooldown(7, 3 * 1440)).toEqual([]);
		// An invalid cooldown is reported once, without flagging every wait against 0 days.
		expect(cooldown(0, 10)).toEqual([{ code: 'number_invalid', field: 'settings.reEntry.days' }]);
	});

	it('checks event names, texts, urls and JSON bodies', () => {
		expect(found(chain(email(), { nodes: [entry({ event: ' ' }), email(), exit()] }))).toEqual([
			{ code: 'event_required', nodeId: 'start', field: 'event' }
		]);
		expect(node({ type: 'email', subject: '', body: 'x'.repeat(MAX_TEXT_LENGTH + 1) })).toEqual([
			{ code: 'text_required', nodeId: 'x', field: 'subject' },
			{ code: 'text_too_long', nodeId: 'x', field: 'body' }
		]);
		const hook = (url: unknown, body: unknown) => node({ type: 'webhook', url, body });
		expect(hook('http://shop.test/a?b=1', '{"a": "{{ first_name }}"}')).toEqual([]);
		expect(hook('ftp://shop.test', '{}')).toEqual([
			{ code: 'url_invalid', nodeId: 'x', field: 'url' }
		]);
		expect(hook('/relative', '{}')).toEqual([{ code: 'url_invalid', nodeId: 'x', field: 'url' }]);
		// Placeholders count as a bare word: fine inside a string, invalid JSON outside one.
		expect(hook('https://a.test', '{"points": {{points}}}')).toEqual([
			{ code: 'json_invalid', nodeId: 'x', field: 'body' }
		]);
		expect(hook('https://a.test', '')).toEqual([
			{ code: 'text_required', nodeId: 'x', field: 'body' }
		]);
	});

	it('allows only known placeholders', () => {
		const subject = 'Hi {{first_name}} {{ last_name }} {{name}} {{email}} {{user_id}} {{points}}';
		expect(
			node({
				type: 'email',
				subject,
				body: '{{traits.shoe size}} {{entry.cart_id}}',
				products: null
			})
		).toEqual([]);
		const parsed = parseJourney(
			chain({
				id: 'x',
				type: 'email',
				subject: '{{coupon}} {{traits.__proto__}}',
				body: 'b',
				products: null
			})
		);
		expect(parsed.ok ? [] : parsed.problems).toEqual([
			{
				code: 'template_variable_unknown',
				nodeId: 'x',
				field: 'subject',
				message: 'Unknown placeholder: {{coupon}}, {{traits.__proto__}}.'
			}
		]);
		expect(
			node({
				type: 'offer',
				placement: 'home',
				title: '{{entry.}}',
				body: '{{x}}',
				products: null,
				expiresHours: 1
			})
		).toEqual([
			{ code: 'template_variable_unknown', nodeId: 'x', field: 'title' },
			{ code: 'template_variable_unknown', nodeId: 'x', field: 'body' }
		]);
	});

	it('checks split weights, keys and holdouts', () => {
		const split = (variants: unknown, holdout: unknown = 0, mode = 'random') => {
			const nodes = [entry(), { id: 'x', type: 'split', mode, variants, holdout }, exit()];
			const keys = Array.isArray(variants)
				? variants.map((v: Raw) => String(v.key)).filter((k, i, all) => all.indexOf(k) === i)
				: [];
			const edges = [edge('start', 'next', 'x'), ...keys.map((k) => edge('x', k, 'end'))];
			if (typeof holdout === 'number' && holdout > 0) edges.push(edge('x', 'holdout', 'end'));
			return found({ version: 1, nodes, edges, settings: settings() });
		};
		const v = (key: unknown, weight: unknown) => ({ key, weight });
		expect(split([v('a', 0.2), v('b', 0.3), v('c', 0.5)])).toEqual([]);
		expect(split([v('a', 0.45), v('b', 0.45)], 0.1, 'ab')).toEqual([]);
		expect(split([v('a', 1)])).toEqual([
			{ code: 'weights_invalid', nodeId: 'x', field: 'variants' }
		]);
		expect(split([v('a', 0.5), v('b', 0.4)])).toEqual([
			{ code: 'weights_invalid', nodeId: 'x', field: 'variants' }
		]);
		expect(split([v('a', 1), v('b', 0)])).toEqual([
			{ code: 'weights_invalid', nodeId: 'x', field: 'variants' }
		]);
		expect(split([v('a', '0.5'), v('b', 0.5)])).toEqual([
			{ code: 'weights_invalid', nodeId: 'x', field: 'variants' }
		]);
		expect(split([v('holdout', 0.5), v('b c', 0.5)])).toEqual([
			{ code: 'variant_key_invalid', nodeId: 'x', field: 'variants[0].key' },
			{ code: 'variant_key_invalid', nodeId: 'x', field: 'variants[1].key' }
		]);
		expect(split([v('a', 0.5), v('a', 0.5)])).toEqual([
			{ code: 'variant_key_duplicate', nodeId: 'x', field: 'variants' }
		]);
		expect(split([v('a', 0.5), v('b', 0.5)], -0.1)).toEqual([
			{ code: 'holdout_invalid', nodeId: 'x', field: 'holdout' }
		]);
		expect(found(chain(email(), { settings: settings({ holdout: 0.6 }) }))).toEqual([
			{ code: 'holdout_invalid', field: 'settings.holdout' }
		]);
	});

	it.each([
		[{ type: 'delay', delay: { kind: 'duration', minutes: 0 } }, 'delay.minutes'],
		[{ type: 'delay', delay: { kind: 'duration', minutes: MAX_MINUTES + 1 } }, 'delay.minutes'],
		[{ type: 'delay', delay: { kind: 'duration', minutes: 1.5 } }, 'delay.minutes'],
		[{ type: 'delay', delay: { kind: 'duration', minutes: '60' } }, 'delay.minutes'],
		[{ type: 'delay', delay: { kind: 'time_of_day', hour: 24, minute: 0 } }, 'delay.hour'],
		[{ type: 'delay', delay: { kind: 'time_of_day', hour: 9, minute: 60 } }, 'delay.minute'],
		[
			{ type: 'delay', delay: { kind: 'date_trait', trait: 'b', offsetDays: 366 } },
			'delay.offsetDays'
		],
		[{ type: 'award_points', points: 0, reason: '' }, 'points'],
		[{ type: 'award_points', points: 1_000_001, reason: '' }, 'points'],
		[
			{ type: 'email', subject: 's', body: 'b', products: { placement: 'email', count: 21 } },
			'products.count'
		],
		[
			{
				type: 'offer',
				placement: 'home',
				title: 't',
				body: '',
				products: null,
				expiresHours: 8761
			},
			'expiresHours'
		],
		[{ type: 'goal', event: 'Order Completed', filters: [], windowMinutes: -1 }, 'windowMinutes'],
		[{ type: 'wait_event', event: 'E', filters: [], timeoutMinutes: NaN }, 'timeoutMinutes']
	])('reports number_invalid for %j', (fields, field) => {
		expect(node(fields)).toEqual([{ code: 'number_invalid', nodeId: 'x', field }]);
	});

	it.each([
		[{ type: 'entry_segment', segmentId: -1 }, 'number_invalid', 'segmentId'],
		[{ type: 'entry_churn', threshold: 1 }, 'number_invalid', 'threshold'],
		[{ type: 'entry_inactivity', event: 'Order Completed', days: 3651 }, 'number_invalid', 'days'],
		[{ type: 'entry_date', trait: 'birthday', offsetDays: 0, hour: -1 }, 'number_invalid', 'hour'],
		[{ type: 'entry_date', trait: 'a"b', offsetDays: 0, hour: 9 }, 'trait_invalid', 'trait'],
		[
			{ type: 'entry_date', trait: 'birthday', offsetDays: -366, hour: 9 },
			'number_invalid',
			'offsetDays'
		]
	])('checks entry %j', (fields, code, field) => {
		const nodes = [{ id: 'start', ...fields }, email(), exit()];
		expect(found(chain(email(), { nodes }))).toEqual([{ code, nodeId: 'start', field }]);
	});

	it('checks placements, traits, conditions and filters', () => {
		expect(
			node({
				type: 'offer',
				placement: 'Home',
				title: 't',
				body: '',
				products: null,
				expiresHours: 1
			})
		).toEqual([{ code: 'placement_invalid', nodeId: 'x', field: 'placement' }]);
		expect(
			node({ type: 'update_profile', change: { kind: 'set_trait', key: '$x', value: 1 } })
		).toEqual([{ code: 'trait_invalid', nodeId: 'x', field: 'change.key' }]);
		const condition = (checks: unknown) => {
			const nodes = [entry(), { id: 'x', type: 'condition', match: 'all', checks }, exit()];
			const edges = [edge('start', 'next', 'x'), edge('x', 'yes', 'end'), edge('x', 'no', 'end')];
			return found({ version: 1, nodes, edges, settings: settings() });
		};
		expect(condition([])).toEqual([{ code: 'condition_invalid', nodeId: 'x', field: 'checks' }]);
		expect(
			condition([
				{ kind: 'customer', root: { type: 'group', op: 'and', children: [{ type: 'trait' }] } },
				{ kind: 'segment', segmentId: 2, member: 'yes' },
				{ kind: 'weather' },
				{ kind: 'entry_property', filter: { key: 'total', operator: 'between', value: 1 } }
			])
		).toEqual([
			{ code: 'condition_invalid', nodeId: 'x', field: 'checks[0].root' },
			{ code: 'condition_invalid', nodeId: 'x', field: 'checks[1].member' },
			{ code: 'condition_invalid', nodeId: 'x', field: 'checks[2].kind' },
			{ code: 'filter_invalid', nodeId: 'x', field: 'checks[3].filter' }
		]);
		const filters = [
			{ key: 'total', operator: 'gt', value: 'many' },
			{ key: 'a"b', operator: 'eq', value: 'x' },
			{ key: 'ok', operator: 'eq', value: 'x' }
		];
		expect(found(chain(email(), { nodes: [entry({ filters }), email(), exit()] }))).toEqual([
			{ code: 'filter_invalid', nodeId: 'start', field: 'filters[0]' },
			{ code: 'filter_invalid', nodeId: 'start', field: 'filters[1]' }
		]);
	});

	it('checks settings', () => {
		const withSettings = (value: unknown) => found(chain(email(), { settings: value }));
		expect(withSettings(undefined)).toEqual([]);
		expect(withSettings('x')).toEqual([{ code: 'settings_invalid', field: 'settings' }]);
		expect(
			withSettings(
				settings({
					reEntry: { kind: 'sometimes' },
					goal: { event: '', filters: [], windowDays: 0 },
					quietHours: { startHour: 22, endHour: 22 },
					exit: { event: 5, leftSegmentId: 0 }
				})
			)
		).toEqual([
			{ code: 'settings_invalid', field: 'settings.reEntry' },
			{ code: 'settings_invalid', field: 'settings.exit.event' },
			{ code: 'settings_invalid', field: 'settings.quietHours' },
			{ code: 'event_required', field: 'settings.goal.event' },
			{ code: 'number_invalid', field: 'settings.goal.windowDays' },
			{ code: 'number_invalid', field: 'settings.exit.leftSegmentId' }
		]);
	});

	it('warns email steps when the entry segment has members without an email', () => {
		const input = chain(email(), {
			nodes: [{ id: 'start', type: 'entry_segment', segmentId: 7 }, email(), exit()]
		});
		expect(found(input, { segmentsWithoutEmail: new Set([7]) })).toEqual([
			{ code: 'email_without_address', nodeId: 'send' }
		]);
		expect(found(input, { segmentsWithoutEmail: new Set([8]) })).toEqual([]);
		expect(found(input)).toEqual([]);
	});

	it('orders problems: definition first, then by node, then by code', () => {
		const input = {
			version: 1,
			nodes: [entry({ event: '' }), email({ subject: '' }), exit('lost')],
			edges: [edge('start', 'next', 'send')],
			settings: settings({ holdout: -1 })
		};
		const problems = found(input);
		expect(problems).toEqual([
			{ code: 'holdout_invalid', field: 'settings.holdout' },
			{ code: 'event_required', nodeId: 'start', field: 'event' },
			{ code: 'output_unconnected', nodeId: 'send', field: 'outputs.next' },
			{ code: 'text_required', nodeId: 'send', field: 'subject' },
			{ code: 'unreachable', nodeId: 'lost' }
		]);
		const parsed = parseJourney(input);
		expect(parsed.ok ? [] : problemsOf(parsed.problems, 'send').map((p) => p.code)).toEqual([
			'output_unconnected',
			'text_required'
		]);
	});

	it('copies only known fields and never a prototype', () => {
		const input: unknown = JSON.parse(
			'{"version":1,"__proto__":{"polluted":true},"extra":1,' +
				'"nodes":[{"id":"start","type":"entry_event","event":"E","filters":[],"__proto__":{"x":1},"sql":"drop"},' +
				'{"id":"end","type":"exit","label":"  Done  ","position":{"x":1,"y":2,"z":3},"constructor":{}}],' +
				'"edges":[{"from":"start","output":"next","to":"end","weight":3}],' +
				'"settings":{"reEntry":{"kind":"never","days":4},"holdout":0,"__proto__":{"y":1}}}'
		);
		const parsed = parseJourney(input);
		expect(parsed).toEqual({
			ok: true,
			definition: {
				version: 1,
				nodes: [
					{ id: 'start', type: 'entry_event', event: 'E', filters: [] },
					{ id: 'end', type: 'exit', label: 'Done', position: { x: 1, y: 2 } }
				],
				edges: [{ from: 'start', output: 'next', to: 'end' }],
				settings: settings()
			}
		});
		if (!parsed.ok) return;
		const { definition } = parsed;
		expect(Object.hasOwn(definition, '__proto__')).toBe(false);
		expect(Object.hasOwn(definition.nodes[0]!, '__proto__')).toBe(false);
		expect(Object.hasOwn(definition.nodes[1]!, 'constructor')).toBe(false);
		expect(Object.hasOwn(definition.settings, '__proto__')).toBe(false);
		expect(Object.getPrototypeOf(definition)).toBe(Object.prototype);
		expect(({} as Raw).polluted).toBeUndefined();
	});

	it('never throws on wrong types anywhere', () => {
		const weird: unknown[] = [
			null,
			undefined,
			0,
			-1,
			1.5,
			NaN,
			Infinity,
			'',
			'x',
			true,
			[],
			{},
			[null],
			{ kind: 'x' },
			{ type: 'group', op: 'and', children: 'x' },
			[{ key: 1 }]
		];
		const types = [
			'entry_event',
			'entry_segment',
			'entry_date',
			'entry_inactivity',
			'entry_churn',
			'delay',
			'wait_event',
			'condition',
			'split',
			'goal',
			'email',
			'webhook',
			'offer',
			'update_profile',
			'award_points',
			'exit',
			'nope'
		];
		const fields = [
			'id',
			'event',
			'filters',
			'segmentId',
			'trait',
			'offsetDays',
			'hour',
			'days',
			'threshold',
			'delay',
			'timeoutMinutes',
			'matchKey',
			'match',
			'checks',
			'mode',
			'variants',
			'holdout',
			'windowMinutes',
			'subject',
			'body',
			'products',
			'url',
			'placement',
			'title',
			'expiresHours',
			'change',
			'points',
			'reason',
			'position',
			'label'
		];
		// A fixed linear congruential generator keeps the fuzz reproducible.
		let seed = 42;
		const pick = <T>(list: readonly T[]): T => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return list[seed % list.length]!;
		};
		// An object whose conversion to text throws must not reach a template literal.
		expect(
			found({ version: 1, nodes: [{ id: 'a', type: { toString: 1, valueOf: 1 } }], edges: [] })
		).toEqual([{ code: 'node_type_unknown', nodeId: 'a', field: 'type' }]);
		for (const top of [{ nodes: 'x' }, { version: 1, nodes: 'x' }, { version: 1, nodes: [null] }]) {
			expect(parseJourney(top).ok).toBe(false);
		}
		for (let round = 0; round < 300; round++) {
			const nodes = Array.from({ length: 4 }, (_, i) => {
				const raw: Raw = { id: `n${i}`, type: pick(types) };
				for (const field of fields) if (pick([true, false, false])) raw[field] = pick(weird);
				return raw;
			});
			const input = {
				version: 1,
				nodes,
				edges: [pick(weird), edge('n0', 'next', 'n1')],
				settings: pick([
					...weird,
					{ reEntry: pick(weird), goal: pick(weird), quietHours: pick(weird) }
				])
			};
			const parsed = parseJourney(input);
			expect(parsed.ok).toBe(false);
		}
	});
});

describe('lintJourney', () => {
	it('lints a typed definition directly, duplicates and context included', () => {
		const definition: JourneyDefinition = {
			version: 1,
			nodes: [
				{ id: 'start', type: 'entry_segment', segmentId: 3 },
				{ id: 'send', type: 'email', subject: 's', body: 'b', products: null },
				{ id: 'send', type: 'exit' }
			],
			edges: [{ from: 'start', output: 'next', to: 'send' }],
			settings: {
				reEntry: { kind: 'always' },
				goal: null,
				exit: { event: null, leftSegmentId: null },
				quietHours: null,
				holdout: 0
			}
		};
		expect(lintJourney(definition, { segmentsWithoutEmail: new Set([3]) }).map(strip)).toEqual([
			{ code: 'node_id_duplicate', nodeId: 'send', field: 'id' },
			{ code: 'output_unconnected', nodeId: 'send', field: 'outputs.next' },
			{ code: 'email_without_address', nodeId: 'send' }
		]);
	});

	it('lists every code once', () => {
		expect(new Set(JOURNEY_PROBLEM_CODES).size).toBe(JOURNEY_PROBLEM_CODES.length);
		expect(JOURNEY_PROBLEM_CODES).toHaveLength(35);
	});
});
