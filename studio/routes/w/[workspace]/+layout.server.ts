import { rememberWorkspace } from '$lib/server/auth/account-service';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import { workspacesOf } from '$lib/server/workspace/workspace-service';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const { user, workspace } = await requireWorkspace(event);
	const { db } = runtime();
	if (user.lastWorkspaceId !== workspace.id) await rememberWorkspace(db, user.id, workspace.id);
	return {
		workspace: {
			slug: workspace.slug,
			name: workspace.name,
			currency: workspace.currency,
			timeZone: workspace.timeZone
		},
		role: workspace.role,
		workspaces: (await workspacesOf(db, user.id)).map((w) => ({ slug: w.slug, name: w.name }))
	};
};
