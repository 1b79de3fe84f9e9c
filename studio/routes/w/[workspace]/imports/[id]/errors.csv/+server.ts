import { error } from '@sveltejs/kit';
import { errorReport } from '$lib/server/import/error-report';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The job's per-row errors as a CSV download, streamed page by page. */
export const GET: RequestHandler = async (event) => {
	const { workspace } = await requireWorkspace(event, 'content.edit');
	const id = Number(event.params.id);
	const report = Number.isSafeInteger(id)
		? await errorReport(runtime().db, workspace.id, id)
		: null;
	if (!report) error(404, 'Not found');
	const encoder = new TextEncoder();
	const lines = report.lines;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await lines.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		},
		async cancel() {
			await lines.return(undefined);
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${report.fileName}"`,
			'cache-control': 'no-store'
		}
	});
};
