// The demo storefront (examples/storefront) on its own origin, embedding the SDK by script tag
// from the studio: what a shopper does there must arrive in the studio, in order, as one profile.
import { expect, test } from '@playwright/test';
import { uniqueEmail } from './helpers';
import { anonymousIdOf, recordBatches, SHOP, studioApi } from './storefront';

// Chromium asks before a page reaches loopback from another origin; a shop and a studio on public
// hosts never meet that prompt, so the tests grant it.
test.use({ permissions: ['local-network-access'] });

test('browsing, cart and checkout arrive in the studio in order as one profile, known after checkout', async ({
	page,
	request,
	baseURL
}) => {
	const api = studioApi(request, baseURL!);
	await page.goto(SHOP);
	await expect(page.locator('#offers .regulars-offer')).toHaveCount(4);
	const anonymousId = await anonymousIdOf(page);

	await page.locator('#product-list .card a').first().click();
	await expect(page).toHaveURL(/\/p\/SKU-\d{5}$/);
	const sku = new URL(page.url()).pathname.split('/').pop()!;
	await page.getByRole('button', { name: 'Add to cart' }).click();
	await expect(page.getByRole('status')).toContainText('is in your cart');

	await page.getByRole('link', { name: /Cart \(1\)/ }).click();
	await expect(page.locator('#cart-lines .line')).toHaveCount(1);
	await page.getByRole('link', { name: 'Checkout' }).click();

	// An invalid email is refused inline, and nothing is identified.
	await page.getByLabel('Email').fill('not-an-email');
	await page.getByRole('button', { name: 'Place order' }).click();
	await expect(page.locator('#email-error')).toHaveText(/Enter an email address/);
	await expect(page).toHaveURL(/\/checkout$/);

	const email = uniqueEmail('shopper');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('First name').fill('Mei');
	await page.getByLabel('Last name').fill('Lin 林');
	await page.getByRole('button', { name: 'Place order' }).click();
	await expect(page).toHaveURL(/\/thanks\?order=D-/);
	const orderId = await page.locator('#order-id').textContent();
	// The same visitor from the first page to the last.
	expect(await anonymousIdOf(page)).toBe(anonymousId);

	// One profile, found by the id given at checkout and by the anonymous id of the first page.
	let customerId = 0;
	await expect(async () => {
		const known = await api.customers(`userId=${encodeURIComponent(email.toLowerCase())}`);
		expect(known).toHaveLength(1);
		expect(known[0]!.ordersCount).toBe(1);
		const byVisitor = await api.customers(`anonymousId=${encodeURIComponent(anonymousId)}`);
		expect(byVisitor.map((c) => c.id)).toEqual([known[0]!.id]);
		customerId = known[0]!.id;
	}).toPass({ timeout: 20_000 });

	await expect(async () => {
		const events = await api.events(customerId);
		const pages = events.filter((e) => e.type === 'page').map((e) => e.properties.path);
		expect(pages).toEqual(['/', `/p/${sku}`, '/cart', '/checkout', '/thanks']);
		const story = events
			.map((e) => (e.type === 'track' ? e.name : e.type))
			.filter((n) =>
				[
					'Product List Viewed',
					'Product Viewed',
					'Product Added',
					'Cart Viewed',
					'Checkout Started',
					'identify',
					'Order Completed'
				].includes(n!)
			);
		expect(story).toEqual([
			'Product List Viewed',
			'Product Viewed',
			'Product Added',
			'Cart Viewed',
			'Checkout Started',
			'identify',
			'Order Completed'
		]);
		const completed = events.find((e) => e.name === 'Order Completed')!;
		expect(completed.properties).toMatchObject({
			order_id: orderId,
			currency: 'USD',
			products: [expect.objectContaining({ sku, quantity: 1 })]
		});
		// Each event stored once.
		expect(new Set(events.map((e) => e.messageId)).size).toBe(events.length);
	}).toPass({ timeout: 20_000 });
});

