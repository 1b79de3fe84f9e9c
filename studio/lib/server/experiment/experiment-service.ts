import type { ExperimentConfig } from '@regulars/sdk/core';
import {
	validateExperimentDraft,
	validateExperimentText,
	type ExperimentDetail,
	type ExperimentDraftInput,
	type ExperimentError,
	type ExperimentOutcome,
	type ExperimentPatch,
	type ExperimentSummary
} from '../../experiment/model';
import type { Db } from '../db/connect';
import {
	deleteExperimentRow,
	findExperiment,
	findExperimentByKey,
	insertExperiment,
	listExperimentRows,
	segmentExists,
	updateExperimentRow,
	type ExperimentListRow
} from './experiment-repository';
import {
	cleanMetric,
	cleanVariants,
	readMetric,
	readVariants,
	toDetail,
	toSummary
} from './experiment-parse';
import { sdkExperimentConfigs } from './experiment-sdk';
import { exposureCounts } from './exposure-repository';

/**
 * Site experiments' lifecycle (draft → running → stopped, optionally with a rolled-out winner)
 * and the list the experiments screen shows, journey A/B splits included. Variants, weights,
 * coverage and targeting change only in a draft: changing who is in a test while it runs would
 * spoil the comparison. Name, description and metric (how it is judged) change at any time.
 * Journey splits follow their journey's publishing; here only their name, description and
 * metric can change. Errors are values.
 */

export type CreateExperimentResult =
	{ ok: true; id: number } | { ok: false; error: ExperimentError };

export interface CreateExperimentInput extends ExperimentDraftInput {
	workspaceId: number;
	/** Defaults to 'draft'; the demo seeds a running one. */
	status?: 'draft' | 'running';
	createdBy: number | null;
}

const fail = <T>(error: ExperimentError): ExperimentOutcome<T> => ({ ok: false, error });

export async function createExperiment(
	db: Db,
	input: CreateExperimentInput,
	now = Date.now()
): Promise<CreateExperimentResult> {
	const problems = validateExperimentDraft(input);
	if (problems.length) return { ok: false, error: { code: 'invalid', problems } };
	const segmentId = input.segmentId ?? null;
	if (segmentId !== null && !(await segmentExists(db, input.workspaceId, segmentId)))
		return { ok: false, error: { code: 'segment_not_found' } };
	if (await findExperimentByKey(db, input.workspaceId, input.key))
		return { ok: false, error: { code: 'key_taken' } };
	const id = await insertExperiment(db, {
		workspaceId: input.workspaceId,
		key: input.key,
		name: input.name.trim(),
		description: (input.description ?? '').trim(),
		status: input.status ?? 'draft',
		variants: cleanVariants(input.variants),
		coverage: input.coverage,
		segmentId,
		metric: cleanMetric(input.metric),
		createdBy: input.createdBy,
		now
	});
	return { ok: true, id };
}

async function countsFor(db: Db, workspaceId: number, ids?: number[]) {
	const counts = await exposureCounts(db, workspaceId, ids);
	return (id: number) => ({
		units: counts.total.get(id) ?? 0,
		byVariant: counts.byVariant.get(id) ?? {}
	});
}

/** Site experiments and journey splits, newest first, with units exposed so far. */
export async function listExperiments(db: Db, workspaceId: number): Promise<ExperimentSummary[]> {
	const rows = await listExperimentRows(db, workspaceId);
	const counts = await countsFor(db, workspaceId);
	return rows.map((row) => toSummary(row, counts(row.id)));
}

async function detailOf(
	db: Db,
	workspaceId: number,
	row: ExperimentListRow
): Promise<ExperimentDetail> {
	const counts = await countsFor(db, workspaceId, [row.id]);
	return toDetail(row, counts(row.id));
}

export async function getExperiment(
	db: Db,
	workspaceId: number,
	id: number
): Promise<ExperimentDetail | null> {
	if (!Number.isSafeInteger(id)) return null;
	const row = await findExperiment(db, workspaceId, id);
	return row ? detailOf(db, workspaceId, row) : null;
}

