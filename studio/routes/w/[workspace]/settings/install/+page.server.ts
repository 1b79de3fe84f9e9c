import { can } from '$lib/auth/permissions';
import { requireWorkspace } from '$lib/server/http/guards';
import { activeWriteKeys, installCheck } from '$lib/server/install/install-service';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event, 'workspace.read');
	const db = runtime().db;
	const keysVisible = can(workspace.role, 'keys.read');
	return {
		origin: event.url.origin,
		keysVisible,
		writeKeys: keysVisible ? await activeWriteKeys(db, workspace.id) : [],
		check: await installCheck(db, workspace.id)
	};
};
