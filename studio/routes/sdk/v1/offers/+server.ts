import { ApiFailure } from '$lib/server/http/api';
import { requireWriteKey, sdkHandler, sdkPreflight } from '$lib/server/offer/sdk-http';
import {
	DEFAULT_OFFER_LIMIT,
	MAX_OFFER_LIMIT,
	PLACEMENTS,
	isPlacement,
	offersFor
} from '$lib/server/offer/offer-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = sdkHandler(async (event) => {
	const workspaceId = await requireWriteKey(event);
	const params = event.url.searchParams;
	const placement = params.get('placement') ?? 'home';
	if (!isPlacement(placement))
		throw new ApiFailure(
			400,
			'placement_invalid',
			`Unknown placement; use one of ${PLACEMENTS.join(', ')}.`
		);
	const rawLimit = params.get('limit');
	const limit = rawLimit === null ? DEFAULT_OFFER_LIMIT : Number(rawLimit);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_OFFER_LIMIT)
		throw new ApiFailure(400, 'limit_invalid', `limit must be 1 to ${MAX_OFFER_LIMIT}.`);
	const offers = await offersFor(runtime().db, {
		workspaceId,
		placement,
		userId: params.get('userId'),
		anonymousId: params.get('anonymousId'),
		limit,
		origin: event.url.origin
	});
	// Per visitor, so only the visitor's own browser may keep it, and briefly.
	return { body: { offers }, cacheControl: 'private, max-age=60' };
});

export const OPTIONS: RequestHandler = (event) => sdkPreflight(event);
