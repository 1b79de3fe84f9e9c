/**
 * Pure pieces of the step settings panel: duration units, placeholder insertion, filter values
 * and where problems are shown. Kept out of the Svelte components so they can be tested alone.
 */
import {
	isPresenceOperator,
	type GroupNode,
	type PropertyFilter,
	type PropertyOperator
} from '../segment/definition';
import type { NodeType } from './definition';
import type { JourneyProblem } from './problems';
import { PLACEHOLDER_PATTERN } from './render';

export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export const UNIT_MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** The largest unit that shows `minutes` as a whole number: 2880 → 2 days, 90 → 90 minutes. */
export function splitMinutes(minutes: number): { amount: number; unit: DurationUnit } {
	if (!Number.isFinite(minutes) || minutes <= 0) return { amount: minutes || 0, unit: 'days' };
	for (const unit of ['days', 'hours'] as const) {
		if (minutes % UNIT_MINUTES[unit] === 0) return { amount: minutes / UNIT_MINUTES[unit], unit };
	}
	return { amount: minutes, unit: 'minutes' };
}

/** Whole minutes, as the engine stores them (1.5 hours → 90); nonsense becomes 0 for the lint. */
export function toMinutes(amount: number, unit: DurationUnit): number {
	if (!Number.isFinite(amount) || amount <= 0) return 0;
	return Math.round(amount * UNIT_MINUTES[unit]);
}

/** Replaces the selection `[start, end)` with `snippet`; the caret goes after what was inserted. */
export function insertAtCursor(
	text: string,
	start: number | null,
	end: number | null,
	snippet: string
): { text: string; cursor: number } {
	const from = clamp(start ?? text.length, 0, text.length);
	const to = clamp(end ?? from, from, text.length);
	return { text: text.slice(0, from) + snippet + text.slice(to), cursor: from + snippet.length };
}

function clamp(n: number, min: number, max: number): number {
	return Math.min(Math.max(n, min), max);
}

/** `{{first_name}}`, `{{traits.size}}`, `{{entry.cart_id}}`. */
export function placeholder(name: string, namespace?: 'traits' | 'entry'): string {
	return `{{${namespace ? `${namespace}.${name.trim()}` : name.trim()}}}`;
}

/**
 * The value a filter stores for what was typed: none for exists/not_exists, a number for the
 * comparisons when the text is one, the text itself otherwise (the segment validator decides).
 */
export function filterValue(operator: string, text: string): string | number | null {
	if (isPresenceOperator(operator)) return null;
	if (operator === 'gt' || operator === 'lt') {
		const n = Number(text);
		return text.trim() !== '' && Number.isFinite(n) ? n : text;
	}
	return text;
}

/** A filter with a new operator, keeping the value where it still makes sense. */
export function withOperator(filter: PropertyFilter, operator: PropertyOperator): PropertyFilter {
	const text = filter.value === null ? '' : String(filter.value);
	return { ...filter, operator, value: filterValue(operator, text) };
}

/** Problems about exactly this field. */
export function problemsAt(problems: readonly JourneyProblem[], field: string): JourneyProblem[] {
	return problems.filter((p) => p.field === field);
}

/** Problems about this field or anything inside it (`variants` covers `variants[1].key`). */
export function problemsUnder(
	problems: readonly JourneyProblem[],
	field: string
): JourneyProblem[] {
	return problems.filter((p) => p.field !== undefined && isUnder(p.field, field));
}

function isUnder(field: string, prefix: string): boolean {
	return field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);
}

/**
 * The fields each step's form shows problems next to (a prefix covers what is inside it); the
 * rest are listed at the top of the panel.
 */
export const PANEL_FIELDS: Record<NodeType, readonly string[]> = {
	entry_event: ['label', 'event', 'filters'],
	entry_segment: ['label', 'segmentId'],
	entry_date: ['label', 'trait', 'offsetDays', 'hour'],
	entry_inactivity: ['label', 'event', 'days'],
	entry_churn: ['label', 'threshold'],
	delay: ['label', 'delay'],
	wait_event: ['label', 'event', 'filters', 'timeoutMinutes', 'matchKey'],
	condition: ['label', 'match', 'checks'],
	split: ['label', 'mode', 'variants', 'holdout'],
	goal: ['label', 'event', 'filters', 'windowMinutes'],
	email: ['label', 'subject', 'body', 'products'],
	webhook: ['label', 'url', 'body'],
	offer: ['label', 'placement', 'title', 'body', 'expiresHours', 'products'],
	update_profile: ['label', 'change'],
	award_points: ['label', 'points', 'reason'],
	exit: ['label']
};

/** The same for the journey settings panel. */
export const SETTINGS_FIELDS: readonly string[] = [
	'settings.reEntry',
	'settings.goal',
	'settings.exit',
	'settings.quietHours',
	'settings.holdout'
];

/**
 * Problems no field of the form shows (graph problems like an unconnected output, or a field
 * the form has no input for), listed at the top of the panel so none goes unseen.
 */
export function unplacedProblems(
	problems: readonly JourneyProblem[],
	placed: readonly string[]
): JourneyProblem[] {
	return problems.filter((p) => !p.field || !placed.some((prefix) => isUnder(p.field!, prefix)));
}

/**
 * Whether a customer check can be edited as one flat list of trait and fact conditions; nested
 * groups and event conditions are shown read-only (the segment editor is the place for those).
 */
export function isFlatRoot(root: GroupNode): boolean {
	return root.children.every((child) => child.type === 'trait' || child.type === 'fact');
}

/**
 * Whether a webhook body is JSON, judged as the validator judges it (fields.ts): each placeholder
 * stands for a bare letter, so one outside a JSON string makes the body invalid.
 */
export function webhookJsonState(text: string): 'empty' | 'valid' | 'invalid' {
	if (!text.trim()) return 'empty';
	try {
		JSON.parse(text.replace(PLACEHOLDER_PATTERN, 'x'));
		return 'valid';
	} catch {
		return 'invalid';
	}
}
