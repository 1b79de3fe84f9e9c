import { error, fail } from '@sveltejs/kit';
import { experimentResults } from '$lib/server/experiment/experiment-results';
import {
	rollOutWinner,
	startExperiment,
	stopExperiment
} from '$lib/server/experiment/experiment-service';
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
	return { results, sequential };
};

type Action = 'start' | 'stop' | 'rollOut';

function refused(action: Action, failure: ExperimentError) {
	if (failure.code === 'not_found') error(404, 'Not found');
	return fail(failure.code === 'invalid' || failure.code === 'unknown_variant' ? 400 : 409, {
		action,
		error: failure.code
	});
}

async function run(
	event: RequestEvent,
	action: Action,
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
	}
};
