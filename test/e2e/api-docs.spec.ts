import { expect, test } from '@playwright/test';
import { open, signInThroughForm } from './helpers';

test('a member reads the API reference in Settings, rendered from the served document', async ({
	page,
	baseURL
}) => {
	await signInThroughForm(page, 'demo@regulars.local', 'regulars-demo');
	await open(page, '/w/regulars-demo-shop/settings/api');

	await expect(page.getByRole('navigation', { name: 'Settings sections' })).toContainText('API');
	await expect(page.getByRole('link', { name: 'API', exact: true })).toHaveAttribute(
		'aria-current',
		'page'
	);

	const recommendations = page.locator('[data-operation="recommendForCustomer"]');
	await expect(recommendations).toBeVisible();
	await expect(recommendations.getByRole('heading', { level: 3 })).toContainText(
		'/api/v1/customers/{userId}/recommendations'
	);
	await expect(recommendations.getByTestId('curl')).toContainText(
		`${baseURL}/api/v1/customers/cust-0001/recommendations?n=5`
	);
	await expect(page.getByTestId('openapi-link')).toHaveAttribute('href', '/api/v1/openapi.json');
});

test('the OpenAPI document is served without a key', async ({ request }) => {
	const response = await request.get('/api/v1/openapi.json');
	expect(response.status()).toBe(200);
	expect(response.headers()['access-control-allow-origin']).toBe('*');
	const body = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
	expect(body.openapi.startsWith('3.1')).toBe(true);
	expect(Object.keys(body.paths)).toContain('/api/v1/customers/{userId}/recommendations');
});
