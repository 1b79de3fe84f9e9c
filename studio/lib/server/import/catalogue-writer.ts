// Writes one chunk of a customers or products file in the caller's transaction.
import type { Db } from '../db/connect';
import type { CustomerRow, ProductRow } from './rows';
import { customerIds, upsertCustomers, upsertProducts, productIds } from './shop-write-repository';

export interface CatalogueTally {
	created: number;
	/** Distinct customers or products this file named. */
	seen: number;
}

/** Later rows win over earlier rows naming the same customer or product in one chunk. */
function lastByKey<T>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
	const byKey = new Map<string, T>();
	for (const row of rows) {
		const k = key(row);
		const before = byKey.get(k);
		byKey.delete(k);
		byKey.set(
			k,
			before && isCustomer(before) && isCustomer(row) ? (mergeCustomer(before, row) as T) : row
		);
	}
	return byKey;
}

function isCustomer(row: unknown): row is CustomerRow {
	return typeof row === 'object' && row !== null && 'externalId' in row;
}

function mergeCustomer(a: CustomerRow, b: CustomerRow): CustomerRow {
	return {
		externalId: b.externalId,
		email: b.email ?? a.email,
		name: b.name ?? a.name,
		consent: b.consent ?? a.consent,
		firstSeenAt: b.firstSeenAt ?? a.firstSeenAt,
		traits: { ...a.traits, ...b.traits }
	};
}

export async function writeCustomers(
	db: Db,
	workspaceId: number,
	rows: readonly CustomerRow[],
	now: number,
	tally: CatalogueTally
): Promise<void> {
	const byKey = lastByKey(rows, (r) => r.externalId);
	const keys = [...byKey.keys()];
	const before = await customerIds(db, workspaceId, keys);
	await upsertCustomers(
		db,
		workspaceId,
		[...byKey.values()].map((r) => ({
			externalId: r.externalId,
			email: r.email,
			name: r.name,
			consent: r.consent ?? 'unknown',
			traits: r.traits,
			// Never seen before the import unless the file says when they signed up.
			firstSeenAt: r.firstSeenAt ?? now,
			lastSeenAt: r.firstSeenAt ?? now
		})),
		now,
		{ moveLastSeen: false }
	);
	tally.created += keys.length - before.size;
	tally.seen += keys.length;
}

export async function writeProducts(
	db: Db,
	workspaceId: number,
	rows: readonly ProductRow[],
	now: number,
	tally: CatalogueTally
): Promise<void> {
	const byKey = lastByKey(rows, (r) => r.sku);
	const keys = [...byKey.keys()];
	const before = await productIds(db, workspaceId, keys);
	await upsertProducts(db, workspaceId, [...byKey.values()], now);
	tally.created += keys.length - before.size;
	tally.seen += keys.length;
}
