import { fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/auth/permissions';
import {
	readExperimentForm,
	toDraftInput,
	type FormProblem
} from '$lib/experiment/experiment-form';
import {
	EXPERIMENT_KINDS,
	EXPERIMENT_STATUSES,
	filterExperiments,
	readExperimentFilter
} from '$lib/experiment/experiment-list';
import { createExperiment, listExperiments } from '$lib/server/experiment/experiment-service';
import { requireWorkspace } from '$lib/server/http/guards';
import { journeyCatalog } from '$lib/server/journey/journey-catalog';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const { db } = runtime();
	const filter = readExperimentFilter(event.url.searchParams);
	const all = await listExperiments(db, workspace.id);
	// The form's suggestions are only worth gathering for people who may create experiments.
	const catalog = can(workspace.role, 'content.edit')
		? await journeyCatalog(db, workspace.id)
		: null;
	return {
		filter,
		statuses: EXPERIMENT_STATUSES,
		kinds: EXPERIMENT_KINDS,
		total: all.length,
		experiments: filterExperiments(all, filter),
		eventNames: catalog?.events.map((e) => e.name) ?? [],
		segments: catalog?.segments ?? []
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'content.edit');
		const values = readExperimentForm(await event.request.formData());
		const result = await createExperiment(runtime().db, {
			...toDraftInput(values),
			workspaceId: workspace.id,
			createdBy: user.id
		});
		if (!result.ok) {
			const problems: FormProblem[] =
				result.error.code === 'invalid' ? result.error.problems : [result.error.code];
			return fail(400, { values, problems });
		}
		redirect(303, `/w/${workspace.slug}/experiments/${result.id}`);
	}
};
