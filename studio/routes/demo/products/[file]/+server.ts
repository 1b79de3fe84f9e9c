import { error } from '@sveltejs/kit';
import { demoProductSvg } from '$lib/server/demo/product-art';
import type { RequestHandler } from './$types';

/** The demo catalogue's pictures (`/demo/products/SKU-00001.svg`), drawn from the SKU. */
export const GET: RequestHandler = ({ params }) => {
	const svg = params.file.endsWith('.svg') ? demoProductSvg(params.file.slice(0, -4)) : null;
	if (!svg) error(404, 'Not found');
	return new Response(svg, {
		headers: {
			'Content-Type': 'image/svg+xml',
			'Cache-Control': 'public, max-age=86400',
			// An SVG opened on its own is a document; this keeps it from running anything.
			'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'"
		}
	});
};
