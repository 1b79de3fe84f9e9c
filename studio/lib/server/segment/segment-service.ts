import { chunks } from '../db/chunks';
import { readJson } from '../db/json';
import { inTransaction } from '../db/transaction';
import { isTimeBased, type SegmentDefinition } from '../../segment/definition';
import { parseSegment, type SegmentProblem } from '../../segment/validate';
import { dialectOf, type Db } from '../db/connect';
import { compileSegment } from './segment-compiler';
import {
	addMembers,
	adjustMemberCount,
	countCustomers,
	deleteSegmentRow,
	findSegmentRow,
	insertSegment,
	listAllSegmentRows,
	listSegmentRows,
	matchingCustomerIds,
	memberIds,
	recentMemberRows,
	removeMembers,
	segmentsOfCustomerRows,
	setEvaluation,
	updateSegmentRow,
	type SegmentRow
} from './segment-repository';

export { segmentBuilderOptions, type SegmentBuilderOptions } from './segment-options';

export const SEGMENT_NAME_MAX = 100;
export const SEGMENT_DESCRIPTION_MAX = 500;
/** Segments whose rules count back from now are re-evaluated this often by the scheduler. */
export const TIME_BASED_REFRESH_MS = 15 * 60 * 1000;
/** Every segment is re-evaluated this often, repairing anything an incremental update missed. */
export const FULL_REFRESH_MS = 24 * 60 * 60 * 1000;

export type SegmentError =
	'name_required' | 'name_too_long' | 'description_too_long' | 'rules_invalid' | 'not_found';

export type SegmentFailure = { ok: false; error: SegmentError; problems?: SegmentProblem[] };

export interface Segment {
	id: number;
	name: string;
	description: string;
	/** null when the stored rules no longer validate (written by another version). */
	definition: SegmentDefinition | null;
	timeBased: boolean;
	memberCount: number;
	evaluatedAt: number | null;
	createdAt: number;
	updatedAt: number;
}

export interface RefreshResult {
	segmentId: number;
	entered: number;
	left: number;
	memberCount: number;
}

interface SegmentInput {
	workspaceId: number;
	name: string;
	description?: string;
	/** Untrusted: parsed and validated here. */
	definition: unknown;
}

function checkInput(
	input: SegmentInput
): { ok: true; name: string; description: string; definition: SegmentDefinition } | SegmentFailure {
	const name = input.name.trim();
	const description = (input.description ?? '').trim();
	const parsed = parseSegment(input.definition);
	// Rule problems ride along with a name problem, so one save shows everything to fix.
	const problems = parsed.ok ? [] : parsed.problems;
	if (!name) return { ok: false, error: 'name_required', problems };
	if ([...name].length > SEGMENT_NAME_MAX) return { ok: false, error: 'name_too_long', problems };
	if ([...description].length > SEGMENT_DESCRIPTION_MAX)
		return { ok: false, error: 'description_too_long', problems };
	if (!parsed.ok) return { ok: false, error: 'rules_invalid', problems };
	return { ok: true, name, description, definition: parsed.definition };
}

/** Creates a segment and evaluates it at once, so its member count is right from the start. */
export async function createSegment(
	db: Db,
	input: SegmentInput & { createdBy: number | null },
	now = Date.now()
): Promise<{ ok: true; id: number; memberCount: number } | SegmentFailure> {
	const checked = checkInput(input);
	if (!checked.ok) return checked;
	return inTransaction(db, async (trx) => {
		const id = await insertSegment(trx, {
			workspaceId: input.workspaceId,
			name: checked.name,
			description: checked.description,
			definition: checked.definition,
			createdBy: input.createdBy,
			now
		});
		const refreshed = await refreshSegment(trx, input.workspaceId, id, now);
		return { ok: true as const, id, memberCount: refreshed?.memberCount ?? 0 };
	});
}

