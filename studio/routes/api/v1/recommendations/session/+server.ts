import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, readJsonBody, requireKey } from '$lib/server/http/api';
import { countParam, placementParam } from '$lib/server/recommender/api-params';
import { recommendForSession } from '$lib/server/recommender/recommendation-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const MAX_ITEMS = 100;

/**
 * Recommendations for an anonymous visitor from the products they touched this session:
 * `{ "items": ["SKU-1", ...], "n": 10, "placement": "home" }`, most recent item last.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const body = await readJsonBody(event.request, 64 * 1024);
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new ApiFailure(400, 'invalid_body', 'Send a JSON object with "items".');
	const input = body as Record<string, unknown>;
	const items = input.items;
	if (
		!Array.isArray(items) ||
		items.length > MAX_ITEMS ||
		!items.every((i): i is string => typeof i === 'string' && i.length > 0 && i.length <= 200)
	)
		throw new ApiFailure(
			400,
			'items_invalid',
			`"items" must be an array of at most ${MAX_ITEMS} product ids.`
		);
	if (input.n !== undefined && typeof input.n !== 'number')
		throw new ApiFailure(400, 'n_invalid', 'n must be a number.');
	const list = await recommendForSession(runtime().db, key.workspaceId, {
		items,
		n: countParam(input.n),
		placement: placementParam(input.placement, 'home')
	});
	if (!list) throw new ApiFailure(401, 'key_invalid', 'The API key is not valid.');
	return json(list);
});
