import { describe, expect, it } from 'vitest';
import {
	MAX_CONDITIONS,
	defaultCondition,
	emptyDefinition,
	isTimeBased,
	nodeAt,
	type SegmentDefinition
} from './definition';
import { parseSegment, validateSegment } from './validate';

const wrap = (...children: unknown[]) => ({
	version: 1,
	marketing: true,
	root: { type: 'group', op: 'and', children }
});
const trait = (key: unknown, operator: unknown, value: unknown = null) => ({
	type: 'trait',
	key,
	operator,
	value
});
const fact = (name: unknown, operator: unknown, value: unknown) => ({
	type: 'fact',
	fact: name,
	operator,
	value
});
const event = (fields: Record<string, unknown> = {}) => ({
	type: 'event',
	name: 'Order Completed',
	occurred: 'at_least',
	count: 1,
	within: null,
	...fields
});
const group = (op: unknown, ...children: unknown[]) => ({ type: 'group', op, children });

describe('validateSegment', () => {
	it('accepts the empty definition and the builder defaults', () => {
		expect(validateSegment(emptyDefinition())).toEqual([]);
		expect(validateSegment(wrap(defaultCondition('event')))).toEqual([]);
		// New trait and fact conditions start incomplete, and say so.
		expect(validateSegment(wrap(defaultCondition('trait'), defaultCondition('fact')))).toEqual([
			{ path: [0], code: 'key_required', field: 'key' },
			{ path: [0], code: 'value_required', field: 'value' },
			{ path: [1], code: 'value_required', field: 'value' }
		]);
	});

	it.each([
		[null, 'definition_invalid'],
		['{}', 'definition_invalid'],
		[[], 'definition_invalid'],
		[{ version: 1 }, 'definition_invalid'],
		[{ version: 2, root: { type: 'group', op: 'and', children: [] } }, 'version_unsupported'],
		[{ version: 1, root: { type: 'trait' } }, 'operator_invalid'],
		[{ version: 1, root: { type: 'group', op: 'and', children: 'x' } }, 'node_invalid'],
		[{ version: 1, root: { type: 'group', op: 'xor', children: [] } }, 'group_op_invalid']
	])('rejects a malformed definition %j', (input, code) => {
		expect(validateSegment(input).map((p) => p.code)).toContain(code);
	});

	it('reports problems at the path of the node, deep inside groups', () => {
		const problems = validateSegment(
			wrap(
				trait('city', 'eq', 'Paris'),
				group(
					'or',
					event(),
					group('and', trait('age', 'gt', 'old'), fact('orders_count', 'gte', -1))
				)
			)
		);
		expect(problems).toEqual([
			{ path: [1, 1, 0], code: 'value_not_number', field: 'value' },
			{ path: [1, 1, 1], code: 'value_out_of_range', field: 'value' }
		]);
	});

	it('limits nesting to four groups and flags empty inner groups', () => {
		expect(
			validateSegment(wrap(group('and', group('or', group('and', trait('a', 'exists'))))))
		).toEqual([]);
		expect(
			validateSegment(
				wrap(group('and', group('or', group('and', group('or', trait('a', 'exists'))))))
			)
		).toEqual([{ path: [0, 0, 0, 0], code: 'depth_exceeded' }]);
		expect(validateSegment(wrap(group('and')))).toEqual([{ path: [0], code: 'group_empty' }]);
		expect(validateSegment(wrap(42, 'x', { type: 'nope' }))).toEqual([
			{ path: [0], code: 'node_invalid' },
			{ path: [1], code: 'node_invalid' },
			{ path: [2], code: 'node_invalid' }
		]);
	});

	it('caps the number of conditions', () => {
		const many = Array.from({ length: MAX_CONDITIONS + 1 }, () => trait('a', 'exists'));
		expect(validateSegment(wrap(...many))).toEqual([{ path: [], code: 'too_many_conditions' }]);
		expect(validateSegment(wrap(...many.slice(1)))).toEqual([]);
	});

	it.each([
		["'; drop table customer; --", 'key_invalid'],
		['a"b', 'key_invalid'],
		['$.x', 'key_invalid'],
		["it's", 'key_invalid'],
		['x'.repeat(65), 'key_invalid'],
		['', 'key_required'],
		['   ', 'key_required'],
		[42, 'key_required']
	])('refuses the trait key %j', (key, code) => {
		expect(validateSegment(wrap(trait(key, 'exists')))).toEqual([
			{ path: [0], code, field: 'key' }
		]);
	});

	it.each(['__proto__', 'constructor', '名字', 'first_name', 'utm.source', 'Lieblings-Farbe 2'])(
		'accepts the trait key %j',
		(key) => {
			expect(validateSegment(wrap(trait(key, 'exists')))).toEqual([]);
		}
	);

	it('checks trait values against their operator', () => {
		const codes = (operator: string, value: unknown) =>
			validateSegment(wrap(trait('x', operator, value))).map((p) => p.code);
		expect(codes('eq', '')).toEqual(['value_required']);
		expect(codes('eq', null)).toEqual(['value_required']);
		expect(codes('eq', { $ne: 1 })).toEqual(['value_invalid']);
		expect(codes('eq', 'x'.repeat(501))).toEqual(['value_too_long']);
		expect(codes('eq', '测'.repeat(500))).toEqual([]);
		expect(codes('eq', 3)).toEqual([]);
		expect(codes('contains', 3)).toEqual(['value_invalid']);
		expect(codes('gt', '12.5')).toEqual([]);
		expect(codes('gt', 'abc')).toEqual(['value_not_number']);
		expect(codes('lt', Infinity)).toEqual(['value_not_number']);
		expect(codes('before', '2024-02-30')).toEqual(['value_not_date']);
		expect(codes('after', '2024-02-29')).toEqual([]);
		expect(codes('after', 20240229)).toEqual(['value_not_date']);
		expect(codes('exists', 'ignored')).toEqual([]);
		expect(codes('like', 'x')).toEqual(['operator_invalid']);
	});

	it('allows only sensible comparisons on column traits', () => {
		expect(validateSegment(wrap(trait('email', 'gt', 3)))).toEqual([
			{ path: [0], code: 'operator_invalid', field: 'operator' }
		]);
		expect(validateSegment(wrap(trait('consent', 'eq', 'granted')))).toEqual([]);
		expect(validateSegment(wrap(trait('consent', 'eq', 'maybe')))).toEqual([
			{ path: [0], code: 'value_invalid', field: 'value' }
		]);
		expect(validateSegment(wrap(trait('consent', 'contains', 'g')))).toEqual([
			{ path: [0], code: 'operator_invalid', field: 'operator' }
		]);
	});

	it('checks facts, their operators, ranges and lists', () => {
		const codes = (...args: [unknown, unknown, unknown]) =>
			validateSegment(wrap(fact(...args))).map((p) => p.code);
		expect(codes('lifecycle_stage', 'in', ['new', 'growing'])).toEqual([]);
		expect(codes('lifecycle_stage', 'in', [])).toEqual(['value_required']);
		expect(codes('lifecycle_stage', 'in', ['core'])).toEqual(['value_invalid']);
		expect(codes('value_tier', 'not_in', ['core'])).toEqual([]);
		expect(codes('value_tier', 'gt', 1)).toEqual(['operator_invalid']);
		expect(codes('orders_count', 'in', ['1'])).toEqual(['operator_invalid']);
		expect(codes('password', 'eq', 1)).toEqual(['fact_invalid']);
		expect(codes('rfm_recency', 'eq', 6)).toEqual(['value_out_of_range']);
		expect(codes('rfm_recency', 'eq', 2.5)).toEqual(['value_not_integer']);
		expect(codes('churn_risk', 'gt', 0.25)).toEqual([]);
		expect(codes('churn_risk', 'gt', '')).toEqual(['value_required']);
		expect(codes('revenue_minor', 'between', [100, 50])).toEqual(['range_invalid']);
		expect(codes('revenue_minor', 'between', [50, 100])).toEqual([]);
		expect(codes('revenue_minor', 'between', 50)).toEqual(['value_required']);
		expect(codes('last_order_days_ago', 'lte', '30')).toEqual([]);
		expect(codes('last_order_days_ago', 'lte', 1e12)).toEqual(['value_out_of_range']);
	});

	it('checks event conditions', () => {
		const codes = (fields: Record<string, unknown>) =>
			validateSegment(wrap(event(fields))).map((p) => p.code);
		expect(codes({ name: ' ' })).toEqual(['event_name_required']);
		expect(codes({ name: 'x'.repeat(201) })).toEqual(['event_name_too_long']);
		expect(codes({ occurred: 'sometimes' })).toEqual(['occurred_invalid']);
		expect(codes({ count: 0 })).toEqual(['count_invalid']);
		expect(codes({ occurred: 'at_most', count: 0 })).toEqual([]);
		expect(codes({ count: 1.5 })).toEqual(['count_invalid']);
		expect(codes({ occurred: 'none', count: 'whatever' })).toEqual([]);
		expect(codes({ within: { days: 0 } })).toEqual(['within_invalid']);
		expect(codes({ within: { days: 3651 } })).toEqual(['within_invalid']);
		expect(codes({ within: 90 })).toEqual(['within_invalid']);
		expect(codes({ within: { days: '90' } })).toEqual([]);
		expect(codes({ property: { key: 'category', operator: 'eq', value: 'Tea' } })).toEqual([]);
		expect(codes({ property: { key: 'a b"', operator: 'eq', value: 'x' } })).toEqual([
			'key_invalid'
		]);
		expect(codes({ property: { key: 'price', operator: 'before', value: 'x' } })).toEqual([
			'operator_invalid'
		]);
		expect(codes({ property: { key: 'price', operator: 'gt', value: '' } })).toEqual([
			'value_required'
		]);
	});
});

