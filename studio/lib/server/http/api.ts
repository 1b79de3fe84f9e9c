import { json, type RequestEvent } from '@sveltejs/kit';
import type { ApiKeyKind } from '../db/schema';
import { authenticateApiKey, type KeyAuthError } from '../api-key/api-key-service';
import { runtime } from '../runtime';

/** The one error shape of every API surface: `{ error: { code, message } }`. */
export function apiError(
	status: number,
	code: string,
	message: string,
	headers?: Record<string, string>,
	extra?: Record<string, unknown>
): Response {
	return json({ error: { code, message, ...extra } }, { status, headers });
}

export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		/** More about the error, inside `error` next to code and message (e.g. `problems`). */
		readonly extra?: Record<string, unknown>
	) {
		super(message);
	}
}

const KEY_ERRORS: Record<KeyAuthError, [number, string]> = {
	key_missing: [401, 'An API key is required: send it as "Authorization: Bearer <key>".'],
	key_invalid: [401, 'The API key is not valid.'],
	key_revoked: [401, 'The API key has been revoked.'],
	key_kind_not_allowed: [403, 'This key may not call this endpoint: use a secret key.']
};

/** Reads a key from `Authorization: Bearer <key>` or HTTP Basic with the key as user name. */
export function presentedKey(request: Request): string | null {
	return keyFromAuthorization(request.headers.get('authorization'));
}

/** The key in an Authorization header's value, for callers holding the raw header. */
export function keyFromAuthorization(header: string | null | undefined): string | null {
	if (!header) return null;
	const [scheme, value = ''] = header.trim().split(/\s+/, 2);
	if (scheme?.toLowerCase() === 'bearer') return value || null;
	if (scheme?.toLowerCase() === 'basic') {
		try {
			const decoded = Buffer.from(value, 'base64').toString('utf8');
			const user = decoded.split(':', 1)[0];
			return user || null;
		} catch {
			return null;
		}
	}
	return null;
}

export async function requireKey(
	event: RequestEvent,
	accept: readonly ApiKeyKind[]
): Promise<{ workspaceId: number; kind: ApiKeyKind }> {
	return requirePresentedKey(presentedKey(event.request), accept);
}

/** `requireKey` for a key already read from the request. */
export async function requirePresentedKey(
	presented: string | null,
	accept: readonly ApiKeyKind[]
): Promise<{ workspaceId: number; kind: ApiKeyKind }> {
	const auth = await authenticateApiKey(runtime().db, presented, accept);
	if (!auth.ok) {
		const [status, message] = KEY_ERRORS[auth.error];
		throw new ApiFailure(status, auth.error, message);
	}
	return { workspaceId: auth.workspaceId, kind: auth.kind };
}

/**
 * Wraps an API handler so expected failures become their status and code, and anything else a
 * logged 500 with no internals in the body.
 */
export function apiHandler<E extends RequestEvent>(handler: (event: E) => Promise<Response>) {
	return async (event: E): Promise<Response> => {
		try {
			return await handler(event);
		} catch (error) {
			if (error instanceof ApiFailure) {
				const headers: Record<string, string> =
					error.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="regulars"' } : {};
				return apiError(error.status, error.code, error.message, headers, error.extra);
			}
			console.error(`API ${event.request.method} ${event.url.pathname} failed`, error);
			return apiError(500, 'internal', 'Something went wrong on our side; it has been logged.');
		}
	};
}

export function idParam(value: string | undefined): number {
	const id = Number(value);
	if (!Number.isSafeInteger(id) || id <= 0) throw new ApiFailure(404, 'not_found', 'Not found.');
	return id;
}

/**
 * Reads a JSON request body of at most `maxBytes`, answering malformed or oversize bodies with a
 * 400 that says which.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
	const declared = Number(request.headers.get('content-length'));
	if (declared > maxBytes)
		throw new ApiFailure(400, 'payload_too_large', `The body is over the ${maxBytes}-byte limit.`);
	const body = await request.arrayBuffer();
	if (body.byteLength > maxBytes)
		throw new ApiFailure(400, 'payload_too_large', `The body is over the ${maxBytes}-byte limit.`);
	try {
		return JSON.parse(new TextDecoder().decode(body)) as unknown;
	} catch {
		throw new ApiFailure(400, 'invalid_json', 'The body is not valid JSON.');
	}
}
