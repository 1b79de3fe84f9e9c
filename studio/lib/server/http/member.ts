import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { can } from '../../auth/permissions';
import type { WorkspaceAccess } from '../workspace/workspace-service';
import { ApiFailure } from './api';
import { requireWorkspace } from './guards';

/**
 * The signed-in member's workspace for a studio JSON endpoint, with failures in the API's error
 * shape instead of redirects: 401 when signed out, 404 for a workspace they are not in (never
 * 403, so names cannot be probed), 403 when `edit` is asked of a viewer.
 */
export async function member(event: RequestEvent, edit = false): Promise<WorkspaceAccess> {
	if (!event.locals.user) throw new ApiFailure(401, 'unauthenticated', 'Sign in first.');
	try {
		const { workspace } = await requireWorkspace(event);
		if (edit && !can(workspace.role, 'content.edit'))
			throw new ApiFailure(403, 'forbidden', 'Only editors and owners can change this.');
		return workspace;
	} catch (e) {
		if (isHttpError(e)) throw new ApiFailure(404, 'not_found', 'Not found.');
		throw e;
	}
}
