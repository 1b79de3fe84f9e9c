import { error, json } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/http/guards';
import { importJob } from '$lib/server/import/preset-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** One job's progress, polled by the upload page. Another workspace's job is 404. */
export const GET: RequestHandler = async (event) => {
	const { workspace } = await requireWorkspace(event, 'content.edit');
	const id = Number(event.params.id);
	const job = Number.isSafeInteger(id) ? await importJob(runtime().db, workspace.id, id) : null;
	if (!job) error(404, 'Not found');
	const { mapping: _mapping, createdBy: _createdBy, ...view } = job;
	return json(view, { headers: { 'cache-control': 'no-store' } });
};
