import { json } from '@sveltejs/kit';
import { apiHandler, requireKey } from '$lib/server/http/api';
import { runtime } from '$lib/server/runtime';
import { workspaceForKey } from '$lib/server/workspace/workspace-service';
import type { RequestHandler } from './$types';

/** Which workspace a secret key belongs to: the first call a developer makes to check a key. */
export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	return json(await workspaceForKey(runtime().db, key.workspaceId));
});