async function reread(
	db: Db,
	workspaceId: number,
	id: number
): Promise<ExperimentOutcome<ExperimentDetail>> {
	const detail = await getExperiment(db, workspaceId, id);
	return detail ? { ok: true, value: detail } : fail({ code: 'not_found' });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function updateExperiment(
	db: Db,
	workspaceId: number,
	id: number,
	patch: ExperimentPatch,
	now = Date.now()
): Promise<ExperimentOutcome<ExperimentDetail>> {
	const row = Number.isSafeInteger(id) ? await findExperiment(db, workspaceId, id) : undefined;
	if (!row) return fail({ code: 'not_found' });
	const current = {
		variants: readVariants(row.variants),
		coverage: row.coverage,
		segmentId: row.segmentId === null ? null : Number(row.segmentId)
	};
	// A form may send every field back unchanged; only real changes to these need a draft.
	const structural =
		(patch.variants !== undefined && !same(cleanVariants(patch.variants), current.variants)) ||
		(patch.coverage !== undefined && patch.coverage !== current.coverage) ||
		(patch.segmentId !== undefined && patch.segmentId !== current.segmentId);
	if (structural && row.journeyId !== null) return fail({ code: 'journey_managed' });
	if (structural && row.status !== 'draft') return fail({ code: 'not_draft' });
	const merged = {
		key: row.key,
		name: patch.name ?? row.name,
		description: patch.description ?? row.description,
		variants: structural ? (patch.variants ?? current.variants) : current.variants,
		coverage: structural ? (patch.coverage ?? current.coverage) : current.coverage,
		metric: patch.metric === undefined ? readMetric(row.metric) : patch.metric
	};
	// Journey splits carry the journey's own keys and weights; only the editable text is checked.
	const problems =
		row.journeyId === null ? validateExperimentDraft(merged) : validateExperimentText(merged);
	if (problems.length) return fail({ code: 'invalid', problems });
	const segmentId = patch.segmentId === undefined ? current.segmentId : patch.segmentId;
	if (structural && segmentId !== null && !(await segmentExists(db, workspaceId, segmentId)))
		return fail({ code: 'segment_not_found' });
	const changed = await updateExperimentRow(
		db,
		workspaceId,
		id,
		{
			...(patch.name !== undefined && { name: merged.name.trim() }),
			...(patch.description !== undefined && { description: merged.description.trim() }),
			...(patch.metric !== undefined && { metric: cleanMetric(patch.metric) }),
			...(structural && {
				variants: cleanVariants(merged.variants),
				coverage: merged.coverage,
				segmentId
			})
		},
		now,
		// Someone may have started it meanwhile: structural changes land only on a draft.
		structural ? ['draft'] : undefined
	);
	if (!changed) return fail({ code: structural ? 'not_draft' : 'not_found' });
	return reread(db, workspaceId, id);
}

/** Drafts only: a started experiment keeps its exposures. */
export async function deleteExperiment(
	db: Db,
	workspaceId: number,
	id: number
): Promise<ExperimentOutcome<null>> {
	const row = Number.isSafeInteger(id) ? await findExperiment(db, workspaceId, id) : undefined;
	if (!row) return fail({ code: 'not_found' });
	if (row.journeyId !== null) return fail({ code: 'journey_managed' });
	if (!(await deleteExperimentRow(db, workspaceId, id, 'draft')))
		return fail({ code: 'not_draft' });
	return { ok: true, value: null };
}

async function siteRow(
	db: Db,
	workspaceId: number,
	id: number
): Promise<ExperimentListRow | ExperimentError> {
	const row = Number.isSafeInteger(id) ? await findExperiment(db, workspaceId, id) : undefined;
	if (!row) return { code: 'not_found' };
	if (row.journeyId !== null) return { code: 'journey_managed' };
	return row;
}

export async function startExperiment(
	db: Db,
	workspaceId: number,
	id: number,
	now = Date.now()
): Promise<ExperimentOutcome<ExperimentDetail>> {
	const row = await siteRow(db, workspaceId, id);
	if ('code' in row) return fail(row);
	if (row.status !== 'draft') return fail({ code: 'not_draft' });
	const started = await updateExperimentRow(
		db,
		workspaceId,
		id,
		{ status: 'running', startedAt: now, stoppedAt: null },
		now,
		['draft']
	);
	if (!started) return fail({ code: 'not_draft' });
	return reread(db, workspaceId, id);
}

export async function stopExperiment(
	db: Db,
	workspaceId: number,
	id: number,
	now = Date.now()
): Promise<ExperimentOutcome<ExperimentDetail>> {
	const row = await siteRow(db, workspaceId, id);
	if ('code' in row) return fail(row);
	if (row.status !== 'running') return fail({ code: 'not_running' });
	const stopped = await updateExperimentRow(
		db,
		workspaceId,
		id,
		{ status: 'stopped', stoppedAt: now },
		now,
		['running']
	);
	if (!stopped) return fail({ code: 'not_running' });
	return reread(db, workspaceId, id);
}

/**
 * Ends the test (if still running) and serves `variant` to every visitor from then on: the SDK
 * config carries the experiment with that one variant, so `variant()` returns its key. A stopped
 * test may have its winner rolled out (or changed) later; a draft never ran, so it has none.
 */
export async function rollOutWinner(
	db: Db,
	workspaceId: number,
	id: number,
	variant: string,
	now = Date.now()
): Promise<ExperimentOutcome<ExperimentDetail>> {
	const row = await siteRow(db, workspaceId, id);
	if ('code' in row) return fail(row);
	if (row.status === 'draft') return fail({ code: 'not_running' });
	if (!readVariants(row.variants).some((v) => v.key === variant))
		return fail({ code: 'unknown_variant' });
	const done = await updateExperimentRow(
		db,
		workspaceId,
		id,
		{ status: 'stopped', stoppedAt: row.stoppedAt ?? now, winner: variant },
		now,
		['running', 'stopped']
	);
	if (!done) return fail({ code: 'not_found' });
	return reread(db, workspaceId, id);
}

/**
 * The experiments as the storefront SDK reads them: running ones (minus those whose segment the
 * visitor is not in) and rolled-out winners.
 */
export async function sdkExperiments(
	db: Db,
	workspaceId: number,
	visitor: { customerId: number | null } = { customerId: null }
): Promise<ExperimentConfig[]> {
	return sdkExperimentConfigs(db, workspaceId, visitor);
}
