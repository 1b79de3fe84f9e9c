import { error, json } from '@sveltejs/kit';
import { exportCustomer } from '$lib/server/customer/privacy-service';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** One customer's data as a JSON download, for access requests. */
export const GET: RequestHandler = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const id = Number(event.params.id);
	const data = Number.isSafeInteger(id)
		? await exportCustomer(runtime().db, workspace.id, id)
		: null;
	if (!data) error(404, 'Not found');
	return json(data, {
		headers: {
			'Content-Disposition': `attachment; filename="customer-${id}.json"`,
			'Cache-Control': 'no-store'
		}
	});
};
