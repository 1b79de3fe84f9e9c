import {
	CONSENT_STATES,
	COLUMN_TRAIT_OPERATORS,
	LIFECYCLE_STAGES,
	LIST_OPERATORS,
	MAX_CONDITIONS,
	MAX_EVENT_COUNT,
	MAX_GROUP_DEPTH,
	MAX_LIST_VALUES,
	MAX_TEXT_VALUE_LENGTH,
	MAX_WINDOW_DAYS,
	NUMBER_FACT_RANGE,
	NUMBER_OPERATORS,
	OCCURRED,
	PROPERTY_OPERATORS,
	SEGMENT_DEFINITION_VERSION,
	TRAIT_KEY_PATTERN,
	TRAIT_OPERATORS,
	VALUE_TIERS,
	isColumnTrait,
	isListFact,
	isNumberFact,
	isPresenceOperator,
	type EventCondition,
	type FactCondition,
	type GroupNode,
	type NumberOperator,
	type PropertyFilter,
	type SegmentDefinition,
	type SegmentNode,
	type TraitCondition,
	type TraitOperator
} from './definition';

export type SegmentProblemCode =
	| 'definition_invalid'
	| 'version_unsupported'
	| 'node_invalid'
	| 'group_op_invalid'
	| 'group_empty'
	| 'depth_exceeded'
	| 'too_many_conditions'
	| 'key_required'
	| 'key_invalid'
	| 'operator_invalid'
	| 'value_required'
	| 'value_invalid'
	| 'value_too_long'
	| 'value_not_number'
	| 'value_not_integer'
	| 'value_not_date'
	| 'value_out_of_range'
	| 'range_invalid'
	| 'fact_invalid'
	| 'event_name_required'
	| 'event_name_too_long'
	| 'occurred_invalid'
	| 'count_invalid'
	| 'within_invalid';

export type SegmentProblemField =
	| 'op'
	| 'key'
	| 'operator'
	| 'value'
	| 'fact'
	| 'name'
	| 'occurred'
	| 'count'
	| 'within'
	| 'property.key'
	| 'property.operator'
	| 'property.value';

/** A problem at a node: `path` lists child indexes from the root group ([] is the root). */
export interface SegmentProblem {
	path: number[];
	code: SegmentProblemCode;
	field?: SegmentProblemField;
}

export type ParsedSegment =
	{ ok: true; definition: SegmentDefinition } | { ok: false; problems: SegmentProblem[] };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_EVENT_NAME_LENGTH = 200;

/** Every problem of a definition; empty when it is valid. */
export function validateSegment(input: unknown): SegmentProblem[] {
	const parsed = parseSegment(input);
	return parsed.ok ? [] : parsed.problems;
}

/**
 * Validates untrusted input (a form, a stored row) and returns a clean copy holding only known
 * fields, with numbers typed in the browser as text turned into numbers.
 */
export function parseSegment(input: unknown): ParsedSegment {
	const problems: SegmentProblem[] = [];
	if (!isRecord(input) || !isRecord(input.root)) {
		return { ok: false, problems: [{ path: [], code: 'definition_invalid' }] };
	}
	if (input.version !== SEGMENT_DEFINITION_VERSION) {
		return { ok: false, problems: [{ path: [], code: 'version_unsupported' }] };
	}
	const counter = { conditions: 0 };
	const root = parseNode(input.root, [], 1, problems, counter);
	if (!root || root.type !== 'group') {
		if (!problems.length) problems.push({ path: [], code: 'node_invalid' });
		return { ok: false, problems };
	}
	if (counter.conditions > MAX_CONDITIONS) problems.push({ path: [], code: 'too_many_conditions' });
	if (problems.length) return { ok: false, problems };
	return {
		ok: true,
		definition: {
			version: SEGMENT_DEFINITION_VERSION,
			marketing: input.marketing !== false,
			root
		}
	};
}

function parseNode(
	input: unknown,
	path: number[],
	depth: number,
	problems: SegmentProblem[],
	counter: { conditions: number }
): SegmentNode | null {
	if (!isRecord(input)) {
		problems.push({ path, code: 'node_invalid' });
		return null;
	}
	switch (input.type) {
		case 'group':
			return parseGroup(input, path, depth, problems, counter);
		case 'trait':
			counter.conditions++;
			return parseTrait(input, path, problems);
		case 'fact':
			counter.conditions++;
			return parseFact(input, path, problems);
		case 'event':
			counter.conditions++;
			return parseEvent(input, path, problems);
		default:
			problems.push({ path, code: 'node_invalid' });
			return null;
	}
}

