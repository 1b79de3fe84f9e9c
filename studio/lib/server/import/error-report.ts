import type { Db } from '../db/connect';
import { errorsPage, findJob } from './job-repository';
import { csvCell } from '../../csv';

const PAGE = 1000;

/**
 * A job's per-row errors as CSV (row, message, the row as it was), produced page by page so a
 * report of ten thousand rows never sits in memory. Null when the job is not this workspace's.
 */
export async function errorReport(
	db: Db,
	workspaceId: number,
	jobId: number
): Promise<{ fileName: string; lines: AsyncGenerator<string> } | null> {
	const job = await findJob(db, workspaceId, jobId);
	if (!job) return null;
	const base =
		job.fileName.replace(/\.(csv|txt)(\.gz)?$/i, '').replace(/[^\w.-]+/g, '_') || 'import';
	async function* lines(): AsyncGenerator<string> {
		yield 'row,message,raw\r\n';
		let offset = 0;
		for (;;) {
			const page = await errorsPage(db, workspaceId, jobId, offset, PAGE);
			if (!page.length) return;
			yield page
				.map((e) => `${e.rowNumber},${csvCell(e.message)},${csvCell(e.raw ?? '')}\r\n`)
				.join('');
			offset += page.length;
			if (page.length < PAGE) return;
		}
	}
	return { fileName: `${base}-errors-${jobId}.csv`, lines: lines() };
}
