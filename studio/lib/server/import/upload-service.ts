// Studio uploads: the request body streams to a temporary file (never held in memory), then the
// import runs from that file in the background while the page polls the job.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../db/connect';
import { startImport, type ImportRequest } from './import-service';

/** Larger files go through `npm run import`, which has no limit. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export type UploadError = 'too_large' | 'body_limit' | 'empty' | 'interrupted';

export async function importUpload(
	db: Db,
	request: Omit<ImportRequest, 'bytesTotal'>,
	body: ReadableStream<Uint8Array> | null,
	declaredBytes: number
): Promise<{ ok: true; jobId: number } | { ok: false; error: UploadError }> {
	if (declaredBytes > MAX_UPLOAD_BYTES) return { ok: false, error: 'too_large' };
	if (!body) return { ok: false, error: 'empty' };
	const dir = await mkdtemp(join(tmpdir(), 'regulars-import-'));
	const path = join(dir, 'upload');
	let bytes = 0;
	const limit = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			bytes += chunk.length;
			if (bytes > MAX_UPLOAD_BYTES) done(new Error('too_large'));
			else done(null, chunk);
		}
	});
	try {
		await pipeline(
			Readable.fromWeb(body as import('node:stream/web').ReadableStream),
			limit,
			createWriteStream(path)
		);
	} catch (error) {
		await rm(dir, { recursive: true, force: true });
		const message = error instanceof Error ? error.message : '';
		if (message === 'too_large') return { ok: false, error: 'too_large' };
		// adapter-node cuts request bodies at BODY_SIZE_LIMIT (512 KB unless set) before we see them.
		if (/exceeds limit/i.test(message)) return { ok: false, error: 'body_limit' };
		return { ok: false, error: 'interrupted' };
	}
	if (bytes === 0) {
		await rm(dir, { recursive: true, force: true });
		return { ok: false, error: 'empty' };
	}
	const { jobId, done } = await startImport(
		db,
		{ ...request, bytesTotal: bytes },
		createReadStream(path)
	);
	void done.finally(() => rm(dir, { recursive: true, force: true }));
	return { ok: true, jobId };
}
