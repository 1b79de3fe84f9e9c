import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, requireKey } from '$lib/server/http/api';
import { countParam } from '$lib/server/recommender/api-params';
import { recommendForProduct } from '$lib/server/recommender/recommendation-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Products like this one, for a product page. `{sku}` is the shop's product id. */
export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const result = await recommendForProduct(runtime().db, key.workspaceId, {
		sku: event.params.sku,
		n: countParam(event.url.searchParams.get('n')),
		kind: 'similar'
	});
	if (!result.ok)
		throw new ApiFailure(404, 'not_found', 'No product with this SKU in this workspace.');
	return json(result.list);
});
