// The SQL behind imports: multi-row upserts keyed by the shop's own ids. Every upsert updates a
// row only when a value really differs, so importing the same file twice writes nothing the
// second time (not even updated_at).
import { sql, type RawBuilder } from 'kysely';
import { chunks } from '../db/chunks';
import { dialectOf, type Db } from '../db/connect';

export const differs = (column: string) =>
	sql`${sql.ref(column)} is distinct from ${sql.ref(`excluded.${column.split('.')[1]}`)}`;

export function anyOf(parts: RawBuilder<unknown>[]): RawBuilder<boolean> {
	return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** Stored traits with new keys laid over them (the dialects merge JSON differently). */
function mergedTraits(db: Db): RawBuilder<string> {
	return dialectOf(db) === 'postgres'
		? sql`customer.traits || excluded.traits`
		: sql`json_patch(customer.traits, excluded.traits)`;
}

export interface CustomerUpsert {
	externalId: string;
	email: string | null;
	name: string | null;
	/** Left as stored when 'unknown'. */
	consent: 'unknown' | 'granted' | 'denied';
	traits: Record<string, unknown>;
	firstSeenAt: number;
	lastSeenAt: number;
}

export function searchText(
	email: string | null,
	name: string | null,
	externalId: string | null
): string {
	return [email, name, externalId].filter(Boolean).join(' ').toLowerCase();
}

/** Creates missing customers and fills in given values; empty values never blank stored ones. */
export async function upsertCustomers(
	db: Db,
	workspaceId: number,
	rows: readonly CustomerUpsert[],
	now: number,
	options: { moveLastSeen: boolean }
): Promise<void> {
	const merged = mergedTraits(db);
	const email = sql`coalesce(excluded.email, customer.email)`;
	const name = sql`coalesce(excluded.name, customer.name)`;
	const consent = sql`case when excluded.consent = 'unknown' then customer.consent else excluded.consent end`;
	const firstSeen = sql`case when excluded.first_seen_at < customer.first_seen_at then excluded.first_seen_at else customer.first_seen_at end`;
	// A customers file says nothing about activity: only order history moves last_seen_at.
	const lastSeen = options.moveLastSeen
		? sql`case when excluded.last_seen_at > customer.last_seen_at then excluded.last_seen_at else customer.last_seen_at end`
		: sql`customer.last_seen_at`;
	const search = sql`lower(trim(coalesce(${email}, '') || ' ' || coalesce(${name}, '') || ' ' || customer.external_id))`;
	for (const batch of chunks(rows)) {
		await db
			.insertInto('customer')
			.values(
				batch.map((r) => ({
					workspace_id: workspaceId,
					external_id: r.externalId,
					email: r.email,
					name: r.name,
					traits: JSON.stringify(r.traits),
					consent: r.consent,
					first_seen_at: r.firstSeenAt,
					last_seen_at: r.lastSeenAt,
					created_at: now,
					updated_at: now,
					search_text: searchText(r.email, r.name, r.externalId).replace(/\s+/g, ' ')
				}))
			)
			.onConflict((oc) =>
				oc
					.columns(['workspace_id', 'external_id'])
					.doUpdateSet({
						email: email as RawBuilder<string | null>,
						name: name as RawBuilder<string | null>,
						consent: consent as RawBuilder<'unknown'>,
						traits: merged,
						first_seen_at: firstSeen as RawBuilder<number>,
						last_seen_at: lastSeen as RawBuilder<number>,
						search_text: search as RawBuilder<string>,
						updated_at: now
					})
					.where(
						anyOf([
							sql`${email} is distinct from customer.email`,
							sql`${name} is distinct from customer.name`,
							sql`${consent} is distinct from customer.consent`,
							sql`${merged} is distinct from customer.traits`,
							sql`${firstSeen} is distinct from customer.first_seen_at`,
							sql`${lastSeen} is distinct from customer.last_seen_at`
						])
					)
			)
			.execute();
	}
}

export async function customerIds(
	db: Db,
	workspaceId: number,
	externalIds: readonly string[]
): Promise<Map<string, number>> {
	const ids = new Map<string, number>();
	for (const batch of chunks(externalIds, 1000)) {
		const rows = await db
			.selectFrom('customer')
			.select(['id', 'external_id'])
			.where('workspace_id', '=', workspaceId)
			.where('external_id', 'in', batch)
			.execute();
		for (const r of rows) ids.set(r.external_id!, Number(r.id));
	}
	return ids;
}

export interface ProductUpsert {
	sku: string;
	name: string;
	priceMinor: number;
	category: string | null;
	imageUrl: string | null;
	url: string | null;
	inStock: boolean | null;
}

/** The products file is the catalogue: its values win, empty optional cells keep stored ones. */
export async function upsertProducts(
	db: Db,
	workspaceId: number,
	rows: readonly ProductUpsert[],
	now: number
): Promise<void> {
	const category = sql`coalesce(excluded.category, product.category)`;
	const image = sql`coalesce(excluded.image_url, product.image_url)`;
	const url = sql`coalesce(excluded.url, product.url)`;
	for (const batch of chunks(rows)) {
		await db
			.insertInto('product')
			.values(
				batch.map((r) => ({
					workspace_id: workspaceId,
					sku: r.sku,
					name: r.name,
					price_minor: r.priceMinor,
					category: r.category,
					image_url: r.imageUrl,
					url: r.url,
					in_stock: r.inStock === false ? 0 : 1,
					created_at: now,
					updated_at: now
				}))
			)
			.onConflict((oc) =>
				oc
					.columns(['workspace_id', 'sku'])
					.doUpdateSet((eb) => ({
						name: eb.ref('excluded.name'),
						price_minor: eb.ref('excluded.price_minor'),
						category: category as RawBuilder<string | null>,
						image_url: image as RawBuilder<string | null>,
						url: url as RawBuilder<string | null>,
						in_stock: eb.ref('excluded.in_stock'),
						updated_at: now
					}))
					.where(
						anyOf([
							differs('product.name'),
							differs('product.price_minor'),
							differs('product.in_stock'),
							sql`${category} is distinct from product.category`,
							sql`${image} is distinct from product.image_url`,
							sql`${url} is distinct from product.url`
						])
					)
			)
			.execute();
	}
}

export interface SoldProduct {
	sku: string;
	name: string;
	priceMinor: number;
	/** When the line that names this price was sold: the newest sale decides name and price. */
	soldAt: number;
}

/**
 * Products seen in order history. A product's created_at/updated_at are those of its sales, and a
 * line only updates a product last changed before that line was sold: the newest sale's name and
 * price win, re-reading the same history changes nothing, and a product the catalogue (the API or
 * a products file, stamped with the time of the change) updated since is left alone.
 */
export async function upsertSoldProducts(
	db: Db,
	workspaceId: number,
	rows: readonly SoldProduct[]
): Promise<void> {
	for (const batch of chunks(rows)) {
		await db
			.insertInto('product')
			.values(
				batch.map((r) => ({
					workspace_id: workspaceId,
					sku: r.sku,
					name: r.name,
					price_minor: r.priceMinor,
					in_stock: 1,
					created_at: r.soldAt,
					updated_at: r.soldAt
				}))
			)
			.onConflict((oc) =>
				oc
					.columns(['workspace_id', 'sku'])
					.doUpdateSet((eb) => ({
						name: eb.ref('excluded.name'),
						price_minor: eb.ref('excluded.price_minor'),
						updated_at: eb.ref('excluded.updated_at')
					}))
					.where(sql<boolean>`excluded.updated_at > product.updated_at`)
					.where(anyOf([differs('product.name'), differs('product.price_minor')]))
			)
			.execute();
	}
}

export async function productIds(
	db: Db,
	workspaceId: number,
	skus: readonly string[]
): Promise<Map<string, number>> {
	const ids = new Map<string, number>();
	for (const batch of chunks(skus, 1000)) {
		const rows = await db
			.selectFrom('product')
			.select(['id', 'sku'])
			.where('workspace_id', '=', workspaceId)
			.where('sku', 'in', batch)
			.execute();
		for (const r of rows) ids.set(r.sku, Number(r.id));
	}
	return ids;
}
