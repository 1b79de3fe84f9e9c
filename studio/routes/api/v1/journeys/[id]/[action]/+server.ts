import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, idParam, requireKey } from '$lib/server/http/api';
import { journeyBody, unwrap } from '$lib/server/journey/journey-api';
import { changeJourneyStatus, publishJourney } from '$lib/server/journey/journey-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const ACTIONS = ['publish', 'pause', 'resume', 'archive'] as const;

/** POST .../publish | pause | resume | archive */
export const POST: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const id = idParam(event.params.id);
	const action = event.params.action as (typeof ACTIONS)[number];
	if (!ACTIONS.includes(action)) throw new ApiFailure(404, 'not_found', 'Not found.');
	const db = runtime().db;
	if (action === 'publish') {
		const { journey, version } = unwrap(await publishJourney(db, key.workspaceId, id, null));
		return json({ ...journeyBody(journey), version });
	}
	return json(journeyBody(unwrap(await changeJourneyStatus(db, key.workspaceId, id, action))));
});
