import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam, readJsonBody } from '$lib/server/http/api';
import { member } from '$lib/server/http/member';
import { runDryRun, type PanelErrorCode } from '$lib/server/journey/test-panel-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const MAX_BODY = 1_100_000;

const STATUS: Record<PanelErrorCode, number> = {
	not_found: 404,
	customer_not_found: 404,
	definition_invalid: 400,
	invalid_body: 400,
	days_invalid: 400,
	sample_invalid: 400
};

/**
 * The test panel's dry run: `{ days?, sample?, definition? }`, what the journey would have done
 * over the last `days` days of real data. An estimate; nothing is written or sent.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
	const workspace = await member(event);
	const id = idParam(event.params.id);
	// An empty body asks for the defaults.
	const body =
		event.request.headers.get('content-length') === '0'
			? {}
			: await readJsonBody(event.request, MAX_BODY);
	const result = await runDryRun(runtime().db, workspace.id, id, body);
	if (!result.ok) {
		const { code, message, problems } = result.error;
		throw new ApiFailure(STATUS[code], code, message, problems ? { problems } : undefined);
	}
	return json(result.value);
});
