// The shop's catalogue comes from the studio's REST API (a secret key, used only on this server),
// the way a real shop's back office would sync it the other way round.

/**
 * @typedef {{ sku: string, name: string, category: string | null, priceMinor: number,
 *   imageUrl: string | null, url: string | null, inStock: boolean }} Product
 * @typedef {{ name: string, currency: string, products: Product[], bySku: Map<string, Product> }} Catalogue
 */

/**
 * @param {string} studioUrl
 * @param {string} secretKey
 * @param {string} path
 */
async function get(studioUrl, secretKey, path) {
	const response = await fetch(new URL(path, studioUrl), {
		headers: { authorization: `Bearer ${secretKey}` }
	});
	const body = await response.json();
	if (!response.ok)
		throw new Error(`${path}: ${response.status} ${body.error?.code}: ${body.error?.message}`);
	return body;
}

/**
 * Every product of the workspace, page by page, with images made absolute against the studio
 * (the demo's pictures are served by the studio).
 * @param {string} studioUrl
 * @param {string} secretKey
 * @returns {Promise<Catalogue>}
 */
export async function loadCatalogue(studioUrl, secretKey) {
	const workspace = await get(studioUrl, secretKey, '/api/v1/workspace');
	/** @type {Product[]} */
	const products = [];
	let after = '0';
	for (;;) {
		const page = await get(studioUrl, secretKey, `/api/v1/products?limit=500&after=${after}`);
		for (const p of page.products) {
			products.push({ ...p, imageUrl: p.imageUrl ? new URL(p.imageUrl, studioUrl).href : null });
		}
		if (!page.next) break;
		after = page.next;
	}
	return {
		name: workspace.name,
		currency: workspace.currency,
		products,
		bySku: new Map(products.map((p) => [p.sku, p]))
	};
}

/** Minor digits of a currency (0 for JPY, 2 for USD), as the studio stores prices. */
export function minorDigits(/** @type {string} */ currency) {
	return (
		new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
			.maximumFractionDigits ?? 2
	);
}
