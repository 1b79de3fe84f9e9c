import type { PropertyFilter } from '../segment/definition';

/**
 * An event's property against a filter, in memory, with the same meaning the segment compiler
 * gives it in SQL: values compare as text for eq/neq/contains (case-insensitive for contains), as
 * numbers for gt/lt; a missing property is "not X" and does not exist. Keys are looked up as the
 * event's own properties only (never its prototype), with dots reaching into nested objects.
 */
export function matchesFilter(properties: unknown, filter: PropertyFilter): boolean {
	const raw = propertyAt(properties, filter.key);
	const text = asText(raw);
	const want = filter.value === null ? '' : String(filter.value);
	switch (filter.operator) {
		case 'eq':
			return text !== null && text === want;
		case 'neq':
			return text === null || text !== want;
		case 'contains':
			return text !== null && text.toLowerCase().includes(want.toLowerCase());
		case 'exists':
			return text !== null && text !== '';
		case 'not_exists':
			return text === null || text === '';
		case 'gt':
		case 'lt': {
			const number = typeof raw === 'number' ? raw : text === null ? NaN : Number(text);
			const bound = Number(filter.value);
			if (!Number.isFinite(number) || !Number.isFinite(bound) || text === '') return false;
			return filter.operator === 'gt' ? number > bound : number < bound;
		}
	}
}

export function matchesAll(properties: unknown, filters: readonly PropertyFilter[]): boolean {
	return filters.every((filter) => matchesFilter(properties, filter));
}

/** `a.b` reads properties.a.b, own keys only. */
export function propertyAt(properties: unknown, key: string): unknown {
	let value: unknown = properties;
	for (const part of key.split('.')) {
		if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
		if (!Object.hasOwn(value, part)) return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

function asText(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return null;
}
