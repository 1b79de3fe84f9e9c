import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { findJob } from './job-repository';
import { ONLINE_RETAIL } from './presets';
import { importUpload, MAX_UPLOAD_BYTES } from './upload-service';

const SAMPLE = readFileSync(new URL('./fixtures/online-retail-sample.csv', import.meta.url));

function body(data: Buffer, pieces = 5): ReadableStream<Uint8Array> {
	let i = 0;
	const size = Math.ceil(data.length / pieces);
	return new ReadableStream({
		pull(controller) {
			if (i >= data.length) return controller.close();
			controller.enqueue(new Uint8Array(data.subarray(i, i + size)));
			i += size;
		}
	});
}

describe.each(testDatabases())('studio uploads on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws: number;
	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		const row = await db
			.insertInto('workspace')
			.values({
				slug: 'up',
				name: 'up',
				currency: 'GBP',
				time_zone: 'UTC',
				created_at: 1,
				lifecycle_rules: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		ws = Number(row.id);
	});
	afterAll(async () => close?.());

	const request = () => ({
		workspaceId: ws,
		kind: 'orders' as const,
		fileName: 'sample.csv',
		preset: 'online-retail',
		mapping: ONLINE_RETAIL.mapping,
		workspaceCurrency: 'GBP',
		createdBy: null
	});

	it.skipIf(skip)('answers a job id and finishes the import in the background', async () => {
		const result = await importUpload(db, request(), body(SAMPLE), SAMPLE.length);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		let job = await findJob(db, ws, result.jobId);
		for (let i = 0; i < 100 && job?.status === 'running'; i++) {
			await new Promise((r) => setTimeout(r, 50));
			job = await findJob(db, ws, result.jobId);
		}
		expect(job).toMatchObject({
			status: 'done',
			rowsOk: 8,
			rowsFailed: 5,
			bytesTotal: SAMPLE.length,
			bytesDone: SAMPLE.length
		});
	});

	it.skipIf(skip)('refuses empty and oversized uploads without starting a job', async () => {
		expect(await importUpload(db, request(), body(Buffer.alloc(0)), 0)).toEqual({
			ok: false,
			error: 'empty'
		});
		expect(await importUpload(db, request(), null, 0)).toEqual({ ok: false, error: 'empty' });
		expect(await importUpload(db, request(), body(SAMPLE), MAX_UPLOAD_BYTES + 1)).toEqual({
			ok: false,
			error: 'too_large'
		});
	});
});
