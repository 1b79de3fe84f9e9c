import { parseCustomerListQuery } from '$lib/customer/list-query';
import { customersPage } from '$lib/server/customer/customer-service';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const query = parseCustomerListQuery(event.url.searchParams);
	return { query, ...(await customersPage(runtime().db, workspace.id, query)) };
};
