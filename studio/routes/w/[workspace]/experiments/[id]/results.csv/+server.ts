import { error } from '@sveltejs/kit';
import { resultsCsv, resultsCsvFileName } from '$lib/experiment/results-csv';
import { experimentResults } from '$lib/server/experiment/experiment-results';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import { experimentIdParam } from '../experiment-param';
import type { RequestHandler } from './$types';

/** The results page's variant table as CSV: one header row, one row per variant. */
export const GET: RequestHandler = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const id = experimentIdParam(event.params.id);
	const results = await experimentResults(runtime().db, workspace.id, id, Date.now(), {
		sequential: event.url.searchParams.get('sequential') === '1'
	});
	if (!results) error(404, 'Not found');
	return new Response(resultsCsv(results, workspace.currency), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${resultsCsvFileName(results.experiment.key, results.computedAt)}"`,
			'cache-control': 'no-store'
		}
	});
};
