import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/openapi/document';
import type { RequestHandler } from './$types';

// The document describes and reveals no data, so it needs no key, and API tools on any origin
// (Swagger UI, Postman, code generators) may fetch it; five minutes of caching is plenty for a
// file that changes only with a deploy.
const HEADERS = {
	'Cache-Control': 'public, max-age=300',
	'Access-Control-Allow-Origin': '*'
};

export const GET: RequestHandler = ({ url }) =>
	json(openApiDocument(url.origin), { headers: HEADERS });

export const OPTIONS: RequestHandler = () =>
	new Response(null, {
		status: 204,
		headers: {
			...HEADERS,
			'Access-Control-Allow-Methods': 'GET, OPTIONS',
			'Access-Control-Allow-Headers': 'Accept, Content-Type',
			'Access-Control-Max-Age': '86400'
		}
	});
