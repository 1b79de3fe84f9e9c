import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam, requireKey } from '$lib/server/http/api';
import { journeyStatsById } from '$lib/server/journey/journey-stats';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * Per-node counts (entered, waiting now, each output), runs by status, conversions, revenue:
 * of every version's runs, or with `?version=` of the runs that entered on that version.
 */
export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const id = idParam(event.params.id);
	const version = versionParam(event.url.searchParams.get('version'));
	const result = await journeyStatsById(runtime().db, key.workspaceId, id, version);
	if (!result.ok) throw new ApiFailure(404, result.error.code, result.error.message);
	return json(result.value);
});

function versionParam(value: string | null): number | null {
	if (value === null) return null;
	const number = Number(value);
	if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(number) || number < 1)
		throw new ApiFailure(
			400,
			'invalid_query',
			'version must be a positive whole number: a published version of this journey.'
		);
	return number;
}
