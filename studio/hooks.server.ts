import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { isLocale, negotiateLocale } from '$lib/i18n/locales';
import {
	LOCALE_COOKIE,
	SESSION_COOKIE,
	clearSessionCookie,
	setSessionCookie
} from '$lib/server/auth/cookie';
import { validateSessionToken } from '$lib/server/auth/session-service';
import { isCrossSiteWrite } from '$lib/server/http/csrf';
import { publishFastLane } from '$lib/server/http/fast-lane';
import { runtime, startRuntime } from '$lib/server/runtime';

export const init: ServerInit = async () => {
	await startRuntime();
	publishFastLane();
};

// Machine surfaces authenticate with keys, never cookies, so they skip session work (and CSRF).
const MACHINE_PATHS = /^\/(api|v1|sdk)\//;

// BODY_SIZE_LIMIT is raised for CSV uploads, the one place large bodies belong; everywhere else a
// body over 2 MB is refused before anything reads it, and a body of unknown length too.
const UPLOAD_PATH = /^\/w\/[^/]+\/imports\/upload$/;
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function bodyRefusal(request: Request, pathname: string): Response | null {
	if (UPLOAD_PATH.test(pathname) || request.method === 'GET' || request.method === 'HEAD')
		return null;
	const length = request.headers.get('content-length');
	const chunked = request.headers.get('transfer-encoding')?.includes('chunked');
	if (length === null && !chunked) return null;
	if (length === null || Number(length) > MAX_BODY_BYTES) {
		const status = length === null ? 411 : 413;
		const message =
			length === null
				? 'Send a Content-Length header.'
				: `The body is over the ${MAX_BODY_BYTES}-byte limit.`;
		return Response.json(
			{ error: { code: status === 411 ? 'length_required' : 'payload_too_large', message } },
			{ status }
		);
	}
	return null;
}

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	const secure = event.url.protocol === 'https:';
	const refused = bodyRefusal(event.request, event.url.pathname);
	if (refused) return refused;

	if (!MACHINE_PATHS.test(event.url.pathname)) {
		if (isCrossSiteWrite(event.request, event.url))
			return new Response('Cross-site form submissions are forbidden', { status: 403 });
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) {
			const result = await validateSessionToken(runtime().db, token);
			if (result) {
				event.locals.user = result.user;
				event.locals.sessionId = result.session.id;
				if (result.session.renewed)
					setSessionCookie(event.cookies, token, result.session.expiresAt, secure);
			} else {
				clearSessionCookie(event.cookies, secure);
			}
		}
	}

	const cookieLocale = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = isLocale(event.locals.user?.locale)
		? event.locals.user.locale
		: isLocale(cookieLocale)
			? cookieLocale
			: negotiateLocale(event.request.headers.get('accept-language'));

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	if (!MACHINE_PATHS.test(event.url.pathname)) response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`${event.request.method} ${event.url.pathname} failed`, error);
	return { message: status === 404 ? 'Not found' : 'Internal error', code: 'internal' };
};
