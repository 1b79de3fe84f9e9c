import { error } from '@sveltejs/kit';
import { parsePeriod } from '$lib/dashboard/period';
import { dashboardCsv, isCsvTable } from '$lib/server/dashboard/dashboard-csv';
import { dashboardFigures } from '$lib/server/dashboard/dashboard-service';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** One of the dashboard's tables as a CSV download: `/dashboard/<table>.csv?days=90`. */
export const GET: RequestHandler = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const table = event.params.table;
	if (!isCsvTable(table)) error(404, 'Not found');
	const days = parsePeriod(event.url.searchParams.get('days'));
	const dashboard = await dashboardFigures(runtime().db, workspace, { days });
	const slug = workspace.slug.replace(/[^\w-]+/g, '_');
	return new Response(dashboardCsv(dashboard, table), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${slug}-${table}-${days}d.csv"`,
			'cache-control': 'no-store'
		}
	});
};
