import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam, readJsonBody, requireKey } from '$lib/server/http/api';
import { readTestRequest, testJourney } from '$lib/server/journey/simulate-request';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const STATUS = { not_found: 404, customer_not_found: 404, definition_invalid: 400 } as const;

/**
 * A test run of the draft (or of `definition`) for one real customer on a virtual clock, with
 * scripted `events`: what each step would do and send. Writes nothing.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const id = idParam(event.params.id);
	const request = readTestRequest(await readJsonBody(event.request, 1_000_000));
	if (!request.ok) throw new ApiFailure(400, 'invalid_body', request.message);
	const result = await testJourney(runtime().db, key.workspaceId, id, request.value);
	if (!result.ok) {
		const { code, message, problems } = result.error;
		throw new ApiFailure(STATUS[code], code, message, problems ? { problems } : undefined);
	}
	return json(result.value);
});
