import { LIFECYCLE_STAGES, VALUE_TIERS, type LifecycleStage, type ValueTier } from './lifecycle';

// The customers list's URL is its state: filters, sort and page live in the query string, so a
// filtered list can be bookmarked and shared. Parsed the same way by the page and the server.

export const CUSTOMER_SORTS = [
	'last_seen',
	'first_seen',
	'revenue',
	'orders',
	'churn_risk',
	'name'
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const PAGE_SIZE = 50;

export interface CustomerListQuery {
	q: string;
	stage: LifecycleStage | null;
	tier: ValueTier | null;
	segment: number | null;
	sort: CustomerSort;
	dir: 'asc' | 'desc';
	page: number;
}

function oneOf<T extends string>(value: string | null, options: readonly T[]): T | null {
	return value !== null && (options as readonly string[]).includes(value) ? (value as T) : null;
}

export function parseCustomerListQuery(params: URLSearchParams): CustomerListQuery {
	const segment = Number(params.get('segment'));
	const page = Number(params.get('page'));
	return {
		q: (params.get('q') ?? '').trim().slice(0, 200),
		stage: oneOf(params.get('stage'), LIFECYCLE_STAGES),
		tier: oneOf(params.get('tier'), VALUE_TIERS),
		segment: Number.isSafeInteger(segment) && segment > 0 ? segment : null,
		sort: oneOf(params.get('sort'), CUSTOMER_SORTS) ?? 'last_seen',
		dir: params.get('dir') === 'asc' ? 'asc' : 'desc',
		page: Number.isSafeInteger(page) && page > 1 ? Math.min(page, 100_000) : 1
	};
}

/** The query string for a list state, leaving out defaults so URLs stay short. */
export function customerListSearch(query: Partial<CustomerListQuery>): string {
	const params = new URLSearchParams();
	if (query.q) params.set('q', query.q);
	if (query.stage) params.set('stage', query.stage);
	if (query.tier) params.set('tier', query.tier);
	if (query.segment) params.set('segment', String(query.segment));
	if (query.sort && query.sort !== 'last_seen') params.set('sort', query.sort);
	if (query.dir === 'asc') params.set('dir', 'asc');
	if (query.page && query.page > 1) params.set('page', String(query.page));
	const text = params.toString();
	return text ? `?${text}` : '';
}
