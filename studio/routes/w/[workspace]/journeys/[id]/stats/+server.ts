import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam } from '$lib/server/http/api';
import { member } from '$lib/server/http/member';
import { liveStats } from '$lib/server/journey/test-panel-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * The live view's counts, polled every few seconds: `{ status, stats, goalWindowDays }`, per step
 * (entered, waiting, outcomes, converted) and per run status. Never cached: each poll is news.
 */
export const GET: RequestHandler = apiHandler(async (event) => {
	const workspace = await member(event);
	const result = await liveStats(runtime().db, workspace.id, idParam(event.params.id));
	if (!result) throw new ApiFailure(404, 'not_found', 'No such journey.');
	return json(result, { headers: { 'cache-control': 'no-store' } });
});
