import { error, fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/auth/permissions';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import {
	deleteSegment,
	getSegment,
	recentMembers,
	segmentBuilderOptions,
	updateSegment
} from '$lib/server/segment/segment-service';
import { readSegmentForm, segmentIdParam } from '../segment-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const { db } = runtime();
	const segment = await getSegment(db, workspace.id, segmentIdParam(event.params.id));
	if (!segment) error(404, 'Not found');
	const editable = can(workspace.role, 'content.edit');
	return {
		segment,
		members: await recentMembers(db, workspace.id, segment.id),
		options: editable ? await segmentBuilderOptions(db, workspace.id) : { events: [], traits: [] },
		saved: event.url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { workspace } = await requireWorkspace(event, 'content.edit');
		const input = readSegmentForm(await event.request.formData());
		const result = await updateSegment(runtime().db, {
			workspaceId: workspace.id,
			segmentId: segmentIdParam(event.params.id),
			name: input.name,
			description: input.description,
			definition: input.definition
		});
		if (!result.ok) {
			if (result.error === 'not_found') error(404, 'Not found');
			return fail(400, {
				error: result.error,
				problems: result.problems ?? [],
				name: input.name,
				description: input.description
			});
		}
		return { saved: true };
	},
	delete: async (event) => {
		const { workspace } = await requireWorkspace(event, 'content.edit');
		const result = await deleteSegment(runtime().db, {
			workspaceId: workspace.id,
			segmentId: segmentIdParam(event.params.id)
		});
		if (!result.ok) error(404, 'Not found');
		redirect(303, `/w/${workspace.slug}/segments`);
	}
};
