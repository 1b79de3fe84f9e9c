import { json, type RequestEvent } from '@sveltejs/kit';
import { authenticateApiKey, type KeyAuthError } from '../api-key/api-key-service';
import { presentedKey } from '../http/api';
import { runtime } from '../runtime';
import { ingestGate } from './back-pressure';
import { corsHeaders, preflightHeaders } from './cors';
import { ingestEvents } from './ingest-service';
import type { EventType } from './payload';
import { decodeBody, parseJsonBody, parseTrackingBody, readBody, RequestError } from './request';

/** Full and short (analytics.js) endpoint names. */
const ENDPOINTS: Record<string, EventType | 'batch'> = {
	track: 'track',
	t: 'track',
	identify: 'identify',
	i: 'identify',
	page: 'page',
	p: 'page',
	screen: 'screen',
	s: 'screen',
	group: 'group',
	g: 'group',
	alias: 'alias',
	a: 'alias',
	batch: 'batch',
	b: 'batch'
};

const KEY_MESSAGES: Record<KeyAuthError, string> = {
	key_missing:
		'A write key is required: send it as the HTTP Basic user name, as "writeKey" in the body, or as ?writeKey=.',
	key_invalid: 'The write key is not valid.',
	key_revoked: 'The write key has been revoked.',
	key_kind_not_allowed: 'This key may not send events.'
};

function errorResponse(
	status: number,
	code: string,
	message: string,
	headers: Record<string, string>
): Response {
	return json({ error: { code, message } }, { status, headers });
}

export function trackingEndpoint(path: string): EventType | 'batch' | null {
	return Object.hasOwn(ENDPOINTS, path) ? ENDPOINTS[path]! : null;
}

/** POST /v1/<endpoint>: the Segment HTTP tracking API. */
export async function handleTrackingPost(event: RequestEvent, path: string): Promise<Response> {
	const { request, url } = event;
	const cors = corsHeaders(request.headers.get('origin'));
	const endpoint = trackingEndpoint(path);
	if (!endpoint)
		return errorResponse(
			404,
			'not_found',
			`There is no tracking endpoint at ${url.pathname}.`,
			cors
		);
	if (!ingestGate.tryEnter())
		return errorResponse(
			429,
			'overloaded',
			'The server is busy ingesting other requests; retry after 1 second.',
			{ ...cors, 'Retry-After': '1' }
		);
	try {
		const receivedAt = Date.now();
		const raw = decodeBody(await readBody(request), request.headers.get('content-encoding'));
		const body = parseJsonBody(raw);
		const key =
			presentedKey(request) ??
			(typeof body.writeKey === 'string' && body.writeKey ? body.writeKey : null) ??
			url.searchParams.get('writeKey');
		const { db } = runtime();
		const auth = await authenticateApiKey(db, key, ['write', 'secret'], receivedAt);
		if (!auth.ok)
			return errorResponse(401, auth.error, KEY_MESSAGES[auth.error], {
				...cors,
				'WWW-Authenticate': 'Basic realm="regulars"'
			});
		const parsed = parseTrackingBody(
			body,
			endpoint,
			{
				receivedAt,
				sentAtHeader: request.headers.get('sentat'),
				anonymousIdHeader: request.headers.get('anonymousid')?.trim().slice(0, 255) || null
			},
			raw.length
		);
		const result = await ingestEvents(db, auth.workspaceId, parsed.events, receivedAt);
		return json(
			{
				success: true,
				accepted: parsed.events.length,
				duplicates: result.duplicates,
				rejected: parsed.rejected
			},
			{ headers: cors }
		);
	} catch (error) {
		if (error instanceof RequestError)
			return errorResponse(error.status, error.code, error.message, cors);
		console.error(`Tracking ${url.pathname} failed`, error);
		return errorResponse(
			500,
			'internal',
			'The events could not be stored because of a problem on our side; retry later.',
			cors
		);
	} finally {
		ingestGate.leave();
	}
}

/** OPTIONS /v1/<anything>: the CORS preflight. */
export function handleTrackingPreflight(event: RequestEvent): Response {
	const { request } = event;
	return new Response(null, {
		status: 204,
		headers: preflightHeaders(
			request.headers.get('origin'),
			request.headers.get('access-control-request-headers')
		)
	});
}

/** Any other method on /v1. */
export function handleTrackingMethodNotAllowed(event: RequestEvent): Response {
	return errorResponse(
		405,
		'method_not_allowed',
		`The tracking API accepts POST only, not ${event.request.method}.`,
		{ ...corsHeaders(event.request.headers.get('origin')), Allow: 'POST, OPTIONS' }
	);
}
