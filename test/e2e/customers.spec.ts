import { expect, test } from '@playwright/test';
import { errorOf, open, signInThroughForm } from './helpers';

const DEMO = { email: 'demo@regulars.local', password: 'regulars-demo' };
const SECRET = 'rg_secret_demosecretkeyforthebackofficeofregulars';
const auth = { authorization: `Bearer ${SECRET}` };

test.beforeEach(async ({ page }) => {
	await signInThroughForm(page, DEMO.email, DEMO.password);
});

test('the customers list filters and sorts on the server and opens profiles', async ({ page }) => {
	await open(page, '/w/regulars-demo-shop/customers');
	const count = page.getByTestId('customer-count');
	await expect(count).toContainText('customers');
	const total = Number((await count.innerText()).replace(/\D/g, ''));
	expect(total).toBeGreaterThan(2000);
	await expect(page.getByTestId('customer-row')).toHaveCount(50);

	await page.getByLabel('Lifecycle stage').selectOption('mature');
	await page.getByLabel('Sort by').selectOption('revenue');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/stage=mature/);
	const mature = Number((await count.innerText()).replace(/\D/g, ''));
	expect(mature).toBeGreaterThan(0);
	expect(mature).toBeLessThan(total);
	const stages = await page.getByTestId('customer-row').getByTestId('row-stage').allInnerTexts();
	expect(new Set(stages)).toEqual(new Set(['Mature']));

	// The first row has the most revenue; its profile shows the same facts.
	const first = page.getByTestId('customer-row').first();
	const name = await first.locator('a').innerText();
	await first.locator('a').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await expect(page.getByTestId('stage')).toHaveText('Mature');
	await expect(page.getByTestId('order-row').first()).toBeVisible();
	// A recent buyer has a CLV estimate: the figure and its AOV × orders × years line.
	await expect(page.getByTestId('customer-clv')).toContainText('×');
	await expect(page.getByTestId('timeline-event').first()).toBeVisible();
	// The journeys section is always there, with runs or with its empty text.
	await expect(page.getByTestId('customer-journeys')).toBeVisible();
	const newest = await page.getByTestId('timeline-event').first().innerText();
	await page.getByRole('link', { name: 'Older events →' }).click();
	await expect(page).toHaveURL(/before=\d+\.\d+/);
	await expect(page.getByTestId('timeline-event').first()).not.toHaveText(newest);

	// Search by name finds the same person.
	await open(page, `/w/regulars-demo-shop/customers?q=${encodeURIComponent(name)}`);
	await expect(page.getByTestId('customer-row').first()).toContainText(name);
});

test('an owner exports and deletes a customer for good; the audit log records it', async ({
	page,
	request
}) => {
	await open(page, '/w/regulars-demo-shop/customers?sort=first_seen&dir=asc');
	const row = page.getByTestId('customer-row').nth(3);
	await row.locator('a').click();
	await expect(page).toHaveURL(/\/customers\/\d+$/);
	const id = Number(new URL(page.url()).pathname.split('/').pop());

	const exported = await page.request.get(`/w/regulars-demo-shop/customers/${id}/export`);
	expect(exported.headers()['content-disposition']).toContain(`customer-${id}.json`);
	const data = (await exported.json()) as { customer: { id: number }; events: unknown[] };
	expect(data.customer.id).toBe(id);
	expect(data.events.length).toBeGreaterThan(0);

	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Delete customer' }).click();
	await expect(page).toHaveURL(/\/customers\?deleted=1$/);
	const gone = await page.goto(`/w/regulars-demo-shop/customers/${id}`);
	expect(gone?.status()).toBe(404);
	const api = await request.get(`/api/v1/customers/${id}`, { headers: auth });
	expect(api.status()).toBe(404);

	await open(page, '/w/regulars-demo-shop/settings/audit');
	await expect(page.locator('[data-action="customer.deleted"]').first()).toContainText(
		`customer ${id}`
	);
});

test('the REST API exports and deletes customers and upserts products', async ({
	page,
	request
}) => {
	const exported = await request.get('/api/v1/customers/2/export', { headers: auth });
	expect(exported.status()).toBe(200);
	const deleted = await request.delete('/api/v1/customers/2', { headers: auth });
	expect(await deleted.json()).toEqual({ deleted: true });
	const again = await request.delete('/api/v1/customers/2', { headers: auth });
	expect(again.status()).toBe(404);
	expect((await errorOf(again)).code).toBe('not_found');

	const upsert = await request.post('/api/v1/products', {
		headers: auth,
		data: {
			products: [
				{ sku: 'E2E-TEA', name: 'End-to-end Oolong 乌龙茶', price: 18.5, category: 'E2E Tea' },
				{ sku: 'E2E-BAD', price: -1 }
			]
		}
	});
	expect(upsert.status()).toBe(200);
	expect(await upsert.json()).toMatchObject({
		upserted: 1,
		rejected: [{ index: 1, code: 'name_invalid' }]
	});
	const malformed = await request.post('/api/v1/products', {
		headers: { ...auth, 'content-type': 'application/json' },
		data: Buffer.from('{"products": [')
	});
	expect(malformed.status()).toBe(400);
	expect((await errorOf(malformed)).code).toBe('invalid_json');
	const fetched = await request.get('/api/v1/products/E2E-TEA', { headers: auth });
	expect(await fetched.json()).toMatchObject({
		name: 'End-to-end Oolong 乌龙茶',
		priceMinor: 1850
	});

	await open(page, '/w/regulars-demo-shop/products?q=end-to-end');
	const product = page.getByTestId('product-row');
	await expect(product).toHaveCount(1);
	await expect(product).toContainText('$18.50');
	await product.locator('a').click();
	await expect(page.getByTestId('units-sold')).toHaveText('0');
});

test('lifecycle rules are edited in settings with inline errors', async ({ page }) => {
	await open(page, '/w/regulars-demo-shop/settings/lifecycle');
	const churned = page.getByLabel('Churned when overdue by (× their gap)');
	await expect(churned).toHaveValue('3');
	await churned.fill('1.2');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('This value is out of range')).toBeVisible();
	await page.getByLabel('Churned when overdue by (× their gap)').fill('3');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toContainText('Customers were reclassified');
});
