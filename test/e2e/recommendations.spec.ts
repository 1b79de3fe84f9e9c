// The recommender end to end: train from the studio, ask the REST endpoint, buy a recommended
// product in the demo shop, and find the purchase attributed on the Recommendations page.
import { expect, test } from '@playwright/test';
import { open, signInThroughForm, uniqueEmail } from './helpers';
import { SECRET_KEY, SHOP } from './storefront';

test.use({ permissions: ['local-network-access'] });

test('train, ask the API, buy a recommended product, see it attributed', async ({
	page,
	browser,
	request,
	baseURL
}) => {
	test.setTimeout(120_000);
	await signInThroughForm(page, 'demo@regulars.local', 'regulars-demo');
	await open(page, '/w/regulars-demo-shop/recommendations');
	const train = page.getByTestId('train');
	// The demo's first model may already be training on its own; then the button waits.
	await expect(train).toBeVisible();
	if (await train.isEnabled()) await train.click();
	await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'done', {
		timeout: 60_000
	});
	await expect(page.getByTestId('ndcg')).toHaveText(/^0[.,]\d+$/);

	// The REST API, with the shop's own customer id.
	const auth = { authorization: `Bearer ${SECRET_KEY}` };
	const customer = (await (
		await request.get(`${baseURL}/api/v1/customers/1`, { headers: auth })
	).json()) as {
		userId: string;
	};
	const response = await request.get(
		`${baseURL}/api/v1/customers/${encodeURIComponent(customer.userId)}/recommendations?n=5`,
		{ headers: auth }
	);
	expect(response.status()).toBe(200);
	const body = (await response.json()) as {
		recommendationId: string;
		items: { sku: string; reason: { kind: string } }[];
		model: { id: number } | null;
	};
	expect(body.recommendationId).toMatch(/^rec_/);
	expect(body.items).toHaveLength(5);
	expect(body.model).not.toBeNull();
	const bad = await request.get(`${baseURL}/api/v1/customers/x/recommendations?n=500`, {
		headers: auth
	});
	expect(bad.status()).toBe(400);

	// A shopper clicks a recommended product in the shop's slot and buys it.
	const shopper = await (
		await browser.newContext({ permissions: ['local-network-access'] })
	).newPage();
	await shopper.goto(SHOP);
	const offer = shopper.locator('#offers .regulars-offer').first();
	await expect(offer).toHaveAttribute('data-offer-id', /^rec_/, { timeout: 20_000 });
	await offer.getByRole('link').click();
	await expect(shopper).toHaveURL(/\/p\/SKU-\d{5}$/);
	await shopper.getByRole('button', { name: 'Add to cart' }).click();
	await shopper.getByRole('link', { name: /Cart \(1\)/ }).click();
	await shopper.getByRole('link', { name: 'Checkout' }).click();
	await shopper.getByLabel('Email').fill(uniqueEmail('recommended'));
	await shopper.getByRole('button', { name: 'Place order' }).click();
	await expect(shopper).toHaveURL(/\/thanks/);

	await expect(async () => {
		await open(page, '/w/regulars-demo-shop/recommendations');
		const home = page.locator('[data-testid="placement-row"][data-placement="home"]');
		await expect(home.getByTestId('orders')).not.toHaveText('0');
		await expect(home.getByTestId('revenue')).toHaveText(/\$\d/);
	}).toPass({ timeout: 30_000 });
});
