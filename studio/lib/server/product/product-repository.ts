import { sql } from 'kysely';
import type { ProductInput } from '../../product/validate';
import { chunks } from '../db/chunks';
import type { Db } from '../db/connect';
import { containsPattern } from '../db/like';

/** Inserts or updates products by SKU. Returns how many rows were written. */
export async function upsertProductRows(
	db: Db,
	workspaceId: number,
	products: ProductInput[],
	now: number
): Promise<number> {
	// One row per SKU per statement: a batch naming a SKU twice keeps the last.
	const bySku = new Map(products.map((p) => [p.sku, p]));
	const rows = [...bySku.values()];
	for (const part of chunks(rows)) {
		await db
			.insertInto('product')
			.values(
				part.map((p) => ({
					workspace_id: workspaceId,
					sku: p.sku,
					name: p.name,
					category: p.category,
					price_minor: p.priceMinor,
					image_url: p.imageUrl,
					url: p.url,
					in_stock: p.inStock ? 1 : 0,
					created_at: now,
					updated_at: now
				}))
			)
			.onConflict((oc) =>
				oc.columns(['workspace_id', 'sku']).doUpdateSet((eb) => ({
					name: eb.ref('excluded.name'),
					category: eb.ref('excluded.category'),
					price_minor: eb.ref('excluded.price_minor'),
					image_url: eb.ref('excluded.image_url'),
					url: eb.ref('excluded.url'),
					in_stock: eb.ref('excluded.in_stock'),
					updated_at: eb.ref('excluded.updated_at')
				}))
			)
			.execute();
	}
	return rows.length;
}

export interface ProductListFilter {
	q: string;
	category: string | null;
	page: number;
}

function filtered(db: Db, workspaceId: number, filter: ProductListFilter) {
	let q = db.selectFrom('product').where('product.workspace_id', '=', workspaceId);
	if (filter.category) q = q.where('product.category', '=', filter.category);
	if (filter.q) {
		const pattern = containsPattern(filter.q);
		q = q.where((eb) =>
			eb.or([
				sql<boolean>`lower(product.name) like ${pattern} escape '\\'`,
				sql<boolean>`lower(product.sku) like ${pattern} escape '\\'`
			])
		);
	}
	return q;
}

export async function listProducts(
	db: Db,
	workspaceId: number,
	filter: ProductListFilter,
	limit: number
) {
	return filtered(db, workspaceId, filter)
		.select([
			'product.id',
			'product.sku',
			'product.name',
			'product.category',
			'product.price_minor as priceMinor',
			'product.in_stock as inStock',
			'product.updated_at as updatedAt'
		])
		.orderBy('product.name')
		.orderBy('product.id')
		.limit(limit)
		.offset((filter.page - 1) * limit)
		.execute();
}

export async function countProducts(db: Db, workspaceId: number, filter: ProductListFilter) {
	const row = await filtered(db, workspaceId, filter)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function productCategories(db: Db, workspaceId: number) {
	const rows = await db
		.selectFrom('product')
		.select('category')
		.distinct()
		.where('workspace_id', '=', workspaceId)
		.where('category', 'is not', null)
		.orderBy('category')
		.execute();
	return rows.map((r) => r.category!);
}

export async function findProduct(
	db: Db,
	workspaceId: number,
	by: { id: number } | { sku: string }
) {
	let q = db.selectFrom('product').selectAll().where('workspace_id', '=', workspaceId);
	q = 'id' in by ? q.where('id', '=', by.id) : q.where('sku', '=', by.sku);
	return q.executeTakeFirst();
}

/** Units, revenue and buyers from completed orders that hold the product. */
export async function productSales(db: Db, workspaceId: number, productId: number) {
	const row = await db
		.selectFrom('order_line')
		.innerJoin('shop_order', 'shop_order.id', 'order_line.order_id')
		.select((eb) => [
			eb.fn.coalesce(eb.fn.sum<number>('order_line.quantity'), eb.lit(0)).as('units'),
			eb.fn
				.coalesce(eb.fn.sum<number>(sql`order_line.quantity * order_line.price_minor`), eb.lit(0))
				.as('revenue'),
			eb.fn.count<number>('shop_order.customer_id').distinct().as('buyers'),
			eb.fn.max('shop_order.placed_at').as('lastSoldAt')
		])
		.where('order_line.workspace_id', '=', workspaceId)
		.where('order_line.product_id', '=', productId)
		.where('shop_order.status', '=', 'completed')
		.executeTakeFirstOrThrow();
	return {
		units: Number(row.units),
		revenueMinor: Number(row.revenue),
		buyers: Number(row.buyers),
		lastSoldAt: row.lastSoldAt === null ? null : Number(row.lastSoldAt)
	};
}

export async function topBuyers(db: Db, workspaceId: number, productId: number, limit: number) {
	return db
		.selectFrom('order_line')
		.innerJoin('shop_order', 'shop_order.id', 'order_line.order_id')
		.innerJoin('customer', 'customer.id', 'shop_order.customer_id')
		.select((eb) => [
			'customer.id',
			'customer.name',
			'customer.email',
			eb.fn.sum<number>('order_line.quantity').as('units')
		])
		.where('order_line.workspace_id', '=', workspaceId)
		.where('order_line.product_id', '=', productId)
		.where('shop_order.status', '=', 'completed')
		.groupBy(['customer.id', 'customer.name', 'customer.email'])
		.orderBy('units', 'desc')
		.orderBy('customer.id')
		.limit(limit)
		.execute();
}

/** One page of the catalogue in id order, for exports that walk it with a cursor. */
export async function listProductsAfter(
	db: Db,
	workspaceId: number,
	afterId: number,
	limit: number
) {
	return db
		.selectFrom('product')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.where('id', '>', afterId)
		.orderBy('id')
		.limit(limit)
		.execute();
}
