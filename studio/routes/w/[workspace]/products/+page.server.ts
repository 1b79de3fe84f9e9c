import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import { catalogueCounts } from '$lib/server/shop/stats-service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	return { counts: await catalogueCounts(runtime().db, workspace.id) };
};
