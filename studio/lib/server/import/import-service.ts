// CSV imports of customers, products and orders: the one path the studio upload, the command
// line and the benchmark all use. Rows stream from the file into chunked transactions; per-row
// problems go to the job's error report and never stop the import.
import type { Db } from '../db/connect';
import type { ImportKind } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { writeCustomers, writeProducts, type CatalogueTally } from './catalogue-writer';
import { csvRecords, type ByteCounter } from './csv-source';
import {
	finishJob,
	findPreset,
	insertErrors,
	insertJob,
	updateJobProgress,
	type ImportErrorRow,
	type JobProgress
} from './job-repository';
import {
	describeMappingError,
	normaliseMapping,
	validateMapping,
	type ImportMapping,
	type MappingError
} from './mapping';
import { emptyOrdersTally, writeOrderGroups, type OrdersTally } from './orders-writer';
import { builtInPreset } from './presets';
import {
	readerFor,
	recordToCsv,
	type CustomerRow,
	type OrderLineRow,
	type ProductRow
} from './rows';

/** Rows per transaction: big enough for multi-row statements, small enough to keep writers moving. */
export const CHUNK_ROWS = 2000;
/** Error rows kept per job; beyond it failures are still counted. */
export const MAX_STORED_ERRORS = 10_000;

export type ResolveError = 'preset_not_found' | 'preset_wrong_kind' | 'mapping_invalid';

/**
 * The mapping a job will use: a built-in preset by name, a saved one as `saved:<id>`, or a mapping
 * given as JSON. Checked against the kind here and against the file's header when it is read.
 */
export async function resolveMapping(
	db: Db,
	workspaceId: number,
	kind: ImportKind,
	choice: { preset?: string | null; mapping?: unknown }
): Promise<
	| { ok: true; mapping: ImportMapping; preset: string | null }
	| { ok: false; error: ResolveError; details?: MappingError[] }
> {
	let mapping: ImportMapping;
	let preset: string | null = null;
	if (choice.preset) {
		const saved = /^saved:(\d{1,12})$/.exec(choice.preset);
		const found = saved
			? await findPreset(db, workspaceId, Number(saved[1]))
			: (builtInPreset(choice.preset) ?? null);
		if (!found) return { ok: false, error: 'preset_not_found' };
		if (found.kind !== kind) return { ok: false, error: 'preset_wrong_kind' };
		mapping = normaliseMapping(kind, found.mapping);
		preset = choice.preset;
	} else {
		mapping = normaliseMapping(kind, choice.mapping);
	}
	const details = validateMapping(kind, mapping);
	if (details.length) return { ok: false, error: 'mapping_invalid', details };
	return { ok: true, mapping, preset };
}

export interface ImportRequest {
	workspaceId: number;
	kind: ImportKind;
	fileName: string;
	preset: string | null;
	mapping: ImportMapping;
	/** For amounts when neither the mapping nor the file name a currency. */
	workspaceCurrency: string;
	/** Size of the byte stream (compressed size for .gz), or 0 when unknown. */
	bytesTotal: number;
	createdBy: number | null;
}

export interface ImportResult {
	jobId: number;
	status: 'done' | 'failed';
	progress: JobProgress;
	summary: Record<string, unknown>;
}

export interface ImportHooks {
	onProgress?: (progress: JobProgress) => void;
	now?: () => number;
	chunkRows?: number;
}

type Source = AsyncIterable<Buffer | Uint8Array | string>;

/**
 * Creates the job and returns its id at once; `done` settles when the whole file is in (it never
 * rejects: failures end the job as "failed" with the reason in its summary).
 */
export async function startImport(
	db: Db,
	request: ImportRequest,
	source: Source,
	hooks: ImportHooks = {}
): Promise<{ jobId: number; done: Promise<ImportResult> }> {
	const now = hooks.now ?? Date.now;
	const jobId = await insertJob(db, {
		workspaceId: request.workspaceId,
		kind: request.kind,
		fileName: request.fileName.slice(0, 300),
		preset: request.preset,
		mapping: request.mapping,
		bytesTotal: request.bytesTotal,
		createdBy: request.createdBy,
		now: now()
	});
	return { jobId, done: runJob(db, jobId, request, source, hooks) };
}

/** Runs a whole import and waits for it: the command line and the benchmark use this. */
export async function importFile(
	db: Db,
	request: ImportRequest,
	source: Source,
	hooks: ImportHooks = {}
): Promise<ImportResult> {
	return (await startImport(db, request, source, hooks)).done;
}

