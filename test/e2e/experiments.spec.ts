// Experiments end to end: a marketer creates a site experiment with two offer variants in the
// demo workspace and starts it; generated shoppers browse the demo storefront (each a fresh
// browser, so a fresh anonymous id), the slot shows each one its variant's offer, some of them
// buy; the results page then shows exposures in both variants, conversions and a passing
// sample-ratio test.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { open, signInThroughForm, uniqueEmail } from './helpers';
import { SHOP } from './storefront';

const DEMO = { email: 'demo@regulars.local', password: 'regulars-demo' };
const STUDIO = '/w/regulars-demo-shop';
const VISITORS = 40;
/** Every BUY_EVERY-th visitor checks out. */
const BUY_EVERY = 4;
/** Shoppers browsing at the same time. */
const PARALLEL = 5;

const VARIANTS = [
	{ key: 'bestsellers', name: 'Bestsellers', title: 'Our bestsellers this week' },
	{ key: 'ten-off', name: 'Ten percent off', title: 'Ten percent off today' }
] as const;

// Chromium asks before a page reaches loopback from another origin; the tests grant it.
test.use({ permissions: ['local-network-access'] });

/** Products the shop lists on its home page, for the variants' offers. */
async function shopSkus(browser: Browser): Promise<string[]> {
	const context = await browser.newContext({ permissions: ['local-network-access'] });
	try {
		const shopper = await context.newPage();
		await shopper.goto(SHOP);
		const skus = (await shopper.locator('#product-list').getAttribute('data-skus')) ?? '';
		return skus.split(',').filter(Boolean);
	} finally {
		await context.close();
	}
}

async function createExperiment(page: Page, key: string, skus: string[]): Promise<number> {
	await open(page, `${STUDIO}/experiments`);
	const form = page.getByTestId('new-experiment');
	await form.getByLabel('Key', { exact: true }).fill(key);
	await form.getByLabel('Name', { exact: true }).fill(`Home offer ${key}`);
	const editors = form.getByTestId('variant-editor');
	await expect(editors).toHaveCount(2);
	for (const [index, variant] of VARIANTS.entries()) {
		const editor = editors.nth(index);
		await editor.getByLabel('Variant key').fill(variant.key);
		await editor.getByLabel('Variant name').fill(variant.name);
		await editor.getByLabel('Weight').fill('50');
		await editor.getByText('Offer shown in the slot (optional)').click();
		await editor.getByLabel('Offer title').fill(variant.title);
		await editor.getByLabel('Offer text').fill(`${variant.name}, picked for you.`);
		await editor.getByLabel('Product SKUs').fill(skus.slice(index * 2, index * 2 + 2).join(', '));
	}
	// The inline checks agree before anything is sent.
	await expect(form.locator('[aria-invalid="true"]')).toHaveCount(0);
	await form.getByRole('button', { name: 'Create experiment' }).click();
	await expect(page).toHaveURL(/\/experiments\/\d+$/);
	await page.locator('body[data-hydrated]').waitFor();
	return Number(new URL(page.url()).pathname.split('/').pop());
}

/**
 * One generated shopper: a fresh browser opens the shop, sees its variant's offer in the slot
 * and, when `buy`, follows the offer to the product and checks out. Returns the variant shown.
 */
async function shop(browser: Browser, experimentId: number, buy: boolean): Promise<string> {
	const context = await browser.newContext({ permissions: ['local-network-access'] });
	try {
		const shopper = await context.newPage();
		await shopper.goto(SHOP);
		const first = shopper.locator('#offers .regulars-offer').first();
		await expect(first).toHaveAttribute('data-offer-id', new RegExp(`^ex_${experimentId}_`), {
			timeout: 20_000
		});
		const offerId = (await first.getAttribute('data-offer-id'))!;
		const variant = offerId.match(/^ex_\d+_([^:]+):/)![1]!;
		const shown = VARIANTS.find((v) => v.key === variant);
		expect(shown, `offer ${offerId} names one of the variants`).toBeTruthy();
		// The variant's own words head the slot.
		await expect(shopper.locator('#offers .regulars-offers__message strong')).toHaveText(
			shown!.title
		);
		if (buy) {
			await first.getByRole('link').click();
			await expect(shopper).toHaveURL(/\/p\/SKU-\d{5}$/);
			await shopper.getByRole('button', { name: 'Add to cart' }).click();
			await shopper.getByRole('link', { name: /Cart \(1\)/ }).click();
			await shopper.getByRole('link', { name: 'Checkout' }).click();
			await shopper.getByLabel('Email').fill(uniqueEmail('experiment-shopper'));
			await shopper.getByRole('button', { name: 'Place order' }).click();
			await expect(shopper).toHaveURL(/\/thanks\?order=D-/);
			// Back on the home page the buyer is known by name and keeps the same variant; the slot
			// served to a known visitor ties the exposure to the customer who ordered.
			await shopper.goto(SHOP);
			await expect(shopper.locator('#offers .regulars-offer').first()).toHaveAttribute(
				'data-offer-id',
				new RegExp(`^ex_${experimentId}_${variant}:`),
				{ timeout: 20_000 }
			);
		}
		// Whatever is still queued leaves now, before the browser closes.
		await shopper.evaluate(() =>
			(window as unknown as { regulars: { flush(): void } }).regulars.flush()
		);
		return variant;
	} finally {
		await context.close();
	}
}

/** A whole number from a table cell ("1,234" → 1234). */
function count(text: string | null): number {
	return Number((text ?? '').replace(/[^\d]/g, '') || 0);
}

