import { can } from '$lib/auth/permissions';
import { requireWorkspace } from '$lib/server/http/guards';
import type { PageServerLoad } from './$types';

// The reference itself is static data the page imports; the server adds only what depends on
// the request: the origin the curl examples call, and whether the member may manage keys.
export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event, 'workspace.read');
	return { origin: event.url.origin, keysVisible: can(workspace.role, 'keys.read') };
};
