// The copy-paste tag a shop puts in its pages. Until the script arrives, `window.regulars` is an
// array and each stub method pushes `[method, ...args]` onto it; the SDK replays the array in order
// when it loads (sdk/src/snippet.ts, replayStub: the same protocol, kept readable here for humans).
// Pure so the install page can fill in a pasted key in the browser without sending it anywhere.

export const KEY_PLACEHOLDER = 'YOUR_WRITE_KEY';
export const SCRIPT_PATH = '/sdk/regulars.min.js';
/** The calls the stub records; anything returning a value (variant) needs the loaded script. */
export const STUB_METHODS = ['init', 'identify', 'track', 'page', 'alias', 'reset', 'consent'];

/** A JavaScript string literal that is also safe inside an HTML <script> element. */
function scriptString(value: string): string {
	return JSON.stringify(value)
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

function htmlAttribute(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/"/g, '&quot;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;');
}

/** The studio's origin (scheme, host, port) with no trailing slash, or null if not http(s). */
export function studioOrigin(value: string): string | null {
	try {
		const url = new URL(value);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		return url.origin;
	} catch {
		return null;
	}
}

/**
 * The snippet for a studio origin and a write key (the placeholder when the key is blank). Keys
 * and origins are escaped, so whatever someone pastes cannot break out of the tag.
 */
export function installSnippet(input: { origin: string; writeKey?: string | null }): string {
	const origin = studioOrigin(input.origin);
	if (!origin) throw new Error(`Not an http(s) origin: ${input.origin}`);
	const writeKey = input.writeKey?.trim() || KEY_PLACEHOLDER;
	const methods = STUB_METHODS.map((m) => JSON.stringify(m)).join(', ');
	return [
		'<script>',
		'  (function (w) {',
		'    var r = (w.regulars = w.regulars || []);',
		'    if (r.version) return;',
		`    [${methods}].forEach(function (m) {`,
		'      r[m] = r[m] || function () { r.push([m].concat([].slice.call(arguments))); };',
		'    });',
		'  })(window);',
		`  regulars.init({ writeKey: ${scriptString(writeKey)}, host: ${scriptString(origin)} });`,
		'  regulars.page();',
		'</script>',
		`<script async src="${htmlAttribute(origin + SCRIPT_PATH)}"></script>`
	].join('\n');
}
