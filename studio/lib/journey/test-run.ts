/**
 * The test panel's pure side: the shapes the test-run and dry-run endpoints answer with (the UI
 * does not import server modules), the virtual clock's offsets, the path the canvas lights up, and
 * the "why" of a step as a message key with values, so the wording stays in the catalogues.
 */

export type TestChannel = 'email' | 'offer' | 'webhook';
export type TestStatus = 'completed' | 'converted' | 'exited' | 'waiting' | 'failed' | 'holdout';

export interface TestSend {
	channel: TestChannel;
	recipient: string | null;
	subject?: string;
	body?: string;
	skus?: string[];
}

export interface TestStep {
	at: number;
	nodeId: string;
	type: string;
	outcome: string;
	detail?: unknown;
	wouldSend?: TestSend;
}

export interface TestResult {
	steps: TestStep[];
	status: TestStatus;
	endedAt: number;
	messages: number;
}

export interface DryRunAnswer {
	entrants: number;
	sampled: number;
	perNode: Record<string, { entered: number; outcomes: Record<string, number> }>;
	messagesPerDay: Record<TestChannel, number>;
	days: number;
}

export const TEST_CHANNELS: readonly TestChannel[] = ['email', 'offer', 'webhook'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type OffsetUnit = 'd' | 'h' | 'min';

/**
 * Time since entry as its two largest whole units ("3 d 4 h", "1 h 30 min", "0 min"): a test
 * run's timings are minutes to months, and seconds never matter to a journey.
 */
export function clockOffset(ms: number): { unit: OffsetUnit; value: number }[] {
	let minutes = Math.max(0, Math.round(ms / MINUTE));
	const parts: { unit: OffsetUnit; value: number }[] = [];
	for (const [unit, size] of [
		['d', DAY / MINUTE],
		['h', HOUR / MINUTE],
		['min', 1]
	] as const) {
		const value = Math.floor(minutes / size);
		minutes -= value * size;
		if (value > 0 || (unit === 'min' && parts.length === 0)) parts.push({ unit, value });
	}
	return parts.slice(0, 2);
}

/** What the canvas lights up at player position `index`: every step so far, and this one. */
export function pathAt(
	steps: readonly TestStep[],
	index: number
): { path: string[]; current: string | null } {
	if (index < 0 || steps.length === 0) return { path: [], current: null };
	const upTo = steps.slice(0, Math.min(index, steps.length - 1) + 1);
	return {
		path: [...new Set(upTo.map((s) => s.nodeId))],
		current: upTo[upTo.length - 1]!.nodeId
	};
}

/**
 * A typed value from a key/value row: numbers, true, false and null as JSON reads them, so
 * `total > 50` compares a number; anything else is the text as typed.
 */
export function parseValue(text: string): unknown {
	const trimmed = text.trim();
	if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
	if (trimmed === 'true') return true;
	if (trimmed === 'false') return false;
	if (trimmed === 'null') return null;
	return text;
}

export interface KeyValueRow {
	key: string;
	value: string;
}

/** The rows as an object; rows without a key are left out, a repeated key keeps the last. */
export function rowsToObject(rows: readonly KeyValueRow[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const row of rows) {
		const key = row.key.trim();
		if (key) out[key] = parseValue(row.value);
	}
	return out;
}

export const OFFSET_UNITS = { min: 1, h: 60, d: 24 * 60 } as const;
export type ScriptUnit = keyof typeof OFFSET_UNITS;

export interface ScriptRow {
	name: string;
	after: number;
	unit: ScriptUnit;
	properties: KeyValueRow[];
}

/** Scripted events as the endpoint takes them; unnamed rows are left out. */
export function scriptedEvents(rows: readonly ScriptRow[]) {
	return rows
		.filter((row) => row.name.trim())
		.map((row) => ({
			name: row.name.trim(),
			atMinutes: Math.max(0, (Number.isFinite(row.after) ? row.after : 0) * OFFSET_UNITS[row.unit]),
			properties: rowsToObject(row.properties)
		}));
}

/** Why a step came out as it did, as a `journeyTest.reason.<key>` message and its values. */
export type StepReason =
	| { key: 'checks'; yes: number; no: number }
	| { key: 'bucket'; bucket: string }
	| { key: 'waited'; minutes: number }
	| { key: 'happened'; event: string; minutes: number | null }
	| { key: 'horizon'; until: number }
	| { key: 'holdoutWorkspace' | 'holdoutJourney' }
	| { key: 'setTrait'; trait: string; value: string }
	| { key: 'addTag' | 'removeTag'; tag: string }
	| { key: 'points'; points: number }
	| { key: 'quietHours'; from: number }
	| { key: 'expires'; at: number }
	| { key: 'error'; error: string };

function record(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

const num = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;
const str = (value: unknown) => (typeof value === 'string' ? value : null);

/** The reasons a step's detail carries (simulate.ts's shapes), in the order worth reading. */
export function stepReasons(step: TestStep): StepReason[] {
	const d = record(step.detail);
	const out: StepReason[] = [];
	if (Array.isArray(d.checks)) {
		const yes = d.checks.filter((c) => c === true).length;
		out.push({ key: 'checks', yes, no: d.checks.length - yes });
	}
	if (step.type === 'split' && str(d.bucket) !== null)
		out.push({ key: 'bucket', bucket: str(d.bucket)! });
	if (str(d.event) !== null)
		out.push({ key: 'happened', event: str(d.event)!, minutes: num(d.waitedMinutes) });
	else if (num(d.waitedMinutes) !== null)
		out.push({ key: 'waited', minutes: num(d.waitedMinutes)! });
	if (step.outcome === 'waiting' && num(d.until) !== null)
		out.push({ key: 'horizon', until: num(d.until)! });
	if (step.outcome === 'holdout')
		out.push({ key: d.group === 'workspace' ? 'holdoutWorkspace' : 'holdoutJourney' });
	if (d.kind === 'set_trait' && str(d.key) !== null)
		out.push({ key: 'setTrait', trait: str(d.key)!, value: JSON.stringify(d.value ?? null) });
	if ((d.kind === 'add_tag' || d.kind === 'remove_tag') && str(d.tag) !== null)
		out.push({ key: d.kind === 'add_tag' ? 'addTag' : 'removeTag', tag: str(d.tag)! });
	if (step.type === 'award_points' && num(d.points) !== null)
		out.push({ key: 'points', points: num(d.points)! });
	if (num(d.quietHoursFrom) !== null) out.push({ key: 'quietHours', from: num(d.quietHoursFrom)! });
	if (num(d.expiresAt) !== null) out.push({ key: 'expires', at: num(d.expiresAt)! });
	if (str(d.error) !== null) out.push({ key: 'error', error: str(d.error)! });
	return out;
}

/** A definition's steps by id, read defensively: the canvas may hand over an unfinished one. */
export function stepsById(
	definition: unknown
): Map<string, { type: string; label: string | null }> {
	const out = new Map<string, { type: string; label: string | null }>();
	const nodes = record(definition).nodes;
	if (!Array.isArray(nodes)) return out;
	for (const raw of nodes) {
		const node = record(raw);
		const id = str(node.id);
		if (id === null) continue;
		const label = str(node.label)?.trim() || null;
		out.set(id, { type: str(node.type) ?? 'unknown', label });
	}
	return out;
}

/** Estimated arrivals per step, for the canvas's badges. */
export function dryRunCounts(result: DryRunAnswer): Record<string, number> {
	return Object.fromEntries(Object.entries(result.perNode).map(([id, n]) => [id, n.entered]));
}
