/**
 * Reads one untrusted node into a fresh, typed node holding only the fields its type defines.
 * Field problems are reported and replaced by fallbacks (see fields.ts); only a node whose id or
 * type cannot be read is dropped, since the graph cannot place it.
 */
import { TRAIT_KEY_PATTERN } from '../segment/definition';
import {
	MAX_MINUTES,
	MAX_NAME_LENGTH,
	MAX_TEXT_LENGTH,
	NODE_TYPES,
	type BranchCheck,
	type Delay,
	type JourneyNode,
	type NodeType,
	type Position,
	type ProfileChange,
	type SplitVariant,
	type WaitNode
} from './definition';
import { FieldReader, isRecord } from './fields';
import type { JourneyProblem } from './problems';

/** Node ids and variant keys: they appear in edges and as output names. */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_DAYS = 3650;
export const MAX_CHECKS = 20;
export const MAX_VARIANTS = 10;
export const MAX_POINTS = 1_000_000;
export const MAX_OFFER_HOURS = 8760;
export const MAX_OFFSET_DAYS = 365;
export const MAX_TAG_LENGTH = 64;
export const MAX_TRAIT_VALUE_LENGTH = 500;

export type ParsedNode =
	/** `node` is null when the node was dropped; `id` is its raw id when that was text. */
	{ node: JourneyNode | null; id: string | undefined };

type Base = Pick<JourneyNode, 'id' | 'position' | 'label'>;

export function parseNode(input: unknown, index: number, problems: JourneyProblem[]): ParsedNode {
	if (!isRecord(input)) {
		new FieldReader(problems).report(
			'node_invalid',
			`nodes[${index}]`,
			'A step must be an object.'
		);
		return { node: null, id: undefined };
	}
	const id = typeof input.id === 'string' && input.id !== '' ? input.id : undefined;
	const r = new FieldReader(problems, id);
	const idOk = id !== undefined && NODE_ID_PATTERN.test(id);
	if (!idOk) r.report('node_id_invalid', 'id');
	if (!(NODE_TYPES as readonly unknown[]).includes(input.type)) {
		r.report(
			'node_type_unknown',
			'type',
			typeof input.type === 'string'
				? `Unknown step type: ${input.type.slice(0, 40)}.`
				: 'The step type must be text.'
		);
		return { node: null, id };
	}
	const base: Base = { id: id ?? '' };
	const position = readPosition(input.position, r);
	if (position) base.position = position;
	const label = r.text(input.label, 'label', false, MAX_NAME_LENGTH);
	if (label) base.label = label;
	const node = readTyped(input.type as NodeType, input, base, r);
	return { node: idOk ? node : null, id };
}

function readPosition(input: unknown, r: FieldReader): Position | null {
	if (input === undefined || input === null) return null;
	if (isRecord(input) && Number.isFinite(input.x) && Number.isFinite(input.y)) {
		return { x: input.x as number, y: input.y as number };
	}
	r.report('node_invalid', 'position', 'A position needs finite x and y.');
	return null;
}

