import { expect, test } from '@playwright/test';

const WRITE_KEY = 'rg_write_demowritekeyforthestorefrontofregulars2';

// Chromium asks before a page reaches a loopback address from another origin; a real storefront
// and studio on public hosts never meet that prompt, so the test grants it.
test.use({ permissions: ['local-network-access'] });

test('a storefront on another origin sends events the way analytics.js does', async ({
	page,
	baseURL
}) => {
	// The shop lives at localhost, the studio at 127.0.0.1: two origins, so the browser runs the
	// real CORS preflight (the Authorization header makes the request non-simple).
	const studio = new URL(baseURL!);
	const shop = `http://localhost:${studio.port}/storefront-under-test`;
	await page.route(shop, (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: '<!doctype html><title>Shop</title><p>shop</p>'
		})
	);
	await page.goto(shop);

	const send = (body: unknown) =>
		page.evaluate(
			async ({ url, key, body }) => {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'Content-Type': 'text/plain', Authorization: `Basic ${btoa(`${key}:`)}` },
					body: JSON.stringify(body)
				});
				return {
					status: response.status,
					body: (await response.json()) as Record<string, unknown>
				};
			},
			{ url: `${studio.origin}/v1/t`, key: WRITE_KEY, body }
		);

	const messageId = `browser-${Date.now()}`;
	const event = {
		type: 'track',
		event: 'Product Viewed',
		messageId,
		anonymousId: `anon-${messageId}`,
		properties: { product_id: 'SKU-00001', name: '测试商品 🍵' },
		sentAt: new Date().toISOString()
	};
	const first = await send(event);
	// Reading the body at all proves the preflight and the response passed the browser's CORS checks.
	expect(first.status).toBe(200);
	expect(first.body).toMatchObject({ success: true, accepted: 1 });

	// A retry with the same messageId is stored once.
	const retry = await send(event);
	expect(retry.body).toMatchObject({ success: true, accepted: 1, duplicates: 1 });

	// The write key in the body works too (the form analytics.js uses without headers).
	const inBody = await page.evaluate(
		async ({ url, key }) => {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'text/plain' },
				body: JSON.stringify({
					writeKey: key,
					type: 'page',
					anonymousId: 'anon-page',
					name: 'Home'
				})
			});
			return response.status;
		},
		{ url: `${studio.origin}/v1/p`, key: WRITE_KEY }
	);
	expect(inBody).toBe(200);
});