test('offers render as accessible cards; impressions when seen and clicks carry the offer id', async ({
	page,
	request,
	baseURL
}) => {
	const api = studioApi(request, baseURL!);
	const sent = recordBatches(page);
	await page.goto(SHOP);
	const list = page.getByRole('list', { name: 'Recommended for you' });
	await expect(list.getByRole('listitem')).toHaveCount(4);
	const first = list.getByRole('link').first();
	// The link's accessible name is the product and its price, in the shop's currency.
	await expect(first).toHaveAccessibleName(/\S.* \$\d+\.\d{2}$/);
	// Styled by the stylesheet the SDK injected with the page's nonce, despite the strict CSP.
	await expect(page.locator('.regulars-offers__list')).toHaveCSS('display', 'grid');

	await expect
		.poll(() => sent.events.filter((e) => e.event === 'Promotion Viewed').length, {
			timeout: 10_000
		})
		.toBe(4);
	const viewed = sent.events.filter((e) => e.event === 'Promotion Viewed');
	expect(viewed.map((e) => e.properties!.position).sort()).toEqual([1, 2, 3, 4]);
	// Best sellers until the first model is trained, then the recommender's ids.
	for (const e of viewed)
		expect(e.properties!.offer_id).toMatch(/^(best:SKU-\d{5}:home|rec_[\w-]+:SKU-\d{5})$/);

	const offerId = await page
		.locator('#offers .regulars-offer')
		.first()
		.getAttribute('data-offer-id');
	const sku = offerId!.match(/SKU-\d{5}/)![0];
	await first.click();
	// The relative catalogue link resolves on the shop, not the studio.
	await expect(page).toHaveURL(`${SHOP}/p/${sku}`);
	// The click's event leaves with the page (a beacon), so the studio is where to look for it.
	const anonymousId = await anonymousIdOf(page);
	await expect(async () => {
		const events = await api.eventsOfVisitor(anonymousId);
		const clicked = events.filter((e) => e.name === 'Promotion Clicked');
		expect(clicked.map((e) => e.properties.offer_id)).toEqual([offerId]);
		expect(clicked[0]!.properties).toMatchObject({ placement: 'home', position: 1, sku });
	}).toPass({ timeout: 20_000 });
});

test('the banner experiment gives a visitor one stable variant and one exposure', async ({
	page,
	request,
	baseURL
}) => {
	const api = studioApi(request, baseURL!);
	await page.goto(SHOP);
	const banner = page.locator('#banner');
	await expect(banner).toHaveAttribute('data-variant', /^(control|free-shipping)$/);
	const variant = await banner.getAttribute('data-variant');
	if (variant === 'free-shipping') await expect(banner).toContainText('Free shipping');
	else await expect(banner).toContainText('New arrivals');

	for (let i = 0; i < 2; i++) {
		await page.reload();
		await expect(banner).toHaveAttribute('data-variant', variant!);
	}
	const anonymousId = await anonymousIdOf(page);
	await page.evaluate(() =>
		(window as unknown as { regulars: { flush(): void } }).regulars.flush()
	);
	await expect(async () => {
		const events = await api.eventsOfVisitor(anonymousId);
		expect(events.filter((e) => e.type === 'page')).toHaveLength(3);
		const exposures = events.filter((e) => e.name === 'Experiment Viewed');
		expect(exposures).toHaveLength(1);
		expect(exposures[0]!.properties).toMatchObject({
			experiment_id: 'home-banner',
			variation_id: variant
		});
	}).toPass({ timeout: 20_000 });
});

test('the shop’s strict CSP reports no violation while the SDK tracks and renders', async ({
	page
}) => {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
		});
	});
	const sent = recordBatches(page);
	const response = await page.goto(SHOP);
	expect(response!.headers()['content-security-policy']).toContain("'strict-dynamic'");
	await expect(page.locator('#offers .regulars-offer')).toHaveCount(4);
	await page.goto(`${SHOP}/cart`);
	await expect.poll(() => sent.events.length, { timeout: 10_000 }).toBeGreaterThan(0);
	expect(violations).toEqual([]);
});
