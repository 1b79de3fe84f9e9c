import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, requireKey } from '$lib/server/http/api';
import { productForApi } from '$lib/server/product/product-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const product = await productForApi(runtime().db, key.workspaceId, event.params.sku);
	if (!product)
		throw new ApiFailure(404, 'not_found', 'No product with this SKU in this workspace.');
	return json(product);
});
