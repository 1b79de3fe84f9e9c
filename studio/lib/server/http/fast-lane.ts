import type { IncomingMessage, ServerResponse } from 'node:http';
import { customerRecommendations } from '../recommender/customer-endpoint';
import { ApiFailure, keyFromAuthorization } from './api';

/**
 * A request the lane answered returns true; anything else (false) goes on to SvelteKit.
 *
 * Why a lane at all: SvelteKit turns every request into a web `Request` and `Response`, and on
 * Node 20 those objects (with their AbortSignals) survive every young-generation GC and are
 * promoted, so each one costs a copy and a later full collection. For the one read a shop calls
 * on every page view that overhead was most of the server's time and all of its tail latency, so
 * it is answered here, from Node's own request, by the same code the route uses.
 */
export type FastLane = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Where `studio/bin/serve.js` finds the lane once the server bundle has initialised. */
export const FAST_LANE = Symbol.for('regulars.fast-lane');

const CUSTOMER_RECOMMENDATIONS = /^\/api\/v1\/customers\/([^/]+)\/recommendations$/;

const HEADERS = {
	'content-type': 'application/json',
	// The same as hooks.server.ts sets on every API answer.
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin'
};

function send(response: ServerResponse, status: number, body: unknown, extra = {}): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		...HEADERS,
		...extra,
		'content-length': Buffer.byteLength(text)
	});
	response.end(text);
}

function fail(response: ServerResponse, error: unknown, path: string): void {
	if (error instanceof ApiFailure) {
		const extra = error.status === 401 ? { 'www-authenticate': 'Bearer realm="regulars"' } : {};
		send(response, error.status, { error: { code: error.code, message: error.message } }, extra);
		return;
	}
	console.error(`API GET ${path} failed`, error);
	send(response, 500, {
		error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' }
	});
}

export const fastLane: FastLane = (request, response) => {
	if (request.method !== 'GET' || !request.url) return false;
	const query = request.url.indexOf('?');
	const path = query < 0 ? request.url : request.url.slice(0, query);
	const match = CUSTOMER_RECOMMENDATIONS.exec(path);
	if (!match) return false;
	let userId: string;
	try {
		userId = decodeURIComponent(match[1]!);
	} catch {
		return false; // SvelteKit answers malformed paths as it does for every other route
	}
	const params = new URLSearchParams(query < 0 ? '' : request.url.slice(query + 1));
	customerRecommendations(keyFromAuthorization(request.headers.authorization), userId, params).then(
		(list) => send(response, 200, list),
		(error: unknown) => fail(response, error, path)
	);
	return true;
};

/** Called from the server's `init` hook, after the runtime is up. */
export function publishFastLane(): void {
	(globalThis as Record<symbol, unknown>)[FAST_LANE] = fastLane;
}
