/**
 * Readers for the fields of untrusted journey JSON. Each returns a clean value, or a harmless
 * fallback after reporting a problem, so one bad field never hides the problems of the others
 * and the graph lint can still run over the rest of the definition.
 */
import {
	TRAIT_KEY_PATTERN,
	type EventCondition,
	type GroupNode,
	type PropertyFilter
} from '../segment/definition';
import { parseSegment } from '../segment/validate';
import { MAX_NAME_LENGTH, type ProductBlock } from './definition';
import { makeProblem, type JourneyProblem, type JourneyProblemCode } from './problems';
import { PLACEHOLDER_PATTERN, isKnownPlaceholder, placeholdersIn } from './render';

export const PLACEMENT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,49}$/;
export const MAX_FILTERS = 20;
export const MAX_PRODUCTS = 20;

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class FieldReader {
	constructor(
		readonly problems: JourneyProblem[],
		readonly nodeId?: string,
		/** Prepended to field names, e.g. `settings.` for the settings object. */
		readonly prefix = ''
	) {}

	report(code: JourneyProblemCode, field: string, message?: string): void {
		this.problems.push(makeProblem(code, this.nodeId, this.prefix + field, message));
	}

	/** Trimmed text. Required text must be non-empty; optional text may be absent. */
	text(input: unknown, field: string, required: boolean, max: number): string {
		if (input === undefined && !required) return '';
		if (typeof input !== 'string') {
			this.report(required ? 'text_required' : 'node_invalid', field, 'Must be text.');
			return '';
		}
		const text = input.trim();
		if (required && !text) this.report('text_required', field);
		else if ([...text].length > max)
			this.report('text_too_long', field, `Must be at most ${max} characters.`);
		return text;
	}

	/** Text that may hold placeholders, checked against the names the engine can fill. */
	template(input: unknown, field: string, required: boolean, max: number): string {
		const text = this.text(input, field, required, max);
		const unknown = placeholdersIn(text).filter((name) => !isKnownPlaceholder(name));
		if (unknown.length) {
			const list = unknown.map((name) => `{{${name}}}`).join(', ');
			this.report('template_variable_unknown', field, `Unknown placeholder: ${list}.`);
		}
		return text;
	}

	eventName(input: unknown, field: string): string {
		const name = typeof input === 'string' ? input.trim() : '';
		if (!name) this.report('event_required', field);
		else if ([...name].length > MAX_NAME_LENGTH)
			this.report('text_too_long', field, `Must be at most ${MAX_NAME_LENGTH} characters.`);
		return name;
	}

	/** A whole number in [min, max]; 0 after a problem. */
	integer(input: unknown, field: string, min: number, max: number): number {
		if (typeof input === 'number' && Number.isInteger(input) && input >= min && input <= max) {
			return input;
		}
		this.report('number_invalid', field, `Must be a whole number from ${min} to ${max}.`);
		return 0;
	}

	/** A finite number passing `inRange`; 0 after a problem. */
	real(
		input: unknown,
		field: string,
		inRange: (n: number) => boolean,
		message: string,
		code: JourneyProblemCode = 'number_invalid'
	): number {
		if (typeof input === 'number' && Number.isFinite(input) && inRange(input)) return input;
		this.report(code, field, message);
		return 0;
	}

	traitKey(input: unknown, field: string): string {
		const key = typeof input === 'string' ? input.trim() : '';
		if (!TRAIT_KEY_PATTERN.test(key)) {
			this.report(
				'trait_invalid',
				field,
				'Use letters, digits, space, "_", "-" or ".", at most 64.'
			);
		}
		return key;
	}

	placement(input: unknown, field: string): string {
		if (typeof input === 'string' && PLACEMENT_PATTERN.test(input)) return input;
		this.report('placement_invalid', field);
		return '';
	}

	/** A list of property filters; absent means none. */
	filters(input: unknown, field: string): PropertyFilter[] {
		if (input === undefined) return [];
		if (!Array.isArray(input) || input.length > MAX_FILTERS) {
			this.report('filter_invalid', field, `Must be a list of at most ${MAX_FILTERS} filters.`);
			return [];
		}
		const filters: PropertyFilter[] = [];
		input.forEach((item, index) => {
			const filter = this.filter(item, `${field}[${index}]`);
			if (filter) filters.push(filter);
		});
		return filters;
	}

	/**
	 * One property filter, checked by the segment validator itself (wrapped as the property of an
	 * event condition) so a filter means exactly what it means in a segment.
	 */
	filter(input: unknown, field: string): PropertyFilter | null {
		if (isRecord(input)) {
			const parsed = parseSegment({
				version: 1,
				marketing: false,
				root: {
					type: 'group',
					op: 'and',
					children: [{ type: 'event', name: 'x', occurred: 'at_least', count: 1, property: input }]
				}
			});
			const property = parsed.ok
				? (parsed.definition.root.children[0] as EventCondition | undefined)?.property
				: null;
			if (property) return property;
		}
		this.report('filter_invalid', field);
		return null;
	}

	/** The root group of a customer check, through the segment validator. */
	customerRoot(input: unknown, field: string): GroupNode | null {
		const parsed = parseSegment({ version: 1, marketing: false, root: input });
		if (parsed.ok) return parsed.definition.root;
		const first = parsed.problems[0];
		this.report(
			'condition_invalid',
			field,
			first ? `Invalid customer condition (${first.code}).` : undefined
		);
		return null;
	}

	/** Recommended products: null for none. */
	products(input: unknown, field: string): ProductBlock | null {
		if (input === null || input === undefined) return null;
		if (!isRecord(input)) {
			this.report('node_invalid', field, 'Must be a product block or null.');
			return null;
		}
		return {
			placement: this.placement(input.placement, `${field}.placement`),
			count: this.integer(input.count, `${field}.count`, 1, MAX_PRODUCTS)
		};
	}

	/** An absolute http(s) URL. `URL` is a global in browsers and Node alike. */
	url(input: unknown, field: string): string {
		const text = typeof input === 'string' ? input.trim() : '';
		let ok = false;
		if (text && [...text].length <= 2000) {
			try {
				const url = new URL(text);
				ok = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
			} catch {
				ok = false;
			}
		}
		if (!ok) this.report('url_invalid', field);
		return text;
	}

	/**
	 * A webhook body: JSON once each placeholder is replaced by the bare letter `x`. The engine
	 * renders values JSON-string-escaped, so a placeholder is only safe inside a JSON string
	 * (`"name": "{{first_name}}"`); a bare one (`"points": {{points}}`) leaves `x` outside quotes
	 * and fails here, rather than producing broken or injectable JSON at send time.
	 */
	json(text: string, field: string): void {
		if (!text) return;
		try {
			JSON.parse(text.replace(PLACEHOLDER_PATTERN, 'x'));
		} catch {
			this.report('json_invalid', field);
		}
	}
}
