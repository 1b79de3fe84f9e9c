import type { JourneyDefinition } from '../../journey/definition';
import { TEMPLATE_KEYS, journeyTemplate, type TemplateKey } from '../../journey/templates';
import { parseJourney, type JourneyProblem, type LintContext } from '../../journey/validate';
import type { Db } from '../db/connect';
import type { JourneyStatus } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { mirrorJourneySplits, stopJourneyExperiments } from '../experiment/journey-experiments';
import { forgetLiveJourneys } from './engine-service';
import {
	findJourney,
	insertJourney,
	insertVersion,
	listJourneys,
	listVersions,
	updateJourney,
	type JourneyRow,
	type VersionRow
} from './journey-repository';
import { exitActiveRuns, segmentHasMembersWithoutEmail } from './journey-admin-repository';

export type JourneyErrorCode =
	'not_found' | 'name_invalid' | 'template_unknown' | 'definition_invalid' | 'state_invalid';

export type JourneyResult<T> =
	| { ok: true; value: T }
	| { ok: false; error: { code: JourneyErrorCode; message: string; problems?: JourneyProblem[] } };

const MAX_DRAFT_BYTES = 1_000_000;

function failure<T>(
	code: JourneyErrorCode,
	message: string,
	problems?: JourneyProblem[]
): JourneyResult<T> {
	return { ok: false, error: { code, message, ...(problems ? { problems } : {}) } };
}

function cleanName(name: unknown): string | null {
	if (typeof name !== 'string') return null;
	const trimmed = name.trim();
	return trimmed.length >= 1 && trimmed.length <= 200 ? trimmed : null;
}

/**
 * Problems that make a definition unreadable: a step the canvas could not draw or the parser
 * could not place. Everything else (an empty subject, a URL half typed, outputs not connected yet)
 * is work in progress, which the canvas must be able to save and reload without losing it.
 */
const SHAPE_CODES: ReadonlySet<string> = new Set([
	'definition_invalid',
	'version_unsupported',
	'too_many_nodes',
	'settings_invalid',
	'node_invalid',
	'node_type_unknown',
	'node_id_invalid',
	'edge_invalid'
]);

/** Keys that could reach an object's prototype if a later reader merged this JSON carelessly. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A draft may be unfinished, but every step in it must be readable. A clean lint stores the parsed
 * copy; an unfinished one stores the input as sent (so what the marketer typed survives a reload),
 * minus prototype keys. Publishing parses it again and demands a clean lint.
 */
function checkDraft(input: unknown): JourneyResult<unknown> {
	let text: string;
	try {
		text = JSON.stringify(input ?? null);
	} catch {
		return failure('definition_invalid', 'The definition is not JSON.');
	}
	if (text.length > MAX_DRAFT_BYTES)
		return failure(
			'definition_invalid',
			`A journey definition is at most ${MAX_DRAFT_BYTES} bytes.`
		);
	const parsed = parseJourney(input);
	if (parsed.ok) return { ok: true, value: parsed.definition };
	const shape = parsed.problems.filter((p) => SHAPE_CODES.has(p.code));
	if (shape.length) return failure('definition_invalid', 'The definition has problems.', shape);
	return {
		ok: true,
		value: JSON.parse(text, (key, value: unknown) => (UNSAFE_KEYS.has(key) ? undefined : value))
	};
}

export async function createJourney(
	db: Db,
	workspaceId: number,
	input: { name?: unknown; template?: unknown; definition?: unknown },
	userId: number | null,
	now = Date.now()
): Promise<JourneyResult<JourneyRow>> {
	let definition: unknown = input.definition;
	let name = input.name;
	if (input.template !== undefined && input.template !== null) {
		if (!(TEMPLATE_KEYS as readonly unknown[]).includes(input.template))
			return failure('template_unknown', `template must be one of ${TEMPLATE_KEYS.join(', ')}.`);
		const template = journeyTemplate(input.template as TemplateKey);
		definition ??= template.definition;
		name ??= template.name;
	}
	const clean = cleanName(name);
	if (!clean) return failure('name_invalid', 'name must be 1 to 200 characters.');
	if (definition === undefined)
		return failure('definition_invalid', 'Send a definition or a template.');
	const draft = checkDraft(definition);
	if (!draft.ok) return draft;
	const id = await insertJourney(db, {
		workspaceId,
		name: clean,
		draft: draft.value,
		createdBy: userId,
		now
	});
	return { ok: true, value: (await findJourney(db, workspaceId, id))! };
}

