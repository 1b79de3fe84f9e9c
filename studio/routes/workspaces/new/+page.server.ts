import { fail, redirect } from '@sveltejs/kit';
import { clientIp, requireUser } from '$lib/server/http/guards';
import { field } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import { createWorkspace, workspacesOf } from '$lib/server/workspace/workspace-service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { hasWorkspaces: (await workspacesOf(runtime().db, user.id)).length > 0 };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const name = field(form, 'name', 300);
		const result = await createWorkspace(runtime().db, {
			name,
			ownerId: user.id,
			ip: clientIp(event)
		});
		if (!result.ok) return fail(400, { name, error: result.error });
		redirect(303, `/w/${result.workspace.slug}`);
	}
};
