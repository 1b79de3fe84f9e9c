import { redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { workspacesOf } from '$lib/server/workspace/workspace-service';
import type { PageServerLoad } from './$types';

/** The front door: the last workspace used, the first one, or a way to make one. */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) redirect(303, '/sign-in');
	const workspaces = await workspacesOf(runtime().db, locals.user.id);
	const last = workspaces.find((w) => w.id === locals.user?.lastWorkspaceId) ?? workspaces[0];
	redirect(303, last ? `/w/${last.slug}` : '/workspaces/new');
};
