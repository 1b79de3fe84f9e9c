// The demo storefront: a small shop on its own origin that embeds the Regulars SDK by script tag
// from the studio, the way a real shop would.
//
//   node examples/storefront/server.mjs
//   STUDIO_URL=https://crm.example.com WRITE_KEY=rg_write_... SECRET_KEY=rg_secret_... PORT=4174 \
//     node examples/storefront/server.mjs
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from './catalogue.mjs';
import {
	cartPage,
	checkoutPage,
	homePage,
	notFoundPage,
	payPage,
	productPage,
	thanksPage
} from './pages.mjs';

export const DEMO_WRITE_KEY = 'rg_write_demowritekeyforthestorefrontofregulars2';
export const DEMO_SECRET_KEY = 'rg_secret_demosecretkeyforthebackofficeofregulars';

const STATIC = {
	'/shop.js': 'text/javascript; charset=utf-8',
	'/shop.css': 'text/css; charset=utf-8'
};
const publicDir = new URL('./public/', import.meta.url);

/**
 * A strict CSP, as a careful shop would send: scripts only with this response's nonce (the SDK's
 * stub and script tag carry it, and it passes the nonce to the stylesheet it injects), requests
 * only to the studio.
 * @param {string} nonce @param {string} studio
 */
function csp(nonce, studio) {
	return [
		"default-src 'self'",
		`script-src 'nonce-${nonce}' 'strict-dynamic'`,
		`style-src 'self' 'nonce-${nonce}'`,
		`img-src 'self' data: ${studio}`,
		`connect-src ${studio}`,
		"base-uri 'none'",
		"object-src 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'"
	].join('; ');
}

/**
 * @param {{ studioUrl: string, writeKey?: string, secretKey?: string, sdkUrl?: string }} options
 */
export async function createStorefront(options) {
	const studioUrl = options.studioUrl.replace(/\/+$/, '');
	const studioOrigin = new URL(studioUrl).origin;
	const writeKey = options.writeKey ?? DEMO_WRITE_KEY;
	const catalogue = await loadCatalogue(studioUrl, options.secretKey ?? DEMO_SECRET_KEY);

	return createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://shop.invalid');
		const path = url.pathname;
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.writeHead(405, { Allow: 'GET, HEAD' }).end();
			return;
		}
		if (path === '/favicon.ico') {
			res.writeHead(204).end();
			return;
		}
		if (path === '/healthz') {
			res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
			return;
		}
		if (path in STATIC) {
			const file = readFileSync(new URL(`.${path}`, publicDir));
			res.writeHead(200, {
				'Content-Type': STATIC[/** @type {keyof STATIC} */ (path)],
				'Cache-Control': 'no-cache'
			});
			res.end(file);
			return;
		}
		const nonce = randomBytes(16).toString('base64');
		const ctx = {
			studioUrl,
			writeKey,
			nonce,
			catalogue,
			...(options.sdkUrl ? { sdkUrl: options.sdkUrl } : {})
		};
		let status = 200;
		let page;
		const sku = /^\/p\/([^/]+)$/.exec(path)?.[1];
		if (path === '/') page = homePage(ctx, url.searchParams.get('category'));
		else if (sku && catalogue.bySku.has(decodeURIComponent(sku)))
			page = productPage(
				ctx,
				/** @type {import('./catalogue.mjs').Product} */ (
					catalogue.bySku.get(decodeURIComponent(sku))
				)
			);
		else if (path === '/cart') page = cartPage(ctx);
		else if (path === '/checkout') page = checkoutPage(ctx);
		else if (path === '/thanks') page = thanksPage(ctx, url.searchParams.get('order') ?? '');
		else if (path === '/pay') page = payPage();
		else {
			status = 404;
			page = notFoundPage(ctx);
		}
		res.writeHead(status, {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy': csp(nonce, studioOrigin),
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff',
			'Referrer-Policy': 'strict-origin-when-cross-origin'
		});
		res.end(req.method === 'HEAD' ? undefined : String(page));
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const port = Number(process.env.PORT ?? 4174);
	const host = process.env.HOST ?? '127.0.0.1';
	const studioUrl = process.env.STUDIO_URL ?? 'http://127.0.0.1:3000';
	// Started next to the studio, the shop may come up first: it waits a while for the catalogue.
	const deadline = Date.now() + Number(process.env.WAIT_FOR_STUDIO_MS ?? 120_000);
	for (let attempt = 0; ; attempt++) {
		try {
			const server = await createStorefront({
				studioUrl,
				...(process.env.WRITE_KEY ? { writeKey: process.env.WRITE_KEY } : {}),
				...(process.env.SECRET_KEY ? { secretKey: process.env.SECRET_KEY } : {}),
				...(process.env.SDK_URL ? { sdkUrl: process.env.SDK_URL } : {})
			});
			server.listen(port, host, () => {
				console.log(`Demo storefront: http://${host}:${port} (studio ${studioUrl})`);
			});
			break;
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			// A refused connection means the studio is still starting; anything else will not pass.
			const starting = /fetch failed|ECONNREFUSED/.test(
				reason + String(error instanceof Error && error.cause)
			);
			if (!starting || Date.now() > deadline) {
				console.error(`The storefront could not load its catalogue from ${studioUrl}:`);
				console.error(`  ${reason}`);
				console.error(
					'Start the studio first (npm start), or set STUDIO_URL, WRITE_KEY and SECRET_KEY.'
				);
				process.exit(1);
			}
			if (attempt === 0) console.log(`Waiting for the studio at ${studioUrl}…`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
}
