import { json } from '@sveltejs/kit';
import { searchCustomers } from '$lib/server/customer/customer-search';
import { apiHandler } from '$lib/server/http/api';
import { member } from '$lib/server/http/member';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The customer picker: `?q=` → `{ customers: [{ id, label }] }`, at most ten, this workspace's. */
export const GET: RequestHandler = apiHandler(async (event) => {
	const workspace = await member(event);
	const q = event.url.searchParams.get('q') ?? '';
	const customers = await searchCustomers(runtime().db, workspace.id, q);
	return json({ customers }, { headers: { 'cache-control': 'no-store' } });
});
