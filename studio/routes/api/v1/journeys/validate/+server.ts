import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, readJsonBody, requireKey } from '$lib/server/http/api';
import { validateDefinition } from '$lib/server/journey/journey-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The problems publishing would report for `{ "definition": {...} }`; empty when it is valid. */
export const POST: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const body = await readJsonBody(event.request, 1_000_000);
	if (!body || typeof body !== 'object' || Array.isArray(body) || !('definition' in body))
		throw new ApiFailure(400, 'invalid_body', 'Send a JSON object with "definition".');
	const problems = await validateDefinition(runtime().db, key.workspaceId, body.definition);
	return json({ valid: problems.length === 0, problems });
});
