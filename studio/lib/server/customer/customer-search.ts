/**
 * The customer picker's search (journey test runs, email previews): the customers list's own
 * search, so a name, email or user id (any part of it, LIKE wildcards taken literally) or an
 * internal id finds the same people in both places.
 */
import type { CustomerListQuery } from '../../customer/list-query';
import type { Db } from '../db/connect';
import { listCustomers } from './customer-read-repository';

export const PICKER_LIMIT = 10;
const MAX_QUERY = 200;

export interface CustomerOption {
	id: number;
	label: string;
}

/** How the picker names a customer: name and email when both are known, else what there is. */
export function customerLabel(row: {
	id: number;
	name: string | null;
	email: string | null;
	externalId: string | null;
}): string {
	const parts = [row.name, row.email].filter((p): p is string => Boolean(p && p.trim()));
	if (parts.length) return parts.join(' · ');
	return row.externalId || `#${row.id}`;
}

/** Up to ten customers of the workspace matching `q`, most recently seen first. */
export async function searchCustomers(
	db: Db,
	workspaceId: number,
	q: string
): Promise<CustomerOption[]> {
	const query: CustomerListQuery = {
		q: q.trim().slice(0, MAX_QUERY),
		stage: null,
		tier: null,
		segment: null,
		sort: 'last_seen',
		dir: 'desc',
		page: 1
	};
	const rows = await listCustomers(db, workspaceId, query, PICKER_LIMIT);
	return rows.map((row) => ({ id: Number(row.id), label: customerLabel(row) }));
}
