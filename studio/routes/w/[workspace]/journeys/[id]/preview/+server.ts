import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam, readJsonBody } from '$lib/server/http/api';
import { member } from '$lib/server/http/member';
import { previewStep, type PreviewErrorCode } from '$lib/server/journey/step-preview';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// One step: the longest text a step may hold is 20,000 characters.
const MAX_BODY = 200_000;

const STATUS: Record<PreviewErrorCode, number> = {
	invalid_body: 400,
	step_invalid: 400,
	not_previewable: 400,
	not_found: 404,
	customer_not_found: 404
};

/**
 * `{ step, customerId? }` → what that email, offer or webhook step would send to the customer.
 * Any member may preview, viewers too: nothing is stored or sent.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
	const workspace = await member(event);
	const journeyId = idParam(event.params.id);
	const body = await readJsonBody(event.request, MAX_BODY);
	const result = await previewStep(runtime().db, workspace.id, journeyId, body);
	if (!result.ok) {
		const { code, message, problems } = result.error;
		throw new ApiFailure(STATUS[code], code, message, problems ? { problems } : undefined);
	}
	return json(result.value);
});
