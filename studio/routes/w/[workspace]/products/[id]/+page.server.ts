import { error } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/http/guards';
import { productDetail } from '$lib/server/product/product-service';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const id = Number(event.params.id);
	const detail =
		Number.isSafeInteger(id) && id > 0 ? await productDetail(runtime().db, workspace.id, id) : null;
	if (!detail) error(404, 'Not found');
	return detail;
};
