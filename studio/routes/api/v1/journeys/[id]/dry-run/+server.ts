import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam, readJsonBody, requireKey } from '$lib/server/http/api';
import { dryRunById, readDryRunRequest } from '$lib/server/journey/dry-run';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const STATUS = { not_found: 404, customer_not_found: 404, definition_invalid: 400 } as const;

/**
 * What the draft (or `definition`) would have done over the last `days` days of real events:
 * entrants, per-step counts and messages per day, estimated from a sample. Writes nothing.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const id = idParam(event.params.id);
	// An empty body asks for the defaults.
	const body =
		event.request.headers.get('content-length') === '0'
			? {}
			: await readJsonBody(event.request, 1_000_000);
	const request = readDryRunRequest(body);
	if (!request.ok) throw new ApiFailure(400, request.code, request.message);
	const result = await dryRunById(runtime().db, key.workspaceId, id, request.value);
	if (!result.ok) {
		const { code, message, problems } = result.error;
		throw new ApiFailure(STATUS[code], code, message, problems ? { problems } : undefined);
	}
	return json(result.value);
});
