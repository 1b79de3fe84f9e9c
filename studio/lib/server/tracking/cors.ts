// Storefronts on any origin post events with a write key (never cookies), so the tracking API
// reflects the caller's origin instead of keeping a list.

const BASE_HEADERS = [
	'Authorization',
	'Content-Type',
	'Content-Encoding',
	'X-Retry-Count',
	'AnonymousId',
	'SentAt'
];
const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;
const MAX_EXTRA_HEADERS = 20;

/** Headers for every tracking response. */
export function corsHeaders(origin: string | null): Record<string, string> {
	return {
		'Access-Control-Allow-Origin': origin && origin.length <= 512 ? origin : '*',
		'Access-Control-Expose-Headers': 'Retry-After',
		Vary: 'Origin'
	};
}

/**
 * The preflight answer, cached by browsers for a day (Chromium caps it at 2 hours) so a shop's
 * visitors pay for it once. Headers the client asks for are allowed when they are plain names.
 */
export function preflightHeaders(
	origin: string | null,
	requested: string | null
): Record<string, string> {
	const allowed = new Set(BASE_HEADERS.map((h) => h.toLowerCase()));
	const names = [...BASE_HEADERS];
	for (const raw of (requested ?? '').split(',').slice(0, MAX_EXTRA_HEADERS)) {
		const name = raw.trim();
		if (HEADER_NAME.test(name) && !allowed.has(name.toLowerCase())) {
			allowed.add(name.toLowerCase());
			names.push(name);
		}
	}
	return {
		...corsHeaders(origin),
		'Access-Control-Allow-Methods': 'POST, OPTIONS',
		'Access-Control-Allow-Headers': names.join(', '),
		'Access-Control-Max-Age': '86400',
		Vary: 'Origin, Access-Control-Request-Headers'
	};
}