describe('parseSegment', () => {
	it('returns a clean copy: unknown fields dropped, typed numbers, marketing on by default', () => {
		const parsed = parseSegment({
			version: 1,
			extra: 'dropped',
			root: {
				type: 'group',
				op: 'or',
				sneaky: true,
				children: [
					{ ...fact('orders_count', 'gte', '2'), note: 'x' },
					event({ occurred: 'none', count: 7, within: { days: '30', hours: 2 } }),
					trait('city', 'eq', 'Paris'),
					fact('lifecycle_stage', 'in', ['new', 'new'])
				]
			}
		});
		expect(parsed).toEqual({
			ok: true,
			definition: {
				version: 1,
				marketing: true,
				root: {
					type: 'group',
					op: 'or',
					children: [
						{ type: 'fact', fact: 'orders_count', operator: 'gte', value: 2 },
						{
							type: 'event',
							name: 'Order Completed',
							occurred: 'none',
							count: 0,
							within: { days: 30 },
							property: null
						},
						{ type: 'trait', key: 'city', operator: 'eq', value: 'Paris' },
						{ type: 'fact', fact: 'lifecycle_stage', operator: 'in', value: ['new'] }
					]
				}
			}
		});
		expect(parseSegment({ ...wrap(), marketing: false })).toMatchObject({
			definition: { marketing: false }
		});
	});

	it('survives prototype-shaped input without touching Object.prototype', () => {
		const input: unknown = JSON.parse(
			'{"version":1,"__proto__":{"polluted":1},"root":{"type":"group","op":"and","children":[{"type":"trait","key":"__proto__","operator":"eq","value":"x","__proto__":{"bad":1}}]}}'
		);
		const parsed = parseSegment(input);
		expect(parsed.ok).toBe(true);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(({} as Record<string, unknown>).bad).toBeUndefined();
	});
});

describe('definition helpers', () => {
	it('tells time-based definitions apart', () => {
		const parse = (input: unknown) =>
			(parseSegment(input) as { definition: SegmentDefinition }).definition;
		expect(isTimeBased(parse(wrap(trait('city', 'exists'))))).toBe(false);
		expect(isTimeBased(parse(wrap(event())))).toBe(false);
		expect(isTimeBased(parse(wrap(group('or', event({ within: { days: 9 } })))))).toBe(true);
		expect(isTimeBased(parse(wrap(fact('last_seen_days_ago', 'gt', 3))))).toBe(true);
		expect(isTimeBased(parse(wrap(fact('orders_count', 'gt', 3))))).toBe(false);
	});

	it('finds nodes by path', () => {
		const definition = (
			parseSegment(wrap(trait('a', 'exists'), group('or', event()))) as {
				definition: SegmentDefinition;
			}
		).definition;
		expect(nodeAt(definition, [])).toBe(definition.root);
		expect(nodeAt(definition, [1, 0])).toMatchObject({ type: 'event' });
		expect(nodeAt(definition, [0, 0])).toBeUndefined();
		expect(nodeAt(definition, [5])).toBeUndefined();
	});
});
