import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import type { ImportKind } from '../db/schema';
import type { ImportMapping } from './mapping';

export interface ImportJob {
	id: number;
	kind: ImportKind;
	fileName: string;
	preset: string | null;
	mapping: ImportMapping;
	status: 'running' | 'done' | 'failed';
	bytesTotal: number;
	bytesDone: number;
	rowsOk: number;
	rowsSkipped: number;
	rowsFailed: number;
	summary: Record<string, unknown> | null;
	createdBy: number | null;
	createdAt: number;
	finishedAt: number | null;
}

export interface NewJob {
	workspaceId: number;
	kind: ImportKind;
	fileName: string;
	preset: string | null;
	mapping: ImportMapping;
	bytesTotal: number;
	createdBy: number | null;
	now: number;
}

export async function insertJob(db: Db, job: NewJob): Promise<number> {
	const row = await db
		.insertInto('import_job')
		.values({
			workspace_id: job.workspaceId,
			kind: job.kind,
			file_name: job.fileName,
			preset: job.preset,
			mapping: JSON.stringify(job.mapping),
			status: 'running',
			bytes_total: job.bytesTotal,
			created_by: job.createdBy,
			created_at: job.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return Number(row.id);
}

export interface JobProgress {
	bytesDone: number;
	bytesTotal: number;
	rowsOk: number;
	rowsSkipped: number;
	rowsFailed: number;
}

export async function updateJobProgress(
	db: Db,
	workspaceId: number,
	jobId: number,
	p: JobProgress
): Promise<void> {
	await db
		.updateTable('import_job')
		.set({
			bytes_done: p.bytesDone,
			bytes_total: p.bytesTotal,
			rows_ok: p.rowsOk,
			rows_skipped: p.rowsSkipped,
			rows_failed: p.rowsFailed
		})
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', jobId)
		.execute();
}

export async function finishJob(
	db: Db,
	workspaceId: number,
	jobId: number,
	status: 'done' | 'failed',
	progress: JobProgress,
	summary: Record<string, unknown>,
	now: number
): Promise<void> {
	await db
		.updateTable('import_job')
		.set({
			status,
			bytes_done: progress.bytesDone,
			bytes_total: progress.bytesTotal,
			rows_ok: progress.rowsOk,
			rows_skipped: progress.rowsSkipped,
			rows_failed: progress.rowsFailed,
			summary: JSON.stringify(summary),
			finished_at: now
		})
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', jobId)
		.execute();
}

type JobRow = {
	id: number;
	kind: ImportKind;
	file_name: string;
	preset: string | null;
	mapping: unknown;
	status: 'running' | 'done' | 'failed';
	bytes_total: number;
	bytes_done: number;
	rows_ok: number;
	rows_skipped: number;
	rows_failed: number;
	summary: unknown;
	created_by: number | null;
	created_at: number;
	finished_at: number | null;
};

function toJob(row: JobRow): ImportJob {
	return {
		id: Number(row.id),
		kind: row.kind,
		fileName: row.file_name,
		preset: row.preset,
		mapping: readJson<ImportMapping>(row.mapping, { columns: {}, options: {} }),
		status: row.status,
		bytesTotal: Number(row.bytes_total),
		bytesDone: Number(row.bytes_done),
		rowsOk: Number(row.rows_ok),
		rowsSkipped: Number(row.rows_skipped),
		rowsFailed: Number(row.rows_failed),
		summary: readJson<Record<string, unknown> | null>(row.summary, null),
		createdBy: row.created_by === null ? null : Number(row.created_by),
		createdAt: Number(row.created_at),
		finishedAt: row.finished_at === null ? null : Number(row.finished_at)
	};
}

const JOB_COLUMNS = [
	'id',
	'kind',
	'file_name',
	'preset',
	'mapping',
	'status',
	'bytes_total',
	'bytes_done',
	'rows_ok',
	'rows_skipped',
	'rows_failed',
	'summary',
	'created_by',
	'created_at',
	'finished_at'
] as const;

export async function findJob(
	db: Db,
	workspaceId: number,
	jobId: number
): Promise<ImportJob | null> {
	const row = await db
		.selectFrom('import_job')
		.select(JOB_COLUMNS)
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', jobId)
		.executeTakeFirst();
	return row ? toJob(row) : null;
}

export async function listJobs(db: Db, workspaceId: number, limit = 50): Promise<ImportJob[]> {
	const rows = await db
		.selectFrom('import_job')
		.select(JOB_COLUMNS)
		.where('workspace_id', '=', workspaceId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => toJob(r as JobRow));
}

export interface ImportErrorRow {
	rowNumber: number;
	message: string;
	raw: string | null;
}

export async function insertErrors(
	db: Db,
	workspaceId: number,
	jobId: number,
	errors: readonly ImportErrorRow[]
): Promise<void> {
	for (let i = 0; i < errors.length; i += 500) {
		await db
			.insertInto('import_error')
			.values(
				errors.slice(i, i + 500).map((e) => ({
					job_id: jobId,
					workspace_id: workspaceId,
					row_number: e.rowNumber,
					message: e.message,
					raw: e.raw
				}))
			)
			.execute();
	}
}

/** One page of a job's errors in row order: the report streams page by page. */
export async function errorsPage(
	db: Db,
	workspaceId: number,
	jobId: number,
	offset: number,
	limit: number
): Promise<ImportErrorRow[]> {
	const rows = await db
		.selectFrom('import_error')
		.select(['row_number', 'message', 'raw'])
		.where('workspace_id', '=', workspaceId)
		.where('job_id', '=', jobId)
		.orderBy('row_number')
		.orderBy('message')
		.limit(limit)
		.offset(offset)
		.execute();
	return rows.map((r) => ({ rowNumber: Number(r.row_number), message: r.message, raw: r.raw }));
}

export interface SavedPreset {
	id: number;
	kind: ImportKind;
	name: string;
	mapping: ImportMapping;
	createdAt: number;
}

export async function listPresets(db: Db, workspaceId: number): Promise<SavedPreset[]> {
	const rows = await db
		.selectFrom('import_preset')
		.select(['id', 'kind', 'name', 'mapping', 'created_at'])
		.where('workspace_id', '=', workspaceId)
		.orderBy('kind')
		.orderBy('name')
		.execute();
	return rows.map((r) => ({
		id: Number(r.id),
		kind: r.kind,
		name: r.name,
		mapping: readJson<ImportMapping>(r.mapping, { columns: {}, options: {} }),
		createdAt: Number(r.created_at)
	}));
}

export async function findPreset(
	db: Db,
	workspaceId: number,
	id: number
): Promise<SavedPreset | null> {
	return (await listPresets(db, workspaceId)).find((p) => p.id === id) ?? null;
}

/** Saving under an existing name of the same kind replaces that preset's mapping. */
export async function upsertPreset(
	db: Db,
	workspaceId: number,
	kind: ImportKind,
	name: string,
	mapping: ImportMapping,
	now: number
): Promise<number> {
	const row = await db
		.insertInto('import_preset')
		.values({
			workspace_id: workspaceId,
			kind,
			name,
			mapping: JSON.stringify(mapping),
			created_at: now
		})
		.onConflict((oc) =>
			oc
				.columns(['workspace_id', 'kind', 'name'])
				.doUpdateSet((eb) => ({ mapping: eb.ref('excluded.mapping') }))
		)
		.returning('id')
		.executeTakeFirstOrThrow();
	return Number(row.id);
}

export async function deletePreset(db: Db, workspaceId: number, id: number): Promise<boolean> {
	const result = await db
		.deleteFrom('import_preset')
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}
