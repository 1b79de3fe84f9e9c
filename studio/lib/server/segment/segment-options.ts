import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import {
	TRAIT_KEY_PATTERN,
	isColumnTrait,
	type KeyOption,
	type SegmentBuilderOptions
} from '../../segment/definition';
import {
	distinctEventNames,
	recentCustomerTraits,
	recentEventProperties
} from './segment-repository';

export type { KeyOption, SegmentBuilderOptions };

const MAX_EVENT_NAMES = 100;
const EVENTS_WITH_PROPERTIES = 40;
const EVENT_SAMPLE = 100;
const CUSTOMER_SAMPLE = 500;
const MAX_KEYS = 40;
const MAX_VALUES = 25;

/**
 * What the rule builder offers in its pickers: the event names of this workspace, the property
 * keys of their latest events, and the trait keys of recently seen customers, each with values seen.
 */
export async function segmentBuilderOptions(
	db: Db,
	workspaceId: number
): Promise<SegmentBuilderOptions> {
	const names = await distinctEventNames(db, workspaceId, MAX_EVENT_NAMES);
	const events: SegmentBuilderOptions['events'] = [];
	for (const [index, name] of names.entries()) {
		const samples =
			index < EVENTS_WITH_PROPERTIES
				? await recentEventProperties(db, workspaceId, name, EVENT_SAMPLE)
				: [];
		events.push({ name, properties: collectKeys(samples) });
	}
	const traits = collectKeys(await recentCustomerTraits(db, workspaceId, CUSTOMER_SAMPLE)).filter(
		(option) => !isColumnTrait(option.key)
	);
	return { events, traits };
}

/** Top-level keys with scalar values, by how often they occur; Maps keep `__proto__` harmless. */
export function collectKeys(documents: readonly unknown[]): KeyOption[] {
	const keys = new Map<string, { seen: number; values: Map<string, number> }>();
	for (const document of documents) {
		const object = readJson<unknown>(document, null);
		if (typeof object !== 'object' || object === null || Array.isArray(object)) continue;
		for (const [key, value] of Object.entries(object)) {
			if (!TRAIT_KEY_PATTERN.test(key)) continue;
			if (value !== null && typeof value === 'object') continue;
			let entry = keys.get(key);
			if (!entry) keys.set(key, (entry = { seen: 0, values: new Map() }));
			entry.seen++;
			const text = String(value);
			if (text.length <= 100) entry.values.set(text, (entry.values.get(text) ?? 0) + 1);
		}
	}
	return [...keys.entries()]
		.sort((a, b) => b[1].seen - a[1].seen || a[0].localeCompare(b[0]))
		.slice(0, MAX_KEYS)
		.map(([key, entry]) => ({
			key,
			values: [...entry.values.entries()]
				.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
				.slice(0, MAX_VALUES)
				.map(([value]) => value)
		}));
}
