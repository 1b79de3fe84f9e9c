// What a product sent through the REST API must look like. Pure: the API, the tests and any
// future form share it.

export interface ProductInput {
	sku: string;
	name: string;
	category: string | null;
	/** In minor units of the workspace currency. */
	priceMinor: number;
	imageUrl: string | null;
	url: string | null;
	inStock: boolean;
}

export type ProductProblem =
	| 'not_an_object'
	| 'sku_invalid'
	| 'name_invalid'
	| 'category_invalid'
	| 'price_invalid'
	| 'image_url_invalid'
	| 'url_invalid'
	| 'in_stock_invalid';

function text(value: unknown, max: number): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed && [...trimmed].length <= max ? trimmed : null;
}

/**
 * An http(s) URL, or a path from the site's root: product pages relative to the storefront,
 * images relative to the studio (where the demo's are served). `//host` paths are refused, since
 * they name another site without saying how to reach it.
 */
function webUrl(value: unknown): string | null | false {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string' || value.length > 2000) return false;
	if (/^\/(?![/\\])\S*$/.test(value)) return value;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : false;
	} catch {
		return false;
	}
}

/**
 * Accepts `price` in major units (as the Segment spec sends it) or `price_minor`; `fractionDigits`
 * is the workspace currency's (2 for USD, 0 for JPY).
 */
export function parseProduct(
	raw: unknown,
	fractionDigits: number
): { ok: true; product: ProductInput } | { ok: false; problem: ProductProblem } {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw))
		return { ok: false, problem: 'not_an_object' };
	const input = raw as Record<string, unknown>;
	const sku = text(input.sku ?? input.product_id, 100);
	if (!sku) return { ok: false, problem: 'sku_invalid' };
	const name = text(input.name, 300);
	if (!name) return { ok: false, problem: 'name_invalid' };
	let category: string | null = null;
	if (input.category !== undefined && input.category !== null && input.category !== '') {
		category = text(input.category, 200);
		if (!category) return { ok: false, problem: 'category_invalid' };
	}
	let priceMinor: number;
	if (input.price_minor !== undefined) {
		priceMinor = Number(input.price_minor);
		if (!Number.isSafeInteger(priceMinor) || priceMinor < 0)
			return { ok: false, problem: 'price_invalid' };
	} else {
		const price = typeof input.price === 'string' ? Number(input.price) : input.price;
		if (typeof price !== 'number' || !Number.isFinite(price) || price < 0 || price > 1e12)
			return { ok: false, problem: 'price_invalid' };
		priceMinor = Math.round(price * 10 ** fractionDigits);
	}
	const imageUrl = webUrl(input.image_url);
	if (imageUrl === false) return { ok: false, problem: 'image_url_invalid' };
	const url = webUrl(input.url);
	if (url === false) return { ok: false, problem: 'url_invalid' };
	let inStock = true;
	if (input.in_stock !== undefined) {
		if (typeof input.in_stock !== 'boolean') return { ok: false, problem: 'in_stock_invalid' };
		inStock = input.in_stock;
	}
	return { ok: true, product: { sku, name, category, priceMinor, imageUrl, url, inStock } };
}

export const PRODUCT_PROBLEM_MESSAGES: Record<ProductProblem, string> = {
	not_an_object: 'Each product must be a JSON object.',
	sku_invalid: 'sku (or product_id) is required: text of at most 100 characters.',
	name_invalid: 'name is required: text of at most 300 characters.',
	category_invalid: 'category must be text of at most 200 characters.',
	price_invalid: 'price must be a number of at least 0 (or price_minor a whole number).',
	image_url_invalid: 'image_url must be an http(s) URL or a path starting with /.',
	url_invalid: 'url must be an http(s) URL or a path starting with /.',
	in_stock_invalid: 'in_stock must be true or false.'
};
