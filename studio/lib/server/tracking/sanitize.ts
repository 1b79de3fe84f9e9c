import { MAX_DEPTH } from './limits';

/**
 * Keys that would reach an object's prototype if copied by assignment; dropped from everything
 * a client sends so no later spread or merge can pollute a prototype.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type PlainObject = Record<string, unknown>;

export class TooDeepError extends Error {}

export function isPlainObject(value: unknown): value is PlainObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Text both databases accept: PostgreSQL refuses NUL in text and jsonb, and lone surrogates
 * cannot be encoded as UTF-8.
 */
export function cleanText(value: string): string {
	const wellFormed = value.isWellFormed() ? value : value.toWellFormed();
	return wellFormed.includes('\u0000') ? wellFormed.replaceAll('\u0000', '') : wellFormed;
}

/**
 * A copy of a parsed JSON value that is safe to store and merge: forbidden keys dropped,
 * non-finite numbers (1e400 parses to Infinity) made null, text cleaned. Throws TooDeepError
 * past MAX_DEPTH levels, before recursion could exhaust the stack.
 */
export function sanitizeJson(value: unknown, depth = 0): unknown {
	if (typeof value === 'string') return cleanText(value);
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'object' || value === null) return value;
	if (depth >= MAX_DEPTH) throw new TooDeepError();
	if (Array.isArray(value)) {
		const copy: unknown[] = new Array<unknown>(value.length);
		for (let i = 0; i < value.length; i++) copy[i] = sanitizeJson(value[i], depth + 1);
		return copy;
	}
	const copy: PlainObject = {};
	for (const key of Object.keys(value)) {
		if (FORBIDDEN_KEYS.has(key)) continue;
		copy[cleanText(key)] = sanitizeJson((value as PlainObject)[key], depth + 1);
	}
	return copy;
}

/** sanitizeJson for a field that must be an object when present; null when absent. */
export function sanitizeObject(value: unknown, depth = 1): PlainObject | null | 'invalid' {
	if (value === undefined || value === null) return null;
	if (!isPlainObject(value)) return 'invalid';
	return sanitizeJson(value, depth) as PlainObject;
}
