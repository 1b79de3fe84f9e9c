import { parsePeriod } from '$lib/dashboard/period';
import { dashboardFigures } from '$lib/server/dashboard/dashboard-service';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const days = parsePeriod(event.url.searchParams.get('days'));
	return { dashboard: await dashboardFigures(runtime().db, workspace, { days }) };
};
