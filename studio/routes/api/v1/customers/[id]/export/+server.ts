import { json } from '@sveltejs/kit';
import { exportCustomer } from '$lib/server/customer/privacy-service';
import { ApiFailure, apiHandler, idParam, requireKey } from '$lib/server/http/api';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Everything held about one customer, for access requests. */
export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const data = await exportCustomer(runtime().db, key.workspaceId, idParam(event.params.id));
	if (!data) throw new ApiFailure(404, 'not_found', 'No customer with this id in this workspace.');
	return json(data);
});
