import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, readJsonBody, requireKey } from '$lib/server/http/api';
import { journeyBody, unwrap } from '$lib/server/journey/journey-api';
import { createJourney, listJourneys } from '$lib/server/journey/journey-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const journeys = await listJourneys(runtime().db, key.workspaceId);
	return json({ journeys: journeys.map(journeyBody) });
});

/** `{ "name": "...", "template": "abandoned_cart" }` or `{ "name": "...", "definition": {...} }`. */
export const POST: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const body = await readJsonBody(event.request, 1_000_000);
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new ApiFailure(
			400,
			'invalid_body',
			'Send a JSON object with "name" and a "template" or "definition".'
		);
	const input = body as Record<string, unknown>;
	const journey = unwrap(
		await createJourney(
			runtime().db,
			key.workspaceId,
			{ name: input.name, template: input.template, definition: input.definition },
			null
		)
	);
	return json(journeyBody(journey), { status: 201 });
});
