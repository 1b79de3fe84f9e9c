import { json } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import { previewCount } from '$lib/server/segment/segment-service';
import type { RequestHandler } from './$types';

const MAX_BODY = 200_000;

/**
 * The rule builder's live count: POST `{ definition }`, answered with `{ count, total }`, or with
 * `{ problems }` when the rules do not validate yet.
 */
export const POST: RequestHandler = async (event) => {
	const { workspace } = await requireWorkspace(event, 'content.edit');
	const text = await event.request.text();
	if (text.length > MAX_BODY)
		return json(
			{ error: { code: 'too_large', message: 'The rules are too large.' } },
			{ status: 413 }
		);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return json({ error: { code: 'invalid_json', message: 'Send JSON.' } }, { status: 400 });
	}
	const definition =
		typeof body === 'object' && body !== null
			? (body as { definition?: unknown }).definition
			: null;
	const result = await previewCount(runtime().db, workspace.id, definition);
	// Unfinished rules are the normal state while editing, not a failed request: 200 with problems.
	if (!result.ok) return json({ problems: result.problems });
	return json({ count: result.count, total: result.total });
};
