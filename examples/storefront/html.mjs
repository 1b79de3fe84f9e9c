// A tiny HTML templating helper: every interpolated value is escaped unless it was built by
// `html` itself, so catalogue data (names, categories) can never become markup.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

class Markup {
	/** @param {string} text */
	constructor(text) {
		this.text = text;
	}
	toString() {
		return this.text;
	}
}

/** @param {unknown} value @returns {string} */
function render(value) {
	if (value instanceof Markup) return value.text;
	if (Array.isArray(value)) return value.map(render).join('');
	if (value === null || value === undefined || value === false) return '';
	return String(value).replace(/[&<>"']/g, (c) => ESCAPES[/** @type {keyof ESCAPES} */ (c)]);
}

/**
 * @param {TemplateStringsArray} strings
 * @param {unknown[]} values
 */
export function html(strings, ...values) {
	let out = strings[0] ?? '';
	values.forEach((value, i) => {
		out += render(value) + (strings[i + 1] ?? '');
	});
	return new Markup(out);
}

/** Markup the caller vouches for (the SDK snippet, which escapes its own values). */
export const trusted = (/** @type {string} */ text) => new Markup(text);
