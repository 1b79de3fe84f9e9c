import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam, readJsonBody } from '$lib/server/http/api';
import { member } from '$lib/server/http/member';
import {
	saveDraft,
	validateDefinition,
	type JourneyErrorCode
} from '$lib/server/journey/journey-service';
import { journeyDraft } from '$lib/server/journey/journey-view';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// A little over the service's own 1 MB limit on a definition, so that limit answers first.
const MAX_BODY = 1_100_000;

const STATUS: Record<JourneyErrorCode, number> = {
	not_found: 404,
	name_invalid: 400,
	template_unknown: 400,
	definition_invalid: 400,
	state_invalid: 409
};

/** The draft as the canvas opens it. */
export const GET: RequestHandler = apiHandler(async (event) => {
	const workspace = await member(event);
	const draft = await journeyDraft(runtime().db, workspace.id, idParam(event.params.id));
	if (!draft) throw new ApiFailure(404, 'not_found', 'No such journey.');
	return json(draft);
});

/** The canvas's autosave: `{ name?, definition? }`; an unfinished definition is fine here. */
export const PUT: RequestHandler = apiHandler(async (event) => {
	const workspace = await member(event, true);
	const id = idParam(event.params.id);
	const body = await readJsonBody(event.request, MAX_BODY);
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw new ApiFailure(400, 'invalid_body', 'Send an object: { name?, definition? }.');
	const { name, definition } = body as { name?: unknown; definition?: unknown };
	const result = await saveDraft(runtime().db, workspace.id, id, { name, definition });
	if (!result.ok) {
		const { code, message, problems } = result.error;
		throw new ApiFailure(STATUS[code], code, message, problems ? { problems } : undefined);
	}
	// The lint as publishing sees it, so the canvas can show what only the server knows.
	const problems = await validateDefinition(runtime().db, workspace.id, result.value.draft);
	return json({ journey: result.value, problems });
});