function readTyped(
	type: NodeType,
	input: Record<string, unknown>,
	base: Base,
	r: FieldReader
): JourneyNode {
	switch (type) {
		case 'entry_event':
			return {
				...base,
				type,
				event: r.eventName(input.event, 'event'),
				filters: r.filters(input.filters, 'filters')
			};
		case 'entry_segment':
			return { ...base, type, segmentId: r.integer(input.segmentId, 'segmentId', 1, 2 ** 31 - 1) };
		case 'entry_date':
			return {
				...base,
				type,
				trait: r.traitKey(input.trait, 'trait'),
				offsetDays: r.integer(input.offsetDays, 'offsetDays', -MAX_OFFSET_DAYS, MAX_OFFSET_DAYS),
				hour: r.integer(input.hour, 'hour', 0, 23)
			};
		case 'entry_inactivity':
			return {
				...base,
				type,
				event: r.eventName(input.event, 'event'),
				days: r.integer(input.days, 'days', 1, MAX_DAYS)
			};
		case 'entry_churn':
			return {
				...base,
				type,
				threshold: r.real(
					input.threshold,
					'threshold',
					(n) => n > 0 && n < 1,
					'Must be between 0 and 1.'
				)
			};
		case 'delay':
			return { ...base, type, delay: readDelay(input.delay, r) };
		case 'wait_event': {
			const node: WaitNode = {
				...base,
				type,
				event: r.eventName(input.event, 'event'),
				filters: r.filters(input.filters, 'filters'),
				timeoutMinutes: r.integer(input.timeoutMinutes, 'timeoutMinutes', 1, MAX_MINUTES)
			};
			// Empty means "any matching event", the same as leaving it out.
			if (input.matchKey !== undefined && input.matchKey !== null && input.matchKey !== '') {
				const key = typeof input.matchKey === 'string' ? input.matchKey.trim() : '';
				if (!TRAIT_KEY_PATTERN.test(key)) {
					r.report('filter_invalid', 'matchKey', 'The match key must be a property name.');
				} else node.matchKey = key;
			}
			return node;
		}
		case 'condition':
			return {
				...base,
				type,
				match: readMatch(input.match, r),
				checks: readChecks(input.checks, r)
			};
		case 'split':
			return { ...base, type, ...readSplit(input, r) };
		case 'goal':
			return {
				...base,
				type,
				event: r.eventName(input.event, 'event'),
				filters: r.filters(input.filters, 'filters'),
				windowMinutes: r.integer(input.windowMinutes, 'windowMinutes', 1, MAX_MINUTES)
			};
		case 'email':
			return {
				...base,
				type,
				subject: r.template(input.subject, 'subject', true, MAX_NAME_LENGTH),
				body: r.template(input.body, 'body', true, MAX_TEXT_LENGTH),
				products: r.products(input.products, 'products')
			};
		case 'webhook': {
			const url = r.url(input.url, 'url');
			const body = r.template(input.body, 'body', true, MAX_TEXT_LENGTH);
			r.json(body, 'body');
			return { ...base, type, url, body };
		}
		case 'offer':
			return {
				...base,
				type,
				placement: r.placement(input.placement, 'placement'),
				title: r.template(input.title, 'title', true, MAX_NAME_LENGTH),
				body: r.template(input.body, 'body', false, MAX_TEXT_LENGTH),
				products: r.products(input.products, 'products'),
				expiresHours: r.integer(input.expiresHours, 'expiresHours', 1, MAX_OFFER_HOURS)
			};
		case 'update_profile':
			return { ...base, type, change: readChange(input.change, r) };
		case 'award_points':
			return {
				...base,
				type,
				points: r.integer(input.points, 'points', 1, MAX_POINTS),
				reason: r.text(input.reason, 'reason', false, MAX_NAME_LENGTH)
			};
		case 'exit':
			return { ...base, type };
	}
}

function readDelay(input: unknown, r: FieldReader): Delay {
	if (!isRecord(input)) {
		r.report('node_invalid', 'delay', 'A delay must be an object.');
		return { kind: 'duration', minutes: 0 };
	}
	switch (input.kind) {
		case 'duration':
			return {
				kind: 'duration',
				minutes: r.integer(input.minutes, 'delay.minutes', 1, MAX_MINUTES)
			};
		case 'time_of_day':
			return {
				kind: 'time_of_day',
				hour: r.integer(input.hour, 'delay.hour', 0, 23),
				minute: r.integer(input.minute, 'delay.minute', 0, 59)
			};
		case 'date_trait':
			return {
				kind: 'date_trait',
				trait: r.traitKey(input.trait, 'delay.trait'),
				offsetDays: r.integer(
					input.offsetDays,
					'delay.offsetDays',
					-MAX_OFFSET_DAYS,
					MAX_OFFSET_DAYS
				)
			};
		default:
			r.report('node_invalid', 'delay.kind', 'Unknown delay kind.');
			return { kind: 'duration', minutes: 0 };
	}
}

function readMatch(input: unknown, r: FieldReader): 'all' | 'any' {
	if (input === 'all' || input === 'any') return input;
	r.report('node_invalid', 'match', 'Match must be "all" or "any".');
	return 'all';
}

