import { json, type RequestEvent } from '@sveltejs/kit';
import { authenticateApiKey } from '../api-key/api-key-service';
import { ApiFailure, apiError, presentedKey } from '../http/api';
import { runtime } from '../runtime';

// The SDK endpoints are read by storefront scripts on any origin with a write key (never
// cookies), so they reflect the caller's origin like the tracking API does.

function allowOrigin(request: Request): string {
	const origin = request.headers.get('origin');
	return origin && origin.length <= 512 ? origin : '*';
}

export function sdkCorsHeaders(request: Request): Record<string, string> {
	return { 'Access-Control-Allow-Origin': allowOrigin(request), Vary: 'Origin' };
}

/** Preflight, cached by browsers for a day (Chromium caps it at 2 hours). */
export function sdkPreflight(event: RequestEvent): Response {
	return new Response(null, {
		status: 204,
		headers: {
			...sdkCorsHeaders(event.request),
			'Access-Control-Allow-Methods': 'GET, OPTIONS',
			'Access-Control-Allow-Headers': 'Authorization, Content-Type',
			'Access-Control-Max-Age': '86400',
			Vary: 'Origin, Access-Control-Request-Headers'
		}
	});
}

const KEY_MESSAGES = {
	key_missing: [401, 'A write key is required: pass it as ?writeKey= or as the Basic user name.'],
	key_invalid: [401, 'The write key is not valid.'],
	key_revoked: [401, 'The write key has been revoked.'],
	key_kind_not_allowed: [403, 'Use a write key here: secret keys never belong in a browser.']
} as const;

/** The workspace of the write key in `?writeKey=` or the Basic/Bearer credentials. */
export async function requireWriteKey(event: RequestEvent): Promise<number> {
	const fromQuery = event.url.searchParams.get('writeKey');
	const key = fromQuery?.trim() || presentedKey(event.request);
	const auth = await authenticateApiKey(runtime().db, key, ['write']);
	if (!auth.ok) {
		const [status, message] = KEY_MESSAGES[auth.error];
		throw new ApiFailure(status, auth.error, message);
	}
	return auth.workspaceId;
}

/** Runs an SDK handler: CORS headers on every answer, failures as `{error:{code,message}}`. */
export function sdkHandler(
	handler: (event: RequestEvent) => Promise<{ body: unknown; cacheControl: string }>
) {
	return async (event: RequestEvent): Promise<Response> => {
		const cors = sdkCorsHeaders(event.request);
		try {
			const { body, cacheControl } = await handler(event);
			return json(body, { headers: { ...cors, 'Cache-Control': cacheControl } });
		} catch (error) {
			const headers = { ...cors, 'Cache-Control': 'no-store' };
			if (error instanceof ApiFailure)
				return apiError(error.status, error.code, error.message, headers);
			console.error(`SDK ${event.request.method} ${event.url.pathname} failed`, error);
			return apiError(
				500,
				'internal',
				'Something went wrong on our side; it has been logged.',
				headers
			);
		}
	};
}
