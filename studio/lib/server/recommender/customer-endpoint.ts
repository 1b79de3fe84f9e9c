import { ApiFailure, requirePresentedKey } from '../http/api';
import { runtime } from '../runtime';
import { countParam, placementParam } from './api-params';
import { recommendForCustomer, type RecommendationList } from './recommendation-service';

/**
 * GET /api/v1/customers/{id}/recommendations, whichever way the request arrived: the SvelteKit
 * route and the server's fast lane (http/fast-lane.ts) both answer through this, so they cannot
 * drift apart. `{id}` is the shop's own customer id (the tracking userId). Throws ApiFailure.
 */
export async function customerRecommendations(
	presentedKey: string | null,
	userId: string,
	params: URLSearchParams
): Promise<RecommendationList> {
	const key = await requirePresentedKey(presentedKey, ['secret']);
	const category = params.get('category');
	if (category !== null && (category === '' || category.length > 200))
		throw new ApiFailure(400, 'category_invalid', 'category must be 1 to 200 characters.');
	const list = await recommendForCustomer(runtime().db, key.workspaceId, {
		userId,
		n: countParam(params.get('n')),
		placement: placementParam(params.get('placement'), 'home'),
		category
	});
	if (!list) throw new ApiFailure(401, 'key_invalid', 'The API key is not valid.');
	return list;
}
