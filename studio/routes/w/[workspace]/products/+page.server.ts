import { requireWorkspace } from '$lib/server/http/guards';
import { productsPage } from '$lib/server/product/product-service';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const params = event.url.searchParams;
	const page = Number(params.get('page'));
	const filter = {
		q: (params.get('q') ?? '').trim().slice(0, 200),
		category: params.get('category') || null,
		page: Number.isSafeInteger(page) && page > 1 ? Math.min(page, 100_000) : 1
	};
	return { filter, ...(await productsPage(runtime().db, workspace.id, filter)) };
};
