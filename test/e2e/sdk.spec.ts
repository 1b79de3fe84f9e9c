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

test('with consent pending events wait in memory, and go out once consent is granted', async ({
	page,
	baseURL
}) => {
	const studio = new URL(baseURL!);
	await page.goto(`http://localhost:${studio.port}/healthz`);
	await page.addScriptTag({ url: `${studio.origin}/sdk/regulars.min.js` });
	const posted: string[] = [];
	page.on('request', (request) => {
		if (request.url().endsWith('/v1/batch')) posted.push(request.postData() ?? '');
	});
	const before = await page.evaluate(
		async ({ key, host }) => {
			const regulars = (
				window as unknown as { regulars: Record<string, (...a: unknown[]) => void> }
			).regulars;
			regulars.init!({ writeKey: key, host, flushAt: 1, consent: 'pending' });
			regulars.page!();
			regulars.track!('Product Viewed', { product_id: 'SKU-00003' });
			await new Promise((r) => setTimeout(r, 1500));
			return { storage: localStorage.length, cookie: document.cookie };
		},
		{ key: WRITE_KEY, host: studio.origin }
	);
	expect(before).toEqual({ storage: 0, cookie: '' });
	expect(posted).toEqual([]);

	await page.evaluate(() =>
		(window as unknown as { regulars: { consent(s: string): void } }).regulars.consent('granted')
	);
	await expect.poll(() => posted.length, { timeout: 10_000 }).toBeGreaterThan(0);
	const sent = posted.flatMap(
		(body) => (JSON.parse(body) as { batch: { type: string; event?: string }[] }).batch
	);
	expect(sent.map((e) => e.event ?? e.type)).toEqual(['page', 'Product Viewed']);
	// Granted: the visitor's id is now remembered in the first-party cookie.
	const cookies = await page.context().cookies(`http://localhost:${studio.port}`);
	expect(cookies.some((c) => c.name === 'regulars_aid')).toBe(true);
});

test('offers from the studio are rendered as text, and unsafe links are dropped', async ({
	page,
	baseURL
}) => {
	const studio = new URL(baseURL!);
	// Whatever reaches the catalogue could be hostile; the studio's answer is replaced here.
	await page.route(`${studio.origin}/sdk/v1/offers?**`, (route) =>
		route.fulfill({
			headers: { 'Access-Control-Allow-Origin': '*' },
			json: {
				offers: [
					{
						id: 'x:1',
						kind: 'product',
						message: { title: '<b>Welcome back</b>', body: 'A treat <i>for you</i>' },
						product: {
							sku: 'S1',
							name: '<img src=x onerror="window.pwned=1">抹茶',
							priceMinor: 1234,
							currency: 'JPY',
							imageUrl: 'javascript:alert(1)',
							url: '/p/S1'
						}
					},
					{
						id: 'x:2',
						kind: 'product',
						product: {
							sku: 'S2',
							name: 'Link to script',
							priceMinor: 500,
							currency: 'JPY',
							imageUrl: null,
							url: 'javascript:alert(2)'
						}
					}
				]
			}
		})
	);
	await page.goto(`http://localhost:${studio.port}/healthz`);
	await page.addScriptTag({ url: `${studio.origin}/sdk/regulars.min.js` });
	const result = await page.evaluate(
		async ({ key, host }) => {
			const slot = document.createElement('div');
			document.body.append(slot);
			const regulars = (
				window as unknown as {
					regulars: {
						init(o: object): void;
						offers: { render(t: Element, o: object): Promise<number> };
					};
				}
			).regulars;
			regulars.init({ writeKey: key, host });
			const shown = await regulars.offers.render(slot, { placement: 'home', label: 'Picks' });
			await new Promise((r) => setTimeout(r, 200));
			return {
				shown,
				name: slot.querySelector('.regulars-offer__name')?.textContent,
				price: slot.querySelector('.regulars-offer__price')?.textContent,
				href: slot.querySelector('a')?.getAttribute('href'),
				images: slot.querySelectorAll('img').length,
				title: slot.querySelector('.regulars-offers__message strong')?.textContent,
				body: slot.querySelector('.regulars-offers__message p')?.textContent,
				markup: slot.querySelectorAll('b, i').length,
				pwned: (window as unknown as { pwned?: number }).pwned ?? null
			};
		},
		{ key: WRITE_KEY, host: studio.origin }
	);
	expect(result).toEqual({
		shown: 1,
		name: '<img src=x onerror="window.pwned=1">抹茶',
		price: '¥1,234',
		href: `http://localhost:${studio.port}/p/S1`,
		images: 0,
		title: '<b>Welcome back</b>',
		body: 'A treat <i>for you</i>',
		markup: 0,
		pwned: null
	});
	await expect(page.getByRole('list', { name: 'Picks' }).getByRole('link')).toHaveAccessibleName(
		'<img src=x onerror="window.pwned=1">抹茶 ¥1,234'
	);
});
