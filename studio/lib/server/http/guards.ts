import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Permission } from '../../auth/permissions';
import { runtime } from '../runtime';
import { allowed, workspaceForMember, type WorkspaceAccess } from '../workspace/workspace-service';

export function requireUser(event: RequestEvent): App.SessionUser {
	const user = event.locals.user;
	if (!user) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
	}
	return user;
}

/**
 * The signed-in member's view of the workspace in the URL. Anyone who is not a member gets 404,
 * never 403, so workspace names cannot be probed. A member lacking `permission` gets 403.
 * Every load and every action calls this itself: actions do not run layout loads.
 */
export async function requireWorkspace(
	event: RequestEvent,
	permission: Permission = 'workspace.read'
): Promise<{ user: App.SessionUser; workspace: WorkspaceAccess }> {
	const user = requireUser(event);
	const slug = event.params.workspace;
	if (!slug) error(404, 'Not found');
	let workspace = event.locals.workspace;
	if (!workspace || workspace.slug !== slug) {
		workspace = (await workspaceForMember(runtime().db, user.id, slug)) ?? undefined;
		if (!workspace) error(404, 'Not found');
		event.locals.workspace = workspace;
	}
	if (!allowed(workspace, permission)) error(403, 'Forbidden');
	return { user, workspace };
}

export function clientIp(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}