/** Saves new rules and re-evaluates: customers the change lets in or out are recorded as such. */
export async function updateSegment(
	db: Db,
	input: SegmentInput & { segmentId: number },
	now = Date.now()
): Promise<{ ok: true; memberCount: number; entered: number; left: number } | SegmentFailure> {
	const checked = checkInput(input);
	if (!checked.ok) return checked;
	return inTransaction(db, async (trx) => {
		const updated = await updateSegmentRow(trx, input.workspaceId, input.segmentId, {
			name: checked.name,
			description: checked.description,
			definition: checked.definition,
			now
		});
		if (!updated) return { ok: false as const, error: 'not_found' as const };
		const refreshed = await refreshSegment(trx, input.workspaceId, input.segmentId, now);
		return {
			ok: true as const,
			memberCount: refreshed?.memberCount ?? 0,
			entered: refreshed?.entered ?? 0,
			left: refreshed?.left ?? 0
		};
	});
}

/** Deletes a segment with its membership and history (the foreign keys cascade). */
export async function deleteSegment(
	db: Db,
	input: { workspaceId: number; segmentId: number }
): Promise<{ ok: true } | SegmentFailure> {
	const deleted = await deleteSegmentRow(db, input.workspaceId, input.segmentId);
	return deleted ? { ok: true } : { ok: false, error: 'not_found' };
}

function toSegment(row: SegmentRow): Segment {
	const parsed = parseSegment(readJson<unknown>(row.definition, null));
	const definition = parsed.ok ? parsed.definition : null;
	return {
		id: Number(row.id),
		name: row.name,
		description: row.description,
		definition,
		timeBased: definition ? isTimeBased(definition) : false,
		memberCount: Number(row.memberCount),
		evaluatedAt: row.evaluatedAt === null ? null : Number(row.evaluatedAt),
		createdAt: Number(row.createdAt),
		updatedAt: Number(row.updatedAt)
	};
}

export async function listSegments(db: Db, workspaceId: number): Promise<Segment[]> {
	return (await listSegmentRows(db, workspaceId)).map(toSegment);
}

/** One segment of the workspace; another workspace's id is simply not found. */
export async function getSegment(
	db: Db,
	workspaceId: number,
	segmentId: number
): Promise<Segment | null> {
	const row = await findSegmentRow(db, workspaceId, segmentId);
	return row ? toSegment(row) : null;
}

/** How many customers the (unsaved) rules match right now, out of how many in the workspace. */
export async function previewCount(
	db: Db,
	workspaceId: number,
	definition: unknown,
	now = Date.now()
): Promise<{ ok: true; count: number; total: number } | { ok: false; problems: SegmentProblem[] }> {
	const parsed = parseSegment(definition);
	if (!parsed.ok) return { ok: false, problems: parsed.problems };
	const matches = compileSegment(parsed.definition, {
		dialect: dialectOf(db),
		workspaceId,
		now
	});
	const [count, total] = await Promise.all([
		countCustomers(db, workspaceId, matches),
		countCustomers(db, workspaceId)
	]);
	return { ok: true, count, total };
}

/**
 * Full re-evaluation: the members now matching are compared with the stored membership; the
 * difference is written as memberships and as one "entered" or "left" change per customer.
 * `onlyIfEvaluatedBefore` lets concurrent schedulers skip a segment another one just refreshed.
 * Returns null when the segment does not exist or its stored rules no longer validate.
 */
export async function refreshSegment(
	db: Db,
	workspaceId: number,
	segmentId: number,
	now = Date.now(),
	options: { onlyIfEvaluatedBefore?: number } = {}
): Promise<RefreshResult | null> {
	return inTransaction(db, async (trx) => {
		const row = await findSegmentRow(trx, workspaceId, segmentId, { lock: true });
		if (!row) return null;
		if (
			options.onlyIfEvaluatedBefore !== undefined &&
			row.evaluatedAt !== null &&
			Number(row.evaluatedAt) >= options.onlyIfEvaluatedBefore
		)
			return null;
		const parsed = parseSegment(readJson<unknown>(row.definition, null));
		if (!parsed.ok) return null;
		const matches = compileSegment(parsed.definition, {
			dialect: dialectOf(trx),
			workspaceId,
			now
		});
		const matching = await matchingCustomerIds(trx, matches);
		const current = await memberIds(trx, segmentId);
		const { entered, left } = diff(current, matching);
		await removeMembers(trx, workspaceId, segmentId, left, now);
		await addMembers(trx, workspaceId, segmentId, entered, now);
		await setEvaluation(trx, segmentId, matching.length, now);
		return { segmentId, entered: entered.length, left: left.length, memberCount: matching.length };
	});
}

