import { expect, test } from '@playwright/test';
import { open, signInThroughForm } from './helpers';

const WRITE_KEY = 'rg_write_demowritekeyforthestorefrontofregulars2';

// The "shop" is served from localhost, the studio from 127.0.0.1: a cross-origin storefront, as in
// production. Chromium asks before a page reaches loopback from another origin; granted here.
test.use({ permissions: ['local-network-access'] });

test('the script-tag SDK, served by the studio, delivers events from a shop on another origin', async ({
	page,
	browser,
	baseURL
}) => {
	const studio = new URL(baseURL!);
	const script = await page.request.get(`${studio.origin}/sdk/regulars.min.js`);
	expect(script.headers()['cache-control']).toContain('max-age');

	await page.goto(`http://localhost:${studio.port}/healthz`);
	await page.addScriptTag({ url: `${studio.origin}/sdk/regulars.min.js` });
	const userId = `sdk-${Date.now()}`;
	const email = `${userId}@example.com`;
	const posts: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/v1/')) posts.push(request.url());
	});
	await page.evaluate(
		({ key, host, userId, email }) => {
			const regulars = (
				window as unknown as { regulars: Record<string, (...a: unknown[]) => void> }
			).regulars;
			regulars.init!({ writeKey: key, host, flushAt: 1 });
			regulars.page!();
			regulars.track!('Product Viewed', { product_id: 'SKU-00001', price: 12.5 });
			regulars.identify!(userId, { email, name: 'SDK Shopper' });
		},
		{ key: WRITE_KEY, host: studio.origin, userId, email }
	);
	await expect.poll(() => posts.length, { timeout: 10_000 }).toBeGreaterThan(0);

	// The anonymous id sits in a first-party cookie and storage.
	const cookies = await page.context().cookies(`http://localhost:${studio.port}`);
	expect(cookies.find((c) => c.name === 'regulars_aid')?.value).toBeTruthy();

	// In the studio: one profile, known by the id given at identify, holding the earlier events.
	const studioPage = await browser.newPage();
	await signInThroughForm(studioPage, 'demo@regulars.local', 'regulars-demo');
	await expect(async () => {
		await open(studioPage, `/w/regulars-demo-shop/customers?q=${encodeURIComponent(email)}`);
		await expect(studioPage.getByTestId('customer-row')).toHaveCount(1);
	}).toPass({ timeout: 20_000 });
	await studioPage.getByTestId('customer-row').locator('a').click();
	await expect(
		studioPage.getByTestId('timeline-event').filter({ hasText: 'Product Viewed' })
	).toHaveCount(1);
});

test('with consent denied the SDK sends nothing and stores nothing', async ({ page, baseURL }) => {
	const studio = new URL(baseURL!);
	await page.goto(`http://localhost:${studio.port}/healthz`);
	await page.addScriptTag({ url: `${studio.origin}/sdk/regulars.min.js` });
	const posts: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/v1/')) posts.push(request.url());
	});
	const stored = await page.evaluate(
		async ({ key, host }) => {
			const regulars = (
				window as unknown as { regulars: Record<string, (...a: unknown[]) => void> }
			).regulars;
			regulars.init!({ writeKey: key, host, flushAt: 1, consent: 'denied' });
			regulars.page!();
			regulars.track!('Product Viewed', { product_id: 'SKU-00001' });
			regulars.identify!('someone', { email: 'someone@example.com' });
			await new Promise((r) => setTimeout(r, 1500));
			return { storage: localStorage.length, cookie: document.cookie };
		},
		{ key: WRITE_KEY, host: studio.origin }
	);
	expect(stored).toEqual({ storage: 0, cookie: '' });
	expect(posts).toEqual([]);
});
