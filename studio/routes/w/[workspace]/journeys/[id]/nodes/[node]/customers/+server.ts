import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam } from '$lib/server/http/api';
import { member } from '$lib/server/http/member';
import { customersAtNode, parseNodeCustomersQuery } from '$lib/server/journey/journey-trace';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * Customers at a step of a published journey, for the canvas's side panel:
 * `?state=waiting|passed&limit=1..100&cursor=` answers `{ customers, nextCursor }`, newest first.
 */
export const GET: RequestHandler = apiHandler(async (event) => {
	const workspace = await member(event);
	const journeyId = idParam(event.params.id);
	const query = parseNodeCustomersQuery(event.url.searchParams);
	if (!query.ok) throw new ApiFailure(400, 'invalid_query', query.message);
	const result = await customersAtNode(
		runtime().db,
		workspace.id,
		journeyId,
		event.params.node,
		query.value
	);
	if (!result.ok)
		throw new ApiFailure(
			result.error.code === 'not_found' ? 404 : 400,
			result.error.code,
			result.error.message
		);
	return json(result.value, { headers: { 'cache-control': 'no-store' } });
});