export async function saveDraft(
	db: Db,
	workspaceId: number,
	journeyId: number,
	input: { name?: unknown; definition?: unknown },
	now = Date.now()
): Promise<JourneyResult<JourneyRow>> {
	const journey = await findJourney(db, workspaceId, journeyId);
	if (!journey) return failure('not_found', 'No such journey.');
	if (journey.status === 'archived')
		return failure('state_invalid', 'An archived journey cannot change.');
	const name = input.name === undefined ? undefined : cleanName(input.name);
	if (name === null) return failure('name_invalid', 'name must be 1 to 200 characters.');
	let draft: unknown;
	if (input.definition !== undefined) {
		const checked = checkDraft(input.definition);
		if (!checked.ok) return checked;
		draft = checked.value;
	}
	await updateJourney(db, workspaceId, journeyId, {
		...(name !== undefined ? { name } : {}),
		...(draft !== undefined ? { draft } : {}),
		now
	});
	return { ok: true, value: (await findJourney(db, workspaceId, journeyId))! };
}

/** The lint with what only the server knows (which segments have customers without email). */
export async function lintContext(
	db: Db,
	workspaceId: number,
	definition: unknown
): Promise<LintContext> {
	const nodes = (definition as { nodes?: unknown })?.nodes;
	const entry = Array.isArray(nodes)
		? (nodes as { type?: unknown; segmentId?: unknown }[]).find((n) => n?.type === 'entry_segment')
		: undefined;
	const segmentId = Number(entry?.segmentId);
	if (!Number.isInteger(segmentId) || segmentId <= 0) return {};
	return (await segmentHasMembersWithoutEmail(db, workspaceId, segmentId))
		? { segmentsWithoutEmail: new Set([segmentId]) }
		: {};
}

/** Every problem of a definition, as publishing would see them. */
export async function validateDefinition(
	db: Db,
	workspaceId: number,
	definition: unknown
): Promise<JourneyProblem[]> {
	const parsed = parseJourney(definition, await lintContext(db, workspaceId, definition));
	return parsed.ok ? [] : parsed.problems;
}

/**
 * Freezes the draft as the next numbered version and makes it live. Customers already inside
 * keep the version they entered with; new entries take this one.
 */
export async function publishJourney(
	db: Db,
	workspaceId: number,
	journeyId: number,
	userId: number | null,
	now = Date.now()
): Promise<JourneyResult<{ journey: JourneyRow; version: number }>> {
	const journey = await findJourney(db, workspaceId, journeyId);
	if (!journey) return failure('not_found', 'No such journey.');
	if (journey.status === 'archived')
		return failure('state_invalid', 'An archived journey cannot be published.');
	const parsed = parseJourney(journey.draft, await lintContext(db, workspaceId, journey.draft));
	if (!parsed.ok)
		return failure('definition_invalid', 'Fix these problems before publishing.', parsed.problems);
	const definition: JourneyDefinition = parsed.definition;
	const version = await inTransaction(db, async (trx) => {
		const inserted = await insertVersion(trx, {
			workspaceId,
			journeyId,
			definition,
			publishedBy: userId,
			now
		});
		await updateJourney(trx, workspaceId, journeyId, {
			status: 'live',
			liveVersionId: inserted.id,
			now
		});
		await mirrorJourneySplits(trx, {
			workspaceId,
			journeyId,
			journeyName: journey.name,
			definition,
			publishedBy: userId,
			now
		});
		return inserted.number;
	});
	forgetLiveJourneys();
	return {
		ok: true,
		value: { journey: (await findJourney(db, workspaceId, journeyId))!, version }
	};
}

const TRANSITIONS: Record<
	'pause' | 'resume' | 'archive',
	{ from: JourneyStatus[]; to: JourneyStatus }
> = {
	pause: { from: ['live'], to: 'paused' },
	resume: { from: ['paused'], to: 'live' },
	archive: { from: ['draft', 'live', 'paused'], to: 'archived' }
};

/** Pause holds runs where they are; archive ends them (exited) and stops the journey for good. */
export async function changeJourneyStatus(
	db: Db,
	workspaceId: number,
	journeyId: number,
	action: 'pause' | 'resume' | 'archive',
	now = Date.now()
): Promise<JourneyResult<JourneyRow>> {
	const journey = await findJourney(db, workspaceId, journeyId);
	if (!journey) return failure('not_found', 'No such journey.');
	const { from, to } = TRANSITIONS[action];
	if (!from.includes(journey.status))
		return failure('state_invalid', `A ${journey.status} journey cannot ${action}.`);
	await inTransaction(db, async (trx) => {
		await updateJourney(trx, workspaceId, journeyId, { status: to, now });
		if (action === 'archive') {
			await exitActiveRuns(trx, workspaceId, journeyId, now);
			await stopJourneyExperiments(trx, workspaceId, journeyId, now);
		}
	});
	forgetLiveJourneys();
	return { ok: true, value: (await findJourney(db, workspaceId, journeyId))! };
}

export async function journeyWithVersions(
	db: Db,
	workspaceId: number,
	journeyId: number
): Promise<{ journey: JourneyRow; versions: VersionRow[] } | null> {
	const journey = await findJourney(db, workspaceId, journeyId);
	if (!journey) return null;
	return { journey, versions: await listVersions(db, workspaceId, journeyId) };
}

export { listJourneys };