async function runJob(
	db: Db,
	jobId: number,
	request: ImportRequest,
	source: Source,
	hooks: ImportHooks
): Promise<ImportResult> {
	const now = hooks.now ?? Date.now;
	const chunkRows = hooks.chunkRows ?? CHUNK_ROWS;
	const { workspaceId, kind } = request;
	const counter: ByteCounter = { bytes: 0 };
	const progress: JobProgress = {
		bytesDone: 0,
		bytesTotal: request.bytesTotal,
		rowsOk: 0,
		rowsSkipped: 0,
		rowsFailed: 0
	};
	const skipped: Record<string, number> = {};
	let errors: ImportErrorRow[] = [];
	let storedErrors = 0;
	const fail = (rowNumber: number, message: string, raw: string | null) => {
		progress.rowsFailed++;
		if (storedErrors >= MAX_STORED_ERRORS) return;
		storedErrors++;
		errors.push({ rowNumber, message, raw: raw && raw.length > 2000 ? raw.slice(0, 2000) : raw });
	};
	const catalogue: CatalogueTally = { created: 0, seen: 0 };
	const orders: OrdersTally = emptyOrdersTally();
	const written = new Set<string>();

	let pending: (CustomerRow | ProductRow)[] = [];
	let groups = new Map<string, OrderLineRow[]>();
	let pendingRows = 0;

	const flush = async () => {
		const rows = pending;
		const orderGroups = groups;
		const errorRows = errors;
		pending = [];
		groups = new Map();
		errors = [];
		const okRows = pendingRows;
		pendingRows = 0;
		const stamp = now();
		await inTransaction(db, async (trx) => {
			if (kind === 'orders' && orderGroups.size)
				await writeOrderGroups(
					trx,
					{ workspaceId, now: stamp, written, tally: orders },
					orderGroups
				);
			if (kind === 'customers' && rows.length)
				await writeCustomers(trx, workspaceId, rows as CustomerRow[], stamp, catalogue);
			if (kind === 'products' && rows.length)
				await writeProducts(trx, workspaceId, rows as ProductRow[], stamp, catalogue);
			if (errorRows.length) await insertErrors(trx, workspaceId, jobId, errorRows);
		});
		progress.rowsOk += okRows;
		progress.bytesDone = Math.max(progress.bytesDone, counter.bytes);
		if (progress.bytesTotal && progress.bytesDone > progress.bytesTotal)
			progress.bytesTotal = progress.bytesDone;
		await updateJobProgress(db, workspaceId, jobId, progress);
		hooks.onProgress?.({ ...progress });
		// Let requests waiting on the database (and the event loop) in between chunks.
		await new Promise((resolve) => setImmediate(resolve));
	};

	const summaryOf = (): Record<string, unknown> => {
		const base: Record<string, unknown> = { skipped };
		if (kind === 'orders') return { ...base, ...orders };
		return { ...base, created: catalogue.created, records: catalogue.seen };
	};

	try {
		let rowNumber = 0;
		let read: ((record: readonly string[]) => ReturnType<ReturnType<typeof readerFor>>) | null =
			null;
		let lastOrderKey: string | null = null;
		const records = csvRecords(source, counter, (bad) => fail(bad.line, bad.message, bad.raw));
		for await (const record of records) {
			rowNumber++;
			if (!read) {
				const problems = validateMapping(kind, request.mapping, record);
				if (problems.length) {
					const message = `The file does not fit the mapping: ${problems.map(describeMappingError).join('; ')}`;
					return await end('failed', {
						error: 'mapping_mismatch',
						message,
						headers: record.slice(0, 100)
					});
				}
				read = readerFor(kind, request.mapping, record, request.workspaceCurrency);
				continue;
			}
			const result = read(record);
			if (result.kind === 'skip') {
				progress.rowsSkipped++;
				skipped[result.reason] = (skipped[result.reason] ?? 0) + 1;
			} else if (result.kind === 'error') {
				fail(rowNumber, result.message, recordToCsv(record));
			} else if (kind === 'orders') {
				const row = result.row as OrderLineRow;
				// Flush between orders, so an order's lines normally land in one transaction.
				const boundary = row.orderKey !== lastOrderKey;
				if ((pendingRows >= chunkRows && boundary) || pendingRows >= chunkRows * 5) await flush();
				lastOrderKey = row.orderKey;
				const group = groups.get(row.orderKey);
				if (group) group.push(row);
				else groups.set(row.orderKey, [row]);
				pendingRows++;
			} else {
				pending.push(result.row as CustomerRow | ProductRow);
				pendingRows++;
				if (pendingRows >= chunkRows) await flush();
			}
			if (errors.length >= chunkRows) await flush();
		}
		if (!read)
			return await end('failed', { error: 'empty_file', message: 'The file has no header row.' });
		await flush();
		return await end('done', summaryOf());
	} catch (error) {
		console.error(`Import job ${jobId} failed`, error);
		return await end('failed', {
			...summaryOf(),
			error: 'internal',
			message: error instanceof Error ? error.message.slice(0, 500) : 'unknown error'
		});
	}

	async function end(
		status: 'done' | 'failed',
		summary: Record<string, unknown>
	): Promise<ImportResult> {
		progress.bytesDone = Math.max(progress.bytesDone, counter.bytes);
		if (status === 'done') progress.bytesTotal = progress.bytesDone;
		try {
			if (errors.length) await insertErrors(db, workspaceId, jobId, errors);
			await finishJob(db, workspaceId, jobId, status, progress, summary, now());
		} catch (error) {
			console.error(`Import job ${jobId} could not be closed`, error);
		}
		hooks.onProgress?.({ ...progress });
		return { jobId, status, progress: { ...progress }, summary };
	}
}
