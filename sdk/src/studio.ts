import type { InitOptions } from './tracker/types.js';

/**
 * Reads one of the studio's SDK endpoints. A GET without custom headers is a "simple" CORS request,
 * so the browser sends no preflight; the write key travels in the query for the same reason.
 * Rejects on a network error or a status other than 2xx, for the caller to turn into a fallback.
 */
export function studioGet<T>(
	win: Window,
	options: InitOptions,
	path: string,
	params: Record<string, string | number | undefined> = {}
): Promise<T> {
	const url = new URL(options.host.replace(/\/+$/, '') + path);
	url.searchParams.set('writeKey', options.writeKey);
	for (const key in params) {
		const value = params[key];
		if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
	}
	return win.fetch(url.href, { credentials: 'omit' }).then((res) => {
		if (!res.ok) throw new Error(`${path}: ${res.status}`);
		return res.json() as Promise<T>;
	});
}

/** The window the SDK works in: the one given, else the global one, resolved when first needed. */
export const resolveWindow = (target?: Window): Window | undefined =>
	target ?? (typeof window === 'undefined' ? undefined : window);
