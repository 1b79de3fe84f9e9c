import { ApiFailure } from '$lib/server/http/api';
import { requireWriteKey, sdkHandler, sdkPreflight } from '$lib/server/offer/sdk-http';
import { sdkConfig } from '$lib/server/offer/offer-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = sdkHandler(async (event) => {
	const workspaceId = await requireWriteKey(event);
	const config = await sdkConfig(runtime().db, workspaceId);
	if (!config) throw new ApiFailure(404, 'not_found', 'Not found.');
	return { body: config, cacheControl: 'public, max-age=60' };
});

export const OPTIONS: RequestHandler = (event) => sdkPreflight(event);
