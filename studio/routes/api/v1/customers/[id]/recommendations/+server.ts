import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, requireKey } from '$lib/server/http/api';
import { countParam, placementParam } from '$lib/server/recommender/api-params';
import { recommendForCustomer } from '$lib/server/recommender/recommendation-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Recommendations for a customer; `{id}` is the shop's own customer id (the tracking userId). */
export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const params = event.url.searchParams;
	const category = params.get('category');
	if (category !== null && (category === '' || category.length > 200))
		throw new ApiFailure(400, 'category_invalid', 'category must be 1 to 200 characters.');
	const list = await recommendForCustomer(runtime().db, key.workspaceId, {
		userId: event.params.id,
		n: countParam(params.get('n')),
		placement: placementParam(params.get('placement'), 'home'),
		category
	});
	if (!list) throw new ApiFailure(401, 'key_invalid', 'The API key is not valid.');
	return json(list);
});
