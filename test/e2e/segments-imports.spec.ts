import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { open, signInThroughForm, signUpThroughForm, uniqueEmail } from './helpers';

const FIXTURE = fileURLToPath(
	new URL('../../studio/lib/server/import/fixtures/online-retail-sample.csv', import.meta.url)
);

test('a segment built on the canvas of rules counts live, saves, and filters customers', async ({
	page
}) => {
	await signInThroughForm(page, 'demo@regulars.local', 'regulars-demo');
	await open(page, '/w/regulars-demo-shop/segments/new');
	const name = `Repeat buyers ${Date.now()}`;
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('button', { name: '+ Add condition' }).click();
	await page.getByLabel('How often').selectOption('at_least');
	await page.getByLabel('Times').fill('2');
	// The count for the finished rule, not one for a half-typed rule still on screen: the editor
	// recounts after each change, so wait for the answer to the request with the 90-day window.
	const counted = page.waitForResponse(
		(r) => r.url().includes('preview') && /"days":"?90"?[,}]/.test(r.request().postData() ?? '')
	);
	await page.getByLabel('Days').fill('90');
	await counted;
	const live = page.getByRole('complementary').filter({ hasText: 'Live count' });
	await expect(live.locator('.count')).not.toHaveClass(/stale/);
	await expect(live).toContainText(/[\d,]+ customers? match/);
	const preview = Number((await live.getByText(/customers? match/).innerText()).replace(/\D/g, ''));
	expect(preview).toBeGreaterThan(0);
	expect(preview).toBeLessThan(3000);

	await page.getByRole('button', { name: 'Create segment' }).click();
	await expect(page).toHaveURL(/\/segments\/\d+(\?saved=1)?$/);
	const segmentId = new URL(page.url()).pathname.split('/').pop();

	await open(page, `/w/regulars-demo-shop/customers?segment=${segmentId}`);
	await expect(page.getByTestId('customer-count')).toHaveText(
		`${preview.toLocaleString('en-US')} customer${preview === 1 ? '' : 's'}`
	);
	// Each member's profile lists the segment.
	await page.getByTestId('customer-row').first().locator('a').click();
	await expect(page.getByRole('link', { name })).toBeVisible();
});

test('a point-of-sale CSV in the Online Retail format imports from the studio', async ({
	page
}) => {
	const slug = await signUpThroughForm(page, {
		name: 'Ivy Import',
		email: uniqueEmail('import'),
		workspace: 'Ivy Interiors'
	});
	await page.getByRole('link', { name: 'Imports' }).click();
	await page.getByLabel('What the file holds').selectOption('orders');
	await page.getByLabel(/CSV file/).setInputFiles(FIXTURE);
	await expect(page.getByTestId('import-preview')).toContainText('InvoiceNo');
	await page.getByLabel('Column mapping').selectOption('online-retail');
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	const result = page.getByTestId('import-result');
	await expect(result).toContainText('Import finished', { timeout: 30_000 });
	await expect(result).toContainText(/\d+ rows imported, \d+ skipped, \d+ with errors/);
	await expect(result.getByRole('link', { name: /rows with errors/ })).toBeVisible();

	// The orders' customers appear in the customers list, with their facts computed.
	await expect(async () => {
		await open(page, `/w/${slug}/customers`);
		const count = Number((await page.getByTestId('customer-count').innerText()).replace(/\D/g, ''));
		expect(count).toBeGreaterThan(0);
		await expect(page.getByTestId('customer-row').first()).not.toContainText('Prospect');
	}).toPass({ timeout: 20_000 });
});
