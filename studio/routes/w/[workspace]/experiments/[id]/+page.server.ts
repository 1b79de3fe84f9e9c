import { error, fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/auth/permissions';
import {
	editLock,
	readExperimentForm,
	toExperimentPatch,
	type FormProblem
} from '$lib/experiment/experiment-form';
import { experimentResults } from '$lib/server/experiment/experiment-results';
import {
	deleteExperiment,
	getExperiment,
	rollOutWinner,
	startExperiment,
	stopExperiment,
	updateExperiment
} from '$lib/server/experiment/experiment-service';
import { journeyCatalog } from '$lib/server/journey/journey-catalog';
import { field } from '$lib/server/http/form';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import type { ExperimentError } from '$lib/experiment/model';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { experimentIdParam } from './experiment-param';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const id = experimentIdParam(event.params.id);
	// `?sequential=1` judges by the always-valid intervals, for people who look every day.
	const sequential = event.url.searchParams.get('sequential') === '1';
	const results = await experimentResults(runtime().db, workspace.id, id, Date.now(), {
		sequential
	});
	if (!results) error(404, 'Not found');
	// The edit form's suggestions are only worth gathering for people who may edit.
	const catalog = can(workspace.role, 'content.edit')
		? await journeyCatalog(runtime().db, workspace.id)
		: null;
	return {
		results,
		sequential,
		eventNames: catalog?.events.map((e) => e.name) ?? [],
		segments: catalog?.segments ?? []
	};
};

type Action = 'start' | 'stop' | 'rollOut' | 'delete';

function refused(action: Action, failure: ExperimentError) {
	if (failure.code === 'not_found') error(404, 'Not found');
	return fail(failure.code === 'invalid' || failure.code === 'unknown_variant' ? 400 : 409, {
		action,
		error: failure.code
	});
}

async function run(
	event: RequestEvent,
	action: Exclude<Action, 'delete'>,
	change: (workspaceId: number, id: number) => ReturnType<typeof startExperiment>
) {
	const { workspace } = await requireWorkspace(event, 'content.edit');
	const id = experimentIdParam(event.params.id);
	const result = await change(workspace.id, id);
	if (!result.ok) return refused(action, result.error);
	return { action, done: true };
}

export const actions: Actions = {
	start: (event) => run(event, 'start', (ws, id) => startExperiment(runtime().db, ws, id)),
	stop: (event) => run(event, 'stop', (ws, id) => stopExperiment(runtime().db, ws, id)),
	rollOut: async (event) => {
		const variant = field(await event.request.formData(), 'variant', 200);
		return run(event, 'rollOut', (ws, id) => rollOutWinner(runtime().db, ws, id, variant));
	},
	update: async (event) => {
		const { workspace } = await requireWorkspace(event, 'content.edit');
		const id = experimentIdParam(event.params.id);
		const { db } = runtime();
		const current = await getExperiment(db, workspace.id, id);
		if (!current) error(404, 'Not found');
		const values = readExperimentForm(await event.request.formData());
		// Locked fields are disabled in the page and so not posted: what the page showed was the
		// stored experiment, and the key never changes.
		const lock = editLock(current);
		const result = await updateExperiment(db, workspace.id, id, toExperimentPatch(values, lock));
		if (!result.ok) {
			if (result.error.code === 'not_found') error(404, 'Not found');
			const problems: FormProblem[] =
				result.error.code === 'invalid' ? result.error.problems : [result.error.code];
			return fail(400, { action: 'update' as const, values, problems });
		}
		return { action: 'update' as const, done: true };
	},
	delete: async (event) => {
		const { workspace } = await requireWorkspace(event, 'content.edit');
		const id = experimentIdParam(event.params.id);
		const result = await deleteExperiment(runtime().db, workspace.id, id);
		if (!result.ok) return refused('delete', result.error);
		redirect(303, `/w/${workspace.slug}/experiments`);
	}
};
