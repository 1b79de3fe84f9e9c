import { fail } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/http/guards';
import { field } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import { deleteSegment, listSegments } from '$lib/server/segment/segment-service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	return { segments: await listSegments(runtime().db, workspace.id) };
};

export const actions: Actions = {
	delete: async (event) => {
		const { workspace } = await requireWorkspace(event, 'content.edit');
		const form = await event.request.formData();
		const segmentId = Number(field(form, 'id', 20));
		const result = await deleteSegment(runtime().db, {
			workspaceId: workspace.id,
			segmentId: Number.isSafeInteger(segmentId) ? segmentId : 0
		});
		if (!result.ok) return fail(404, { deleteError: result.error });
		return { deleted: true };
	}
};
