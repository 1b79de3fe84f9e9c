/**
 * Placeholders in journey content: `{{first_name}}`, `{{traits.size}}`, `{{entry.cart_id}}`.
 * One syntax for the validator (which names are allowed) and the engine (what they become), so a
 * definition that lints clean renders the way the marketer previewed it.
 */
import { TRAIT_KEY_PATTERN } from '../segment/definition';

/**
 * `{{ name }}`, spaces allowed inside the braces; the name itself may not hold braces. Global, so
 * use it only through `String.prototype.replace`, which resets `lastIndex` before matching; `exec`
 * and `test` would leave state behind for the next caller.
 */
export const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Names answered by the customer record itself. */
export const TEMPLATE_VARIABLES = [
	'first_name',
	'last_name',
	'name',
	'email',
	'user_id',
	'points'
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** Namespaces whose keys come from a record: a trait, or a property of the entry event. */
const NAMESPACES = ['traits', 'entry'] as const;

export interface TemplateVars {
	first_name?: string | null;
	last_name?: string | null;
	name?: string | null;
	email?: string | null;
	user_id?: string | null;
	points?: number | null;
	traits: Record<string, unknown>;
	entry: Record<string, unknown>;
}

/** The placeholder names in `text`, trimmed, each once, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
	const names: string[] = [];
	text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
		if (!names.includes(name)) names.push(name);
		return whole;
	});
	return names;
}

/**
 * Whether a placeholder name is one the engine can fill. `__proto__` is refused even though it
 * fits the trait key pattern: no customer data should ever be looked up under it.
 */
export function isKnownPlaceholder(name: string): boolean {
	if ((TEMPLATE_VARIABLES as readonly string[]).includes(name)) return true;
	const split = splitNamespaced(name);
	return split !== null && TRAIT_KEY_PATTERN.test(split.key) && split.key !== '__proto__';
}

/**
 * Fills every placeholder. Unknown or missing values become '' rather than the raw `{{...}}`, so
 * a customer never sees template syntax. `escape` is applied to values only, never to `text`,
 * because the template itself is the marketer's own markup (HTML, or JSON for webhooks).
 */
export function renderTemplate(
	text: string,
	vars: TemplateVars,
	escape: (s: string) => string = (s) => s
): string {
	return text.replace(PLACEHOLDER_PATTERN, (_whole, name: string) =>
		escape(formatValue(lookup(name, vars)))
	);
}

export function escapeHtml(s: string): string {
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** The inside of a JSON string literal, for values placed between quotes in a webhook body. */
export function escapeJsonString(s: string): string {
	return JSON.stringify(s).slice(1, -1);
}

function lookup(name: string, vars: TemplateVars): unknown {
	if ((TEMPLATE_VARIABLES as readonly string[]).includes(name)) {
		return Object.hasOwn(vars, name) ? vars[name as TemplateVariable] : undefined;
	}
	const split = splitNamespaced(name);
	if (!split || split.key === '__proto__') return undefined;
	const source: unknown = vars[split.namespace];
	// Own properties only: `{{traits.toString}}` must not reach Object.prototype.
	if (typeof source !== 'object' || source === null || !Object.hasOwn(source, split.key)) {
		return undefined;
	}
	return (source as Record<string, unknown>)[split.key];
}

function splitNamespaced(
	name: string
): { namespace: (typeof NAMESPACES)[number]; key: string } | null {
	for (const namespace of NAMESPACES) {
		if (name.startsWith(`${namespace}.`))
			return { namespace, key: name.slice(namespace.length + 1) };
	}
	return null;
}

/** Scalars print; anything else (objects, arrays, null) prints nothing, never "[object Object]". */
function formatValue(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return '';
}