function readChecks(input: unknown, r: FieldReader): BranchCheck[] {
	if (!Array.isArray(input) || input.length === 0 || input.length > MAX_CHECKS) {
		r.report('condition_invalid', 'checks', `A condition needs 1 to ${MAX_CHECKS} checks.`);
		return [];
	}
	const checks: BranchCheck[] = [];
	input.forEach((check: unknown, index) => {
		const field = `checks[${index}]`;
		const kind = isRecord(check) ? check.kind : undefined;
		if (!isRecord(check)) {
			r.report('condition_invalid', field, 'A check must be an object.');
		} else if (kind === 'customer') {
			const root = r.customerRoot(check.root, `${field}.root`);
			if (root) checks.push({ kind, root });
		} else if (kind === 'segment') {
			const segmentId = r.integer(check.segmentId, `${field}.segmentId`, 1, 2 ** 31 - 1);
			if (typeof check.member !== 'boolean') {
				r.report('condition_invalid', `${field}.member`, 'Member must be true or false.');
			} else if (segmentId) checks.push({ kind, segmentId, member: check.member });
		} else if (kind === 'entry_property') {
			const filter = r.filter(check.filter, `${field}.filter`);
			if (filter) checks.push({ kind, filter });
		} else {
			r.report('condition_invalid', `${field}.kind`, 'Unknown check kind.');
		}
	});
	return checks;
}

function readSplit(
	input: Record<string, unknown>,
	r: FieldReader
): { mode: 'random' | 'ab'; variants: SplitVariant[]; holdout: number } {
	let mode: 'random' | 'ab' = 'random';
	if (input.mode === 'random' || input.mode === 'ab') mode = input.mode;
	else r.report('node_invalid', 'mode', 'Mode must be "random" or "ab".');
	const holdout = r.real(
		input.holdout ?? 0,
		'holdout',
		(n) => n >= 0 && n < 1,
		'The holdout must be at least 0 and below 1.',
		'holdout_invalid'
	);
	const variants: SplitVariant[] = [];
	if (!Array.isArray(input.variants) || input.variants.length > MAX_VARIANTS) {
		r.report('weights_invalid', 'variants', `A split needs 2 to ${MAX_VARIANTS} variants.`);
		return { mode, variants, holdout };
	}
	input.variants.forEach((variant: unknown, index) => {
		const field = `variants[${index}]`;
		if (!isRecord(variant)) {
			r.report('weights_invalid', 'variants', 'Each variant needs a name and a weight.');
			return;
		}
		const key = typeof variant.key === 'string' ? variant.key : '';
		// `holdout` is the output of the split's own holdout; a variant by that name would collide.
		if (!NODE_ID_PATTERN.test(key) || key === 'holdout')
			r.report('variant_key_invalid', `${field}.key`);
		const weight = variant.weight;
		if (typeof weight !== 'number' || !Number.isFinite(weight)) {
			r.report('weights_invalid', 'variants', 'Each variant needs a numeric weight.');
		}
		variants.push({
			key,
			weight: typeof weight === 'number' && Number.isFinite(weight) ? weight : 0
		});
	});
	return { mode, variants, holdout };
}

function readChange(input: unknown, r: FieldReader): ProfileChange {
	const kind = isRecord(input) ? input.kind : undefined;
	if (isRecord(input) && kind === 'set_trait') {
		const key = r.traitKey(input.key, 'change.key');
		const value = input.value;
		if (value === null || typeof value === 'boolean') return { kind, key, value };
		if (typeof value === 'number' && Number.isFinite(value)) return { kind, key, value };
		if (typeof value === 'string') {
			if ([...value].length > MAX_TRAIT_VALUE_LENGTH) {
				r.report(
					'text_too_long',
					'change.value',
					`Must be at most ${MAX_TRAIT_VALUE_LENGTH} characters.`
				);
			}
			return { kind, key, value };
		}
		r.report(
			'node_invalid',
			'change.value',
			'A trait value is text, a number, true/false or null.'
		);
		return { kind, key, value: null };
	}
	if (isRecord(input) && (kind === 'add_tag' || kind === 'remove_tag')) {
		return { kind, tag: r.text(input.tag, 'change.tag', true, MAX_TAG_LENGTH) };
	}
	r.report('node_invalid', 'change', 'Unknown profile change.');
	return { kind: 'add_tag', tag: '' };
}
