import { json } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/http/guards';
import { installCheck } from '$lib/server/install/install-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// Polled by the install page while a shop tries its snippet.
export const GET: RequestHandler = async (event) => {
	const { workspace } = await requireWorkspace(event, 'workspace.read');
	const check = await installCheck(runtime().db, workspace.id);
	return json(check, { headers: { 'Cache-Control': 'no-store' } });
};
