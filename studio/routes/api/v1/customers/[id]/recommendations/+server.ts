import { json } from '@sveltejs/kit';
import { apiHandler, presentedKey } from '$lib/server/http/api';
import { customerRecommendations } from '$lib/server/recommender/customer-endpoint';
import type { RequestHandler } from './$types';

/**
 * Recommendations for a customer; `{id}` is the shop's own customer id (the tracking userId).
 * The production server answers most of these in its fast lane (http/fast-lane.ts) through the
 * same function; this route serves dev mode, HEAD and anything the lane passes on.
 */
export const GET: RequestHandler = apiHandler(async (event) =>
	json(
		await customerRecommendations(
			presentedKey(event.request),
			event.params.id,
			event.url.searchParams
		)
	)
);
