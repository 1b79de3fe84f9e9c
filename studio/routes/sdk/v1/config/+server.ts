import { ApiFailure } from '$lib/server/http/api';
import { requireWriteKey, sdkHandler, sdkPreflight } from '$lib/server/offer/sdk-http';
import { sdkConfig } from '$lib/server/offer/offer-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = sdkHandler(async (event) => {
	const workspaceId = await requireWriteKey(event);
	const params = event.url.searchParams;
	const visitor = { userId: params.get('userId'), anonymousId: params.get('anonymousId') };
	const config = await sdkConfig(runtime().db, workspaceId, visitor);
	if (!config) throw new ApiFailure(404, 'not_found', 'Not found.');
	// With the visitor named, segment targeting makes the answer theirs alone.
	const personal = Boolean(visitor.userId || visitor.anonymousId);
	return { body: config, cacheControl: `${personal ? 'private' : 'public'}, max-age=60` };
});

export const OPTIONS: RequestHandler = (event) => sdkPreflight(event);
