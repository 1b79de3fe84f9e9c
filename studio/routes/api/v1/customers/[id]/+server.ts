import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam, requireKey } from '$lib/server/http/api';
import { runtime } from '$lib/server/runtime';
import { customerForApi } from '$lib/server/shop/stats-service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const customer = await customerForApi(runtime().db, key.workspaceId, idParam(event.params.id));
	if (!customer)
		throw new ApiFailure(404, 'not_found', 'No customer with this id in this workspace.');
	return json(customer);
});
