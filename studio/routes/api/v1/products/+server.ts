import { json } from '@sveltejs/kit';
import { ApiFailure, apiHandler, readJsonBody, requireKey } from '$lib/server/http/api';
import {
	exportProducts,
	MAX_EXPORT_PAGE,
	MAX_PRODUCTS_PER_REQUEST,
	upsertProducts
} from '$lib/server/product/product-service';
import { runtime } from '$lib/server/runtime';
import { workspaceForKey } from '$lib/server/workspace/workspace-service';
import type { RequestHandler } from './$types';

/**
 * Upserts products by SKU: `{ "products": [...] }` or one product object. Valid products are
 * written; invalid ones come back in `rejected` with their index.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const body = await readJsonBody(event.request, 2 * 1024 * 1024);
	const items =
		body && typeof body === 'object' && !Array.isArray(body) && 'products' in body
			? body.products
			: [body];
	if (!Array.isArray(items))
		throw new ApiFailure(400, 'invalid_body', '"products" must be an array of products.');
	if (items.length > MAX_PRODUCTS_PER_REQUEST)
		throw new ApiFailure(
			400,
			'too_many_products',
			`Send at most ${MAX_PRODUCTS_PER_REQUEST} products per request.`
		);
	const { db } = runtime();
	const workspace = await workspaceForKey(db, key.workspaceId);
	if (!workspace) throw new ApiFailure(401, 'key_invalid', 'The API key is not valid.');
	return json(await upsertProducts(db, workspace, items));
});

/** The catalogue, a page at a time: `?limit=` (at most 500) and `?after=` from the last `next`. */
export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const params = event.url.searchParams;
	const after = Number(params.get('after') ?? 0);
	const limit = Number(params.get('limit') ?? 100);
	if (!Number.isSafeInteger(after) || after < 0)
		throw new ApiFailure(
			400,
			'cursor_invalid',
			'"after" must be the "next" value of the previous page.'
		);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPORT_PAGE)
		throw new ApiFailure(400, 'limit_invalid', `limit must be 1 to ${MAX_EXPORT_PAGE}.`);
	return json(await exportProducts(runtime().db, key.workspaceId, { after, limit }));
});
