import { fail, redirect } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import { createSegment, segmentBuilderOptions } from '$lib/server/segment/segment-service';
import { readSegmentForm } from '../segment-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event, 'content.edit');
	return { options: await segmentBuilderOptions(runtime().db, workspace.id) };
};

export const actions: Actions = {
	save: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'content.edit');
		const input = readSegmentForm(await event.request.formData());
		const result = await createSegment(runtime().db, {
			workspaceId: workspace.id,
			name: input.name,
			description: input.description,
			definition: input.definition,
			createdBy: user.id
		});
		if (!result.ok)
			return fail(400, {
				error: result.error,
				problems: result.problems ?? [],
				name: input.name,
				description: input.description
			});
		redirect(303, `/w/${workspace.slug}/segments/${result.id}?saved=1`);
	}
};