function parseGroup(
	input: Record<string, unknown>,
	path: number[],
	depth: number,
	problems: SegmentProblem[],
	counter: { conditions: number }
): GroupNode | null {
	if (depth > MAX_GROUP_DEPTH) {
		problems.push({ path, code: 'depth_exceeded' });
		return null;
	}
	const op = input.op;
	if (op !== 'and' && op !== 'or') problems.push({ path, code: 'group_op_invalid', field: 'op' });
	if (!Array.isArray(input.children)) {
		problems.push({ path, code: 'node_invalid' });
		return null;
	}
	// An empty root is "every customer"; an empty inner group is a leftover of editing.
	if (input.children.length === 0 && path.length > 0) problems.push({ path, code: 'group_empty' });
	const children: SegmentNode[] = [];
	input.children.forEach((child, index) => {
		// Stop walking a runaway tree early; the count problem is reported once at the root.
		if (counter.conditions > MAX_CONDITIONS) return;
		const node = parseNode(child, [...path, index], depth + 1, problems, counter);
		if (node) children.push(node);
	});
	return { type: 'group', op: op === 'or' ? 'or' : 'and', children };
}

function parseTrait(
	input: Record<string, unknown>,
	path: number[],
	problems: SegmentProblem[]
): TraitCondition | null {
	const before = problems.length;
	const key = typeof input.key === 'string' ? input.key.trim() : '';
	if (!key) problems.push({ path, code: 'key_required', field: 'key' });
	else if (!TRAIT_KEY_PATTERN.test(key)) problems.push({ path, code: 'key_invalid', field: 'key' });
	const operator = input.operator;
	const allowed: readonly TraitOperator[] = isColumnTrait(key)
		? COLUMN_TRAIT_OPERATORS[key]
		: TRAIT_OPERATORS;
	if (!allowed.includes(operator as TraitOperator)) {
		problems.push({ path, code: 'operator_invalid', field: 'operator' });
		return null;
	}
	const op = operator as TraitOperator;
	let value = parseComparisonValue(op, input.value, path, 'value', problems);
	if (key === 'consent' && problems.length === before) {
		if (!(CONSENT_STATES as readonly unknown[]).includes(value))
			problems.push({ path, code: 'value_invalid', field: 'value' });
		value = String(value);
	}
	if (problems.length > before) return null;
	return { type: 'trait', key, operator: op, value };
}

/** The value of a trait or event property comparison, checked against its operator. */
function parseComparisonValue(
	operator: TraitOperator,
	input: unknown,
	path: number[],
	field: 'value' | 'property.value',
	problems: SegmentProblem[]
): string | number | null {
	if (isPresenceOperator(operator)) return null;
	if (operator === 'gt' || operator === 'lt') {
		const number = toNumber(input);
		if (input === null || input === undefined || input === '')
			problems.push({ path, code: 'value_required', field });
		else if (number === null) problems.push({ path, code: 'value_not_number', field });
		return number;
	}
	if (typeof input === 'number' && Number.isFinite(input) && operator !== 'contains') {
		if (operator === 'before' || operator === 'after')
			problems.push({ path, code: 'value_not_date', field });
		return input;
	}
	if (typeof input !== 'string' || input.trim() === '') {
		problems.push({
			path,
			code:
				input === null || input === undefined || input === '' ? 'value_required' : 'value_invalid',
			field
		});
		return null;
	}
	if ([...input].length > MAX_TEXT_VALUE_LENGTH) {
		problems.push({ path, code: 'value_too_long', field });
		return null;
	}
	if (operator === 'before' || operator === 'after') {
		const value = input.trim();
		if (!isIsoDate(value)) problems.push({ path, code: 'value_not_date', field });
		return value;
	}
	return input;
}

