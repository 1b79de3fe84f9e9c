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
import { runtime, startRuntime } from '$lib/server/runtime';

export const init: ServerInit = async () => {
	await startRuntime();
};

// Machine surfaces authenticate with keys, never cookies, so they skip session work (and CSRF).
const MACHINE_PATHS = /^\/(api|v1|sdk)\//;

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	const secure = event.url.protocol === 'https:';

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
