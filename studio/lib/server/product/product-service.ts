import {
	PRODUCT_PROBLEM_MESSAGES,
	parseProduct,
	type ProductInput,
	type ProductProblem
} from '../../product/validate';
import type { Db } from '../db/connect';
import {
	countProducts,
	findProduct,
	listProducts,
	listProductsAfter,
	productCategories,
	productSales,
	topBuyers,
	upsertProductRows,
	type ProductListFilter
} from './product-repository';

export const PRODUCT_PAGE_SIZE = 50;
export const MAX_PRODUCTS_PER_REQUEST = 1000;

export function currencyDigits(currency: string): number {
	return (
		new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
			.maximumFractionDigits ?? 2
	);
}

/**
 * Upserts what is valid and reports the rest by index, so one bad row never blocks a catalogue
 * sync.
 */
export async function upsertProducts(
	db: Db,
	workspace: { id: number; currency: string },
	raw: unknown[],
	now = Date.now()
) {
	const digits = currencyDigits(workspace.currency);
	const valid: ProductInput[] = [];
	const rejected: { index: number; code: ProductProblem; message: string }[] = [];
	raw.forEach((item, index) => {
		const parsed = parseProduct(item, digits);
		if (parsed.ok) valid.push(parsed.product);
		else
			rejected.push({
				index,
				code: parsed.problem,
				message: PRODUCT_PROBLEM_MESSAGES[parsed.problem]
			});
	});
	const upserted = valid.length ? await upsertProductRows(db, workspace.id, valid, now) : 0;
	return { upserted, rejected };
}

export async function productsPage(db: Db, workspaceId: number, filter: ProductListFilter) {
	const [rows, total, categories] = await Promise.all([
		listProducts(db, workspaceId, filter, PRODUCT_PAGE_SIZE),
		countProducts(db, workspaceId, filter),
		productCategories(db, workspaceId)
	]);
	return { rows, total, pages: Math.max(1, Math.ceil(total / PRODUCT_PAGE_SIZE)), categories };
}

export async function productDetail(db: Db, workspaceId: number, id: number) {
	const product = await findProduct(db, workspaceId, { id });
	if (!product) return null;
	const [sales, buyers] = await Promise.all([
		productSales(db, workspaceId, id),
		topBuyers(db, workspaceId, id, 10)
	]);
	return { product, sales, buyers: buyers.map((b) => ({ ...b, units: Number(b.units) })) };
}

type ProductRow = NonNullable<Awaited<ReturnType<typeof findProduct>>>;

function apiProduct(row: ProductRow) {
	return {
		id: row.id,
		sku: row.sku,
		name: row.name,
		category: row.category,
		priceMinor: row.price_minor,
		imageUrl: row.image_url,
		url: row.url,
		inStock: row.in_stock === 1,
		updatedAt: new Date(row.updated_at).toISOString()
	};
}

/** A product as the REST API shows it; null when not in this workspace. */
export async function productForApi(db: Db, workspaceId: number, sku: string) {
	const row = await findProduct(db, workspaceId, { sku });
	return row ? apiProduct(row) : null;
}

export const MAX_EXPORT_PAGE = 500;

/**
 * A page of the catalogue for the REST export. The cursor is the last id of the previous page,
 * so pages stay consistent while products are added (a new product lands on a later page).
 */
export async function exportProducts(
	db: Db,
	workspaceId: number,
	page: { after: number; limit: number }
) {
	const limit = Math.min(Math.max(page.limit, 1), MAX_EXPORT_PAGE);
	const rows = await listProductsAfter(db, workspaceId, page.after, limit);
	const last = rows.at(-1);
	return {
		products: rows.map(apiProduct),
		next: rows.length === limit && last ? String(last.id) : null
	};
}
