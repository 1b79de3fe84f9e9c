import { auditPage } from '$lib/server/audit/audit-service';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event, 'audit.read');
	const before = Number(event.url.searchParams.get('before'));
	const page = await auditPage(
		runtime().db,
		workspace.id,
		Number.isSafeInteger(before) && before > 0 ? before : undefined
	);
	return { ...page, paged: event.url.searchParams.has('before') };
};
