const PATCHED = '__regulars';

/**
 * Calls `onChange` after every history navigation of a single-page app. The call is deferred to a
 * task of its own because routers push the URL first and set the new title afterwards.
 * Each method is wrapped once even when several copies of the SDK run, and the wrapper always
 * returns what the router's own call returned.
 */
export function watchHistory(win: Window, onChange: () => void): void {
	const history = win.history as unknown as Record<string, unknown>;
	const later = (): void => {
		setTimeout(onChange, 0);
	};
	for (const name of ['pushState', 'replaceState']) {
		const original = history[name] as ((...args: unknown[]) => unknown) & { [PATCHED]?: true };
		if (typeof original !== 'function' || original[PATCHED]) continue;
		const patched = function (this: unknown, ...args: unknown[]): unknown {
			const result = original.apply(this, args);
			later();
			return result;
		};
		(patched as typeof original)[PATCHED] = true;
		history[name] = patched;
	}
	win.addEventListener('popstate', later);
}
