import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from './definition';
import { parseNode } from './nodes';
import {
	PANEL_FIELDS,
	filterValue,
	insertAtCursor,
	isFlatRoot,
	placeholder,
	problemsAt,
	problemsUnder,
	splitMinutes,
	toMinutes,
	unplacedProblems,
	webhookJsonState,
	withOperator
} from './panel-helpers';
import { makeProblem, type JourneyProblem } from './problems';

describe('durations', () => {
	it('shows minutes in the largest whole unit', () => {
		expect(splitMinutes(2880)).toEqual({ amount: 2, unit: 'days' });
		expect(splitMinutes(120)).toEqual({ amount: 2, unit: 'hours' });
		expect(splitMinutes(90)).toEqual({ amount: 90, unit: 'minutes' });
		expect(splitMinutes(1)).toEqual({ amount: 1, unit: 'minutes' });
		expect(splitMinutes(0)).toEqual({ amount: 0, unit: 'days' });
	});

	it('stores whole minutes, and 0 for what is not a duration', () => {
		expect(toMinutes(3, 'days')).toBe(4320);
		expect(toMinutes(1.5, 'hours')).toBe(90);
		expect(toMinutes(0.3, 'minutes')).toBe(0);
		expect(toMinutes(Number.NaN, 'days')).toBe(0);
		expect(toMinutes(-2, 'hours')).toBe(0);
	});

	it('round-trips every whole number of minutes', () => {
		for (const minutes of [1, 59, 60, 61, 1439, 1440, 1441, 10080, 576_000]) {
			const { amount, unit } = splitMinutes(minutes);
			expect(toMinutes(amount, unit)).toBe(minutes);
		}
	});
});

describe('placeholders at the cursor', () => {
	it('inserts at the caret and moves it after the placeholder', () => {
		expect(insertAtCursor('Hi !', 3, 3, '{{first_name}}')).toEqual({
			text: 'Hi {{first_name}}!',
			cursor: 17
		});
	});

	it('replaces a selection', () => {
		expect(insertAtCursor('Hi NAME!', 3, 7, '{{email}}')).toEqual({
			text: 'Hi {{email}}!',
			cursor: 12
		});
	});

	it('appends when there is no caret, and clamps odd positions', () => {
		expect(insertAtCursor('Hi', null, null, ' {{points}}').text).toBe('Hi {{points}}');
		expect(insertAtCursor('Hi', 99, 120, '!')).toEqual({ text: 'Hi!', cursor: 3 });
		expect(insertAtCursor('Hi', 2, 0, '!')).toEqual({ text: 'Hi!', cursor: 3 });
	});

	it('writes placeholders in the engine’s syntax', () => {
		expect(placeholder('first_name')).toBe('{{first_name}}');
		expect(placeholder(' size ', 'traits')).toBe('{{traits.size}}');
		expect(placeholder('cart_id', 'entry')).toBe('{{entry.cart_id}}');
	});
});

describe('filter values', () => {
	it('keeps text, makes comparisons numeric and drops values of presence checks', () => {
		expect(filterValue('eq', '42')).toBe('42');
		expect(filterValue('gt', '42.5')).toBe(42.5);
		expect(filterValue('lt', 'abc')).toBe('abc');
		expect(filterValue('gt', ' ')).toBe(' ');
		expect(filterValue('exists', 'x')).toBeNull();
	});

	it('keeps the value across operators where it fits', () => {
		const filter = { key: 'total', operator: 'eq' as const, value: '50' };
		expect(withOperator(filter, 'gt')).toEqual({ key: 'total', operator: 'gt', value: 50 });
		expect(withOperator(filter, 'exists').value).toBeNull();
		expect(withOperator({ ...filter, value: null }, 'contains').value).toBe('');
	});
});

describe('problems by field', () => {
	const problems = [
		makeProblem('text_required', 'n', 'subject'),
		makeProblem('number_invalid', 'n', 'delay.minutes'),
		makeProblem('variant_key_invalid', 'n', 'variants[1].key'),
		makeProblem('weights_invalid', 'n', 'variants'),
		makeProblem('output_unconnected', 'n'),
		makeProblem('node_invalid', 'n', 'position')
	];

	it('finds a field’s own problems and those inside it', () => {
		expect(problemsAt(problems, 'subject').map((p) => p.code)).toEqual(['text_required']);
		expect(problemsAt(problems, 'variants').map((p) => p.code)).toEqual(['weights_invalid']);
		expect(problemsUnder(problems, 'variants').map((p) => p.code)).toEqual([
			'variant_key_invalid',
			'weights_invalid'
		]);
		expect(problemsUnder(problems, 'delay').map((p) => p.field)).toEqual(['delay.minutes']);
		// A prefix of the name is not a parent: `sub` does not cover `subject`.
		expect(problemsUnder(problems, 'sub')).toEqual([]);
	});

	it('lists what no field shows', () => {
		expect(unplacedProblems(problems, ['subject', 'delay', 'variants']).map((p) => p.code)).toEqual(
			['output_unconnected', 'node_invalid']
		);
	});
});

describe('customer checks', () => {
	it('edits flat trait and fact lists only', () => {
		expect(isFlatRoot({ type: 'group', op: 'and', children: [] })).toBe(true);
		expect(
			isFlatRoot({
				type: 'group',
				op: 'or',
				children: [
					{ type: 'trait', key: 'city', operator: 'eq', value: 'Paris' },
					{ type: 'fact', fact: 'orders_count', operator: 'gte', value: 1 }
				]
			})
		).toBe(true);
		expect(
			isFlatRoot({
				type: 'group',
				op: 'and',
				children: [{ type: 'group', op: 'or', children: [] }]
			})
		).toBe(false);
		expect(
			isFlatRoot({
				type: 'group',
				op: 'and',
				children: [{ type: 'event', name: 'x', occurred: 'at_least', count: 1, within: null }]
			})
		).toBe(false);
	});
});

describe('webhook bodies', () => {
	it('judges JSON the way the validator does', () => {
		expect(webhookJsonState('  ')).toBe('empty');
		expect(webhookJsonState('{"name": "{{first_name}}"}')).toBe('valid');
		expect(webhookJsonState('{"points": {{points}}}')).toBe('invalid');
		expect(webhookJsonState('{"a": 1,}')).toBe('invalid');
	});
});

describe('panel fields', () => {
	it('places the field problems the parser reports for each step type', () => {
		for (const type of NODE_TYPES) {
			const problems: JourneyProblem[] = [];
			// Every field of the wrong type: each reader reports its own field.
			parseNode({ id: 'n', type, label: 5 }, 0, problems);
			const stray = unplacedProblems(problems, PANEL_FIELDS[type]).map((p) => p.field);
			expect(stray, type).toEqual([]);
		}
	});
});
