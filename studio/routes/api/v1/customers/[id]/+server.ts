import { json } from '@sveltejs/kit';
import { deleteCustomer } from '$lib/server/customer/privacy-service';
import { ApiFailure, apiHandler, idParam, requireKey } from '$lib/server/http/api';
import { runtime } from '$lib/server/runtime';
import { customerForApi } from '$lib/server/shop/stats-service';
import type { RequestHandler } from './$types';

const NOT_FOUND = 'No customer with this id in this workspace.';

export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const customer = await customerForApi(runtime().db, key.workspaceId, idParam(event.params.id));
	if (!customer) throw new ApiFailure(404, 'not_found', NOT_FOUND);
	return json(customer);
});

/** Deletes the customer and everything recorded about them, for good. */
export const DELETE: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const result = await deleteCustomer(runtime().db, {
		workspaceId: key.workspaceId,
		customerId: idParam(event.params.id),
		actorUserId: null,
		ip: event.getClientAddress(),
		via: 'api'
	});
	if (!result.ok) throw new ApiFailure(404, 'not_found', NOT_FOUND);
	return json({ deleted: true });
});