/**
 * Incremental re-evaluation of a few customers against every segment of the workspace: call it
 * after their events, traits, consent or computed facts changed. Costs one indexed query per
 * segment per 500 customers.
 */
export async function refreshSegmentsForCustomers(
	db: Db,
	workspaceId: number,
	customerIds: readonly number[],
	now = Date.now()
): Promise<{ entered: number; left: number }> {
	const ids = [...new Set(customerIds)].filter((id) => Number.isSafeInteger(id) && id > 0);
	const totals = { entered: 0, left: 0 };
	if (!ids.length) return totals;
	const segments = await listSegmentRows(db, workspaceId);
	for (const segment of segments) {
		const parsed = parseSegment(readJson<unknown>(segment.definition, null));
		if (!parsed.ok) continue;
		for (const part of chunks(ids)) {
			await inTransaction(db, async (trx) => {
				// The lock orders this against a full refresh of the same segment on PostgreSQL.
				const row = await findSegmentRow(trx, workspaceId, segment.id, { lock: true });
				if (!row) return;
				const matches = compileSegment(parsed.definition, {
					dialect: dialectOf(trx),
					workspaceId,
					now
				});
				const matching = await matchingCustomerIds(trx, matches, part);
				const current = await memberIds(trx, segment.id, part);
				const { entered, left } = diff(current, matching);
				await removeMembers(trx, workspaceId, segment.id, left, now);
				await addMembers(trx, workspaceId, segment.id, entered, now);
				await adjustMemberCount(trx, segment.id, entered.length - left.length);
				totals.entered += entered.length;
				totals.left += left.length;
			});
		}
	}
	return totals;
}

/**
 * For the scheduler: re-evaluates, across all workspaces, the segments never evaluated, the
 * time-based ones (event windows, "days ago") older than `timeBasedEveryMs`, and any older than
 * `everyMs`. Safe to run on several instances at once.
 */
export async function refreshDueSegments(
	db: Db,
	now = Date.now(),
	options: { timeBasedEveryMs?: number; everyMs?: number } = {}
): Promise<RefreshResult[]> {
	const timeBasedEvery = options.timeBasedEveryMs ?? TIME_BASED_REFRESH_MS;
	const every = options.everyMs ?? FULL_REFRESH_MS;
	const results: RefreshResult[] = [];
	for (const row of await listAllSegmentRows(db)) {
		const segment = toSegment(row);
		if (!segment.definition) continue;
		const interval = segment.timeBased ? Math.min(timeBasedEvery, every) : every;
		if (segment.evaluatedAt !== null && now - segment.evaluatedAt < interval) continue;
		const result = await refreshSegment(db, Number(row.workspaceId), segment.id, now, {
			onlyIfEvaluatedBefore: now - interval + 1
		});
		if (result) results.push(result);
	}
	return results;
}

/** The segments a customer is in, for the profile page. */
export async function segmentsOfCustomer(db: Db, workspaceId: number, customerId: number) {
	const rows = await segmentsOfCustomerRows(db, workspaceId, customerId);
	return rows.map((r) => ({
		id: Number(r.id),
		name: r.name,
		memberCount: Number(r.memberCount),
		enteredAt: Number(r.enteredAt)
	}));
}

export async function recentMembers(db: Db, workspaceId: number, segmentId: number, limit = 20) {
	const rows = await recentMemberRows(db, workspaceId, segmentId, limit);
	return rows.map((r) => ({ ...r, id: Number(r.id), enteredAt: Number(r.enteredAt) }));
}

function diff(current: readonly number[], matching: readonly number[]) {
	const now = new Set(matching);
	const before = new Set(current);
	return {
		entered: matching.filter((id) => !before.has(id)),
		left: current.filter((id) => !now.has(id))
	};
}
