import { json } from '@sveltejs/kit';
import { apiError } from '$lib/server/http/api';
import { requireWorkspace } from '$lib/server/http/guards';
import { resolveMapping } from '$lib/server/import/import-service';
import { isImportKind } from '$lib/server/import/mapping';
import { importUpload, MAX_UPLOAD_BYTES } from '$lib/server/import/upload-service';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * The raw file is the body (no multipart); kind, preset and file name come in the query, a custom
 * mapping as URI-encoded JSON in `X-Import-Mapping`. Answers the job id once the file is stored;
 * the import carries on in the background.
 */
export const POST: RequestHandler = async (event) => {
	const { user, workspace } = await requireWorkspace(event, 'content.edit');
	const params = event.url.searchParams;
	const kind = params.get('kind');
	if (!isImportKind(kind))
		return apiError(400, 'kind_invalid', 'kind must be customers, products or orders');
	let mapping: unknown;
	const header = event.request.headers.get('x-import-mapping');
	if (header) {
		try {
			mapping = JSON.parse(decodeURIComponent(header));
		} catch {
			return apiError(400, 'mapping_invalid', 'X-Import-Mapping is not URI-encoded JSON');
		}
	}
	const { db } = runtime();
	const resolved = await resolveMapping(db, workspace.id, kind, {
		preset: params.get('preset'),
		mapping
	});
	if (!resolved.ok)
		return apiError(400, resolved.error, 'The preset or mapping cannot be used for this kind.');
	const declared = Number(event.request.headers.get('content-length') ?? 0);
	const result = await importUpload(
		db,
		{
			workspaceId: workspace.id,
			kind,
			fileName: (params.get('name') ?? 'upload.csv').slice(0, 300),
			preset: resolved.preset,
			mapping: resolved.mapping,
			workspaceCurrency: workspace.currency,
			createdBy: user.id
		},
		event.request.body,
		Number.isFinite(declared) ? declared : 0
	);
	if (!result.ok) {
		if (result.error === 'too_large')
			return apiError(
				413,
				'too_large',
				`Files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; use npm run import for more.`
			);
		if (result.error === 'body_limit')
			return apiError(
				413,
				'body_limit',
				'The server accepts smaller request bodies: start it with BODY_SIZE_LIMIT=200M, or use npm run import.'
			);
		return apiError(400, result.error, 'The upload was empty or did not finish.');
	}
	return json({ jobId: result.jobId }, { status: 202 });
};