test('an offer experiment splits generated shoppers, counts their orders and passes the sample-ratio test', async ({
	page,
	browser
}) => {
	test.setTimeout(300_000);
	await signInThroughForm(page, DEMO.email, DEMO.password);
	const skus = await shopSkus(browser);
	expect(skus.length).toBeGreaterThanOrEqual(4);

	const key = `offer-${Date.now().toString(36)}`;
	const id = await createExperiment(page, key, skus);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`Home offer ${key}`);
	await expect(page.locator('h1 .badge')).toHaveText('Draft');

	await page.getByRole('button', { name: 'Start the experiment' }).click();
	await expect(page.locator('h1 .badge')).toHaveText('Running');

	try {
		// The shoppers, a few at a time.
		const seen: Record<string, number> = {};
		for (let start = 0; start < VISITORS; start += PARALLEL) {
			const batch = Array.from({ length: Math.min(PARALLEL, VISITORS - start) }, (_, i) =>
				shop(browser, id, (start + i) % BUY_EVERY === 0)
			);
			for (const variant of await Promise.all(batch)) seen[variant] = (seen[variant] ?? 0) + 1;
		}
		expect(Object.values(seen).reduce((a, b) => a + b, 0)).toBe(VISITORS);

		// The list shows it as a running site experiment.
		await open(page, `${STUDIO}/experiments?q=${encodeURIComponent(key)}`);
		const row = page.locator(`[data-testid="experiment-row"][data-experiment-key="${key}"]`);
		await expect(row).toContainText('Site');
		await expect(row).toContainText('Running');

		// Exposures are stored as the slot is served, orders as their events are processed.
		const units = (variant: string) =>
			page.locator(`[data-row="units"] td[data-variant="${variant}"]`).textContent();
		const conversions = (variant: string) =>
			page.locator(`[data-row="conversions"] td[data-variant="${variant}"]`).textContent();
		await expect(async () => {
			await open(page, `${STUDIO}/experiments/${id}`);
			const exposed = await Promise.all(VARIANTS.map(async (v) => count(await units(v.key))));
			for (const [index, variant] of VARIANTS.entries())
				expect(exposed[index], `units of ${variant.key}`).toBeGreaterThanOrEqual(
					seen[variant.key] ?? 0
				);
			expect(exposed.every((n) => n > 0)).toBe(true);
			const converted = await Promise.all(
				VARIANTS.map(async (v) => count(await conversions(v.key)))
			);
			expect(converted.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
		}).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 5_000] });

		await expect(page.getByTestId('srm-status')).toHaveAttribute('data-srm', 'pass');
		await expect(page.getByTestId('results-summary')).toContainText('Sample ratio is fine.');
		await expect(page.getByTestId('variant-table')).toBeVisible();
		await expect(page.getByRole('img', { name: /cumulative conversion rate/i })).toBeVisible();

		// The table as CSV, with a header row and one row per variant.
		const csv = await page.request.get(`${STUDIO}/experiments/${id}/results.csv`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const lines = (await csv.text()).trimEnd().split('\r\n');
		expect(lines[0]).toMatch(/^variant_key,variant_name,is_control,/);
		expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(VARIANTS.map((v) => v.key));
	} finally {
		// Other storefront tests expect the slot without this experiment's offers.
		await open(page, `${STUDIO}/experiments/${id}`);
		const stop = page.getByRole('button', { name: 'Stop the experiment' });
		if (await stop.isVisible()) {
			await stop.click();
			await expect(page.locator('h1 .badge')).toHaveText('Stopped');
		}
	}
});

test('a draft experiment can be edited and deleted', async ({ page }) => {
	await signInThroughForm(page, DEMO.email, DEMO.password);
	const key = `edit-${Date.now().toString(36)}`;
	await open(page, `${STUDIO}/experiments`);
	const create = page.getByTestId('new-experiment');
	await create.getByLabel('Key', { exact: true }).fill(key);
	await create.getByLabel('Name', { exact: true }).fill(`Draft ${key}`);
	await create.getByRole('button', { name: 'Create experiment' }).click();
	await expect(page).toHaveURL(/\/experiments\/\d+$/);
	await page.locator('body[data-hydrated]').waitFor();
	const url = page.url();

	// The edit section is collapsed until opened; a draft may change its weights.
	await page.getByRole('heading', { name: 'Edit', exact: true }).click();
	const edit = page.getByTestId('edit-experiment');
	await expect(edit.getByLabel('Key', { exact: true })).toBeDisabled();
	await edit.getByLabel('Name', { exact: true }).fill(`Renamed ${key}`);
	await edit.getByTestId('variant-editor').nth(1).getByLabel('Weight').fill('25');
	await edit.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByText('Changes saved.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`Renamed ${key}`);

	// Stored as shares of 1: 50 and 25 read back as two thirds and one third.
	await open(page, url);
	await page.getByRole('heading', { name: 'Edit', exact: true }).click();
	const weights = page.getByTestId('edit-experiment').getByLabel('Weight');
	await expect(weights.nth(0)).toHaveValue('66.6667');
	await expect(weights.nth(1)).toHaveValue('33.3333');

	await page.getByRole('button', { name: 'Delete draft' }).click();
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(page).toHaveURL(/\/experiments$/);
	await expect(
		page.locator(`[data-testid="experiment-row"][data-experiment-key="${key}"]`)
	).toHaveCount(0);
});