function parseFact(
	input: Record<string, unknown>,
	path: number[],
	problems: SegmentProblem[]
): FactCondition | null {
	const fact = typeof input.fact === 'string' ? input.fact : '';
	if (isListFact(fact)) {
		if (!(LIST_OPERATORS as readonly unknown[]).includes(input.operator)) {
			problems.push({ path, code: 'operator_invalid', field: 'operator' });
			return null;
		}
		const allowed: readonly string[] = fact === 'lifecycle_stage' ? LIFECYCLE_STAGES : VALUE_TIERS;
		if (!Array.isArray(input.value) || input.value.length === 0) {
			problems.push({ path, code: 'value_required', field: 'value' });
			return null;
		}
		if (
			input.value.length > MAX_LIST_VALUES ||
			!input.value.every((v) => typeof v === 'string' && allowed.includes(v))
		) {
			problems.push({ path, code: 'value_invalid', field: 'value' });
			return null;
		}
		const value = [...new Set(input.value as string[])];
		return { type: 'fact', fact, operator: input.operator as 'in' | 'not_in', value };
	}
	if (!isNumberFact(fact)) {
		problems.push({ path, code: 'fact_invalid', field: 'fact' });
		return null;
	}
	if (!(NUMBER_OPERATORS as readonly unknown[]).includes(input.operator)) {
		problems.push({ path, code: 'operator_invalid', field: 'operator' });
		return null;
	}
	const operator = input.operator as NumberOperator;
	const range = NUMBER_FACT_RANGE[fact];
	const check = (raw: unknown): number | null => {
		if (raw === null || raw === undefined || raw === '') {
			problems.push({ path, code: 'value_required', field: 'value' });
			return null;
		}
		const number = toNumber(raw);
		if (number === null) problems.push({ path, code: 'value_not_number', field: 'value' });
		else if (range.integer && !Number.isInteger(number))
			problems.push({ path, code: 'value_not_integer', field: 'value' });
		else if (number < range.min || number > range.max)
			problems.push({ path, code: 'value_out_of_range', field: 'value' });
		else return number;
		return null;
	};
	if (operator === 'between') {
		if (!Array.isArray(input.value) || input.value.length !== 2) {
			problems.push({ path, code: 'value_required', field: 'value' });
			return null;
		}
		const low = check(input.value[0]);
		const high = low === null ? null : check(input.value[1]);
		if (low === null || high === null) return null;
		if (low > high) {
			problems.push({ path, code: 'range_invalid', field: 'value' });
			return null;
		}
		return { type: 'fact', fact, operator, value: [low, high] };
	}
	const value = check(input.value);
	if (value === null) return null;
	return { type: 'fact', fact, operator, value };
}

function parseEvent(
	input: Record<string, unknown>,
	path: number[],
	problems: SegmentProblem[]
): EventCondition | null {
	const before = problems.length;
	const name = typeof input.name === 'string' ? input.name.trim() : '';
	if (!name) problems.push({ path, code: 'event_name_required', field: 'name' });
	else if ([...name].length > MAX_EVENT_NAME_LENGTH)
		problems.push({ path, code: 'event_name_too_long', field: 'name' });
	const occurred = input.occurred;
	if (!(OCCURRED as readonly unknown[]).includes(occurred)) {
		problems.push({ path, code: 'occurred_invalid', field: 'occurred' });
		return null;
	}
	let count = 0;
	if (occurred !== 'none') {
		const parsed = toNumber(input.count);
		const min = occurred === 'at_least' ? 1 : 0;
		if (parsed === null || !Number.isInteger(parsed) || parsed < min || parsed > MAX_EVENT_COUNT)
			problems.push({ path, code: 'count_invalid', field: 'count' });
		else count = parsed;
	}
	let within: { days: number } | null = null;
	if (input.within !== null && input.within !== undefined) {
		const days = isRecord(input.within) ? toNumber(input.within.days) : null;
		if (days === null || !Number.isInteger(days) || days < 1 || days > MAX_WINDOW_DAYS)
			problems.push({ path, code: 'within_invalid', field: 'within' });
		else within = { days };
	}
	let property: PropertyFilter | null = null;
	if (input.property !== null && input.property !== undefined) {
		property = parseProperty(input.property, path, problems);
	}
	if (problems.length > before) return null;
	return {
		type: 'event',
		name,
		occurred: occurred as EventCondition['occurred'],
		count,
		within,
		property
	};
}

function parseProperty(
	input: unknown,
	path: number[],
	problems: SegmentProblem[]
): PropertyFilter | null {
	if (!isRecord(input)) {
		problems.push({ path, code: 'node_invalid', field: 'property.key' });
		return null;
	}
	const key = typeof input.key === 'string' ? input.key.trim() : '';
	if (!key) problems.push({ path, code: 'key_required', field: 'property.key' });
	else if (!TRAIT_KEY_PATTERN.test(key))
		problems.push({ path, code: 'key_invalid', field: 'property.key' });
	if (!(PROPERTY_OPERATORS as readonly unknown[]).includes(input.operator)) {
		problems.push({ path, code: 'operator_invalid', field: 'property.operator' });
		return null;
	}
	const operator = input.operator as PropertyFilter['operator'];
	const value = parseComparisonValue(operator, input.value, path, 'property.value', problems);
	return { key, operator, value };
}

function toNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || value.trim() === '') return null;
	const number = Number(value.trim());
	return Number.isFinite(number) ? number : null;
}

function isIsoDate(value: string): boolean {
	const match = DATE_PATTERN.exec(value);
	if (!match) return false;
	const [, y, m, d] = match.map(Number) as [number, number, number, number];
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problems reported for exactly the node at `path`. */
export function problemsAt(
	problems: readonly SegmentProblem[],
	path: readonly number[]
): SegmentProblem[] {
	return problems.filter(
		(p) => p.path.length === path.length && p.path.every((index, i) => index === path[i])
	);
}
