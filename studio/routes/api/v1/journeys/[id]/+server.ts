import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam, readJsonBody, requireKey } from '$lib/server/http/api';
import { journeyBody, unwrap, versionBody } from '$lib/server/journey/journey-api';
import { journeyWithVersions, saveDraft } from '$lib/server/journey/journey-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const found = await journeyWithVersions(runtime().db, key.workspaceId, idParam(event.params.id));
	if (!found) throw new ApiFailure(404, 'not_found', 'No such journey.');
	return json({ ...journeyBody(found.journey), versions: found.versions.map(versionBody) });
});

/** Saves the draft: `{ "name"?, "definition"? }`. A live journey keeps running its version. */
export const PUT: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const id = idParam(event.params.id);
	const body = await readJsonBody(event.request, 1_000_000);
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new ApiFailure(
			400,
			'invalid_body',
			'Send a JSON object with "name" and/or "definition".'
		);
	const input = body as Record<string, unknown>;
	const journey = unwrap(
		await saveDraft(runtime().db, key.workspaceId, id, {
			name: input.name,
			definition: input.definition
		})
	);
	return json(journeyBody(journey));
});
