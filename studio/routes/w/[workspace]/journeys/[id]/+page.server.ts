import { error, fail } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/http/guards';
import { changeJourneyStatus, publishJourney } from '$lib/server/journey/journey-service';
import { journeyIncrementality } from '$lib/server/experiment/incrementality';
import { journeyCatalog } from '$lib/server/journey/journey-catalog';
import { journeyDetail, journeyVersionView } from '$lib/server/journey/journey-view';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function journeyIdParam(value: string): number {
	const id = Number(value);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'Not found');
	return id;
}

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const { db } = runtime();
	const id = journeyIdParam(event.params.id);
	const detail = await journeyDetail(db, workspace.id, id);
	if (!detail) error(404, 'Not found');
	// `?version=3` shows that published version read-only; `?node=x` selects a step.
	const asked = event.url.searchParams.get('version');
	const viewing =
		asked === null ? null : await journeyVersionView(db, workspace.id, id, Number(asked));
	if (asked !== null && !viewing) error(404, 'Not found');
	return {
		...detail,
		viewing,
		focus: event.url.searchParams.get('node'),
		catalog: await journeyCatalog(db, workspace.id),
		incrementality: await journeyIncrementality(db, workspace.id, id)
	};
};

type Change = 'pause' | 'resume' | 'archive';

async function change(event: RequestEvent, action: Change) {
	const { workspace } = await requireWorkspace(event, 'content.edit');
	const id = journeyIdParam(event.params.id);
	const result = await changeJourneyStatus(runtime().db, workspace.id, id, action);
	if (!result.ok) {
		if (result.error.code === 'not_found') error(404, 'Not found');
		return fail(409, { action, error: result.error.code, problems: [] });
	}
	return { action, done: true, version: null };
}

export const actions: Actions = {
	publish: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'content.edit');
		const id = journeyIdParam(event.params.id);
		const result = await publishJourney(runtime().db, workspace.id, id, user.id);
		if (!result.ok) {
			if (result.error.code === 'not_found') error(404, 'Not found');
			return fail(result.error.code === 'state_invalid' ? 409 : 400, {
				action: 'publish' as const,
				error: result.error.code,
				problems: result.error.problems ?? []
			});
		}
		return { action: 'publish' as const, done: true, version: result.value.version };
	},
	pause: (event) => change(event, 'pause'),
	resume: (event) => change(event, 'resume'),
	archive: (event) => change(event, 'archive')
};
