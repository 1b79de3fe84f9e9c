// How the SDK delivers from the demo storefront when things go wrong: the page unloads right
// after an event, the network drops, the studio fails or throttles. Nothing may be lost and
// nothing stored twice.
import { expect, test } from '@playwright/test';
import { anonymousIdOf, SHOP, studioApi } from './storefront';

test.use({ permissions: ['local-network-access'] });

async function openProduct(page: import('@playwright/test').Page) {
	await page.goto(`${SHOP}/p/SKU-00002`);
	await expect(page.getByRole('button', { name: 'Add to cart' })).toBeVisible();
	// The SDK has loaded when the page view has gone out.
	await page.waitForFunction(
		() => typeof (window as { regulars?: { version?: string } }).regulars?.version === 'string'
	);
}

test('an event tracked right before a navigation still arrives (beacon)', async ({
	page,
	request,
	baseURL
}) => {
	const api = studioApi(request, baseURL!);
	await openProduct(page);
	const anonymousId = await anonymousIdOf(page);
	// The click tracks and navigates at once, well inside the SDK's one-second batching
	// interval: only the exit path (sendBeacon on pagehide) can deliver the events.
	await page.getByRole('button', { name: 'Buy now with ExpressPay' }).click();
	await expect(page).toHaveURL(`${SHOP}/pay`);
	await expect(page.getByRole('heading', { name: 'ExpressPay' })).toBeVisible();

	await expect(async () => {
		const events = await api.eventsOfVisitor(anonymousId);
		const started = events.filter((e) => e.name === 'Checkout Started');
		expect(started).toHaveLength(1);
		expect(started[0]!.properties).toMatchObject({ payment_method: 'ExpressPay' });
		expect(events.filter((e) => e.name === 'Product Added')).toHaveLength(1);
	}).toPass({ timeout: 20_000 });
});

test('offline for a while, then online: every event arrives exactly once', async ({
	page,
	context,
	request,
	baseURL
}) => {
	const api = studioApi(request, baseURL!);
	await openProduct(page);
	const anonymousId = await anonymousIdOf(page);
	await context.setOffline(true);
	const add = page.getByRole('button', { name: 'Add to cart' });
	for (let i = 0; i < 3; i++) await add.click();
	// Attempts fail while offline; the events wait in storage, not lost.
	await page.waitForTimeout(2500);
	const waiting = await page.evaluate(
		() => (JSON.parse(localStorage.getItem('regulars_queue') ?? '[]') as unknown[]).length
	);
	expect(waiting).toBeGreaterThanOrEqual(3);
	await context.setOffline(false);

	await expect(async () => {
		const events = await api.eventsOfVisitor(anonymousId);
		expect(events.filter((e) => e.name === 'Product Added')).toHaveLength(3);
	}).toPass({ timeout: 30_000 });
	// Drained, and nothing comes twice later.
	await expect.poll(() => page.evaluate(() => localStorage.getItem('regulars_queue'))).toBeNull();
	await page.waitForTimeout(1500);
	const events = await api.eventsOfVisitor(anonymousId);
	expect(events.filter((e) => e.name === 'Product Added')).toHaveLength(3);
	expect(new Set(events.map((e) => e.messageId)).size).toBe(events.length);
});

test('a 500 is retried with the same messageIds and stored once; a 429 waits for Retry-After', async ({
	page,
	request,
	baseURL
}) => {
	const api = studioApi(request, baseURL!);
	const cors = {
		'Access-Control-Allow-Origin': SHOP,
		'Access-Control-Expose-Headers': 'Retry-After'
	};
	const answers = ['500', '429', 'pass'];
	const seen: { status: string; at: number; ids: string[] }[] = [];
	await page.route(`${baseURL}/v1/batch`, async (route) => {
		const body = JSON.parse(route.request().postData() ?? '{}') as {
			batch: { messageId: string }[];
		};
		const status = answers.shift() ?? 'pass';
		seen.push({ status, at: Date.now(), ids: body.batch.map((e) => e.messageId) });
		if (status === '500')
			return route.fulfill({
				status: 500,
				headers: cors,
				json: { error: { code: 'internal', message: 'down' } }
			});
		if (status === '429')
			return route.fulfill({
				status: 429,
				headers: { ...cors, 'Retry-After': '3' },
				json: { error: { code: 'rate_limited', message: 'slow down' } }
			});
		return route.continue();
	});
	await openProduct(page);
	const anonymousId = await anonymousIdOf(page);

	await expect.poll(() => seen.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
	const [failed, throttled, passed] = seen;
	expect(failed!.status).toBe('500');
	// The same events, under the same ids, on every attempt.
	expect(throttled!.ids).toEqual(failed!.ids);
	expect(passed!.ids.slice(0, failed!.ids.length)).toEqual(failed!.ids);
	// Retry-After: 3 is honoured (the backoff alone would retry within about a second).
	expect(passed!.at - throttled!.at).toBeGreaterThanOrEqual(2900);

	await expect(async () => {
		const events = await api.eventsOfVisitor(anonymousId);
		const stored = events.filter((e) => failed!.ids.includes(e.messageId));
		expect(stored).toHaveLength(failed!.ids.length);
	}).toPass({ timeout: 20_000 });
});
