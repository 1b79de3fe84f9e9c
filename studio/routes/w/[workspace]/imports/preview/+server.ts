import { error, json } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/http/guards';
import { isImportKind } from '$lib/server/import/mapping';
import { previewImport } from '$lib/server/import/preset-service';
import type { RequestHandler } from './$types';

/** The page sends the file's first bytes; this answers the header, a few rows and a guess. */
const MAX_HEAD = 256 * 1024;

export const POST: RequestHandler = async (event) => {
	await requireWorkspace(event, 'content.edit');
	const kind = event.url.searchParams.get('kind');
	if (!isImportKind(kind)) error(400, 'kind must be customers, products or orders');
	const head = Buffer.from(await event.request.arrayBuffer());
	if (head.length > MAX_HEAD) error(413, 'Send at most the first 256 KB');
	return json(previewImport(head, event.url.searchParams.get('complete') === '1', kind));
};
