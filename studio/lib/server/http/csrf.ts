const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery check for the studio's forms. A state-changing request must carry an
 * Origin naming the same site: either the configured public origin, or the host the browser
 * itself addressed (so http://localhost:3000 and http://127.0.0.1:3000 both work out of the box).
 * SvelteKit's own check compares against one fixed origin only, so it is turned off in favour of
 * this one. Session cookies are also SameSite=Lax, a second fence.
 */
export function isCrossSiteWrite(request: Request, url: URL): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	const origin = request.headers.get('origin');
	if (!origin) return true;
	if (origin === url.origin) return false;
	try {
		return new URL(origin).host !== request.headers.get('host');
	} catch {
		return true;
	}
}
