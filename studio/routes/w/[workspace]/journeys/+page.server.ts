import { fail, redirect } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/http/guards';
import { field } from '$lib/server/http/form';
import {
	JOURNEY_STATUSES,
	isJourneyStatus,
	isStartingPoint,
	listJourneyOverview,
	startJourney
} from '$lib/server/journey/journey-view';
import { runtime } from '$lib/server/runtime';
import { TEMPLATE_KEYS, journeyTemplate } from '$lib/journey/templates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const params = event.url.searchParams;
	const status = params.get('status');
	const filter = {
		status: isJourneyStatus(status) ? status : null,
		search: (params.get('q') ?? '').trim().slice(0, 200)
	};
	return {
		filter,
		statuses: JOURNEY_STATUSES,
		journeys: await listJourneyOverview(runtime().db, workspace.id, filter),
		// English names and descriptions: the page shows the translation when there is one.
		templates: TEMPLATE_KEYS.map((key) => {
			const { name, description } = journeyTemplate(key);
			return { key, name, description };
		})
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'content.edit');
		const form = await event.request.formData();
		const name = field(form, 'name', 300);
		const start = field(form, 'start', 50);
		if (!isStartingPoint(start))
			return fail(400, { error: 'template_unknown' as const, name, start });
		const result = await startJourney(runtime().db, workspace.id, { name, start }, user.id);
		if (!result.ok) return fail(400, { error: result.error.code, name, start });
		redirect(303, `/w/${workspace.slug}/journeys/${result.value.id}`);
	}
};
