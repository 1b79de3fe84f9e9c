/** The calls a page may make before the script has loaded; the stub records exactly these. */
export const STUB_METHODS = [
	'init',
	'identify',
	'track',
	'page',
	'alias',
	'reset',
	'consent',
	'ready'
];

/**
 * The inline stub, kept as hand-written ES5 text because it runs in the shop's page before
 * anything of ours has loaded. It makes `window.regulars` an array whose methods push
 * `[method, ...args]` onto it; the script replays the array when it loads. A copy of the SDK
 * already loaded (it has a version) is left alone, and so are stub methods already present.
 */
export const STUB_SOURCE =
	'(function(w){var r=w.regulars=w.regulars||[];if(r.version)return;' +
	// The same list as STUB_METHODS, spelt out so the string stays a constant (snippet.test.ts
	// checks they agree) and nothing is computed when the script tag's build imports this file.
	'var m=["init","identify","track","page","alias","reset","consent","ready"];' +
	'for(var i=0;i<m.length;i++)(function(k){r[k]=r[k]||function(){' +
	'r.push([k].concat([].slice.call(arguments)))}})(m[i])})(window);';

export interface SnippetOptions {
	writeKey: string;
	/** The studio's origin; events go there and, unless `src` says otherwise, the script too. */
	host: string;
	src?: string;
	nonce?: string;
	/** Start with consent pending, for shops whose banner grants it later. */
	consent?: 'pending' | 'granted' | 'denied';
}

/** JSON that cannot end the inline script: `</script>` inside a string would close the tag. */
const inlineJson = (value: unknown): string =>
	JSON.stringify(value)
		.replace(/</g, '\\u003c')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');

const attribute = (value: string): string =>
	value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The copy-paste tags for a shop's `<head>`: the stub, init, the first page view, the script. */
export function snippet(options: SnippetOptions): string {
	const host = options.host.replace(/\/+$/, '');
	const src = options.src ?? `${host}/sdk/regulars.min.js`;
	const nonce = options.nonce ? ` nonce="${attribute(options.nonce)}"` : '';
	const init: Record<string, string> = { writeKey: options.writeKey, host };
	if (options.consent) init.consent = options.consent;
	if (options.nonce) init.nonce = options.nonce;
	return (
		`<script${nonce}>${STUB_SOURCE}regulars.init(${inlineJson(init)});regulars.page();</script>\n` +
		`<script async src="${attribute(src)}"${nonce}></script>`
	);
}

/**
 * Replays, in order, the calls the stub recorded onto the real API. A call to a method the API
 * does not have is skipped; the API's methods never throw, so one bad call cannot stop the rest.
 * Then the stub's own methods are pointed at the API: a page script that kept a reference to the
 * stub (`const r = window.regulars` before the SDK loaded) would otherwise go on pushing calls
 * onto an array nobody reads, silently losing every later event.
 */
export function replayStub(recorded: unknown, api: object): void {
	if (!Array.isArray(recorded)) return;
	const methods = api as Record<string, unknown>;
	const stub = recorded as unknown as Record<string, unknown>;
	for (const call of recorded.slice()) {
		if (!Array.isArray(call)) continue;
		const [name, ...args] = call as [string, ...unknown[]];
		const method = methods[name];
		if (typeof method === 'function') (method as (...a: unknown[]) => void).apply(api, args);
	}
	recorded.length = 0;
	for (const name of Object.keys(stub)) {
		const method = methods[name];
		if (typeof stub[name] === 'function' && typeof method === 'function')
			stub[name] = (...args: unknown[]) =>
				(method as (...a: unknown[]) => unknown).apply(api, args);
	}
}
