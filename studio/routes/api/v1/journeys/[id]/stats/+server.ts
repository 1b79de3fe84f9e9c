import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam, requireKey } from '$lib/server/http/api';
import { findJourney } from '$lib/server/journey/journey-repository';
import { goalWindowDays, journeyStats } from '$lib/server/journey/journey-stats';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Per-node counts (entered, waiting now, each output), runs by status, conversions, revenue. */
export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const id = idParam(event.params.id);
	const db = runtime().db;
	if (!(await findJourney(db, key.workspaceId, id)))
		throw new ApiFailure(404, 'not_found', 'No such journey.');
	const window = await goalWindowDays(db, key.workspaceId, id);
	return json({ goalWindowDays: window, ...(await journeyStats(db, key.workspaceId, id, window)) });
});
