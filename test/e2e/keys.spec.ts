import { expect, test } from '@playwright/test';
import { createKeyThroughForm, errorOf, signUpThroughForm, uniqueEmail, open } from './helpers';

test('a secret key is shown once, works against the API, and stops working when revoked', async ({
	page,
	request
}) => {
	const slug = await signUpThroughForm(page, {
		name: 'Kim Keys',
		email: uniqueEmail('keys'),
		workspace: 'Kim Kitchenware'
	});
	const key = await createKeyThroughForm(page, slug, 'Back office', 'Secret key');
	expect(key).toMatch(/^rg_secret_[a-z2-7]{39}$/);

	// Shown once: after a reload only the prefix remains.
	await page.reload();
	await expect(page.getByTestId('secret-value')).toHaveCount(0);
	const row = page.getByTestId('key-row').filter({ hasText: 'Back office' });
	await expect(row).toContainText(key.slice(0, 16));
	await expect(page.locator('body')).not.toContainText(key);
	await expect(row).toContainText('Never');

	const ok = await request.get('/api/v1/workspace', {
		headers: { authorization: `Bearer ${key}` }
	});
	expect(ok.status()).toBe(200);
	expect(await ok.json()).toMatchObject({ slug, name: 'Kim Kitchenware' });

	await page.reload();
	await expect(row).not.toContainText('Never');

	// Cancelling the prompt keeps the key.
	page.once('dialog', (dialog) => dialog.dismiss());
	await row.getByRole('button', { name: 'Revoke' }).click();
	await page.reload();
	await expect(row).not.toContainText('Revoked');
	expect(
		(
			await request.get('/api/v1/workspace', { headers: { authorization: `Bearer ${key}` } })
		).status()
	).toBe(200);

	page.once('dialog', (dialog) => dialog.accept());
	await row.getByRole('button', { name: 'Revoke' }).click();
	await expect(row).toContainText('Revoked');

	const revoked = await request.get('/api/v1/workspace', {
		headers: { authorization: `Bearer ${key}` }
	});
	expect(revoked.status()).toBe(401);
	expect(await revoked.json()).toEqual({
		error: { code: 'key_revoked', message: 'The API key has been revoked.' }
	});

	await open(page, `/w/${slug}/settings/audit`);
	await expect(page.locator('[data-action="key.created"]')).toContainText('Back office');
	await expect(page.locator('[data-action="key.revoked"]')).toContainText('Back office');
});

test('the API answers bad keys and unknown paths with a JSON error', async ({ page, request }) => {
	const missing = await request.get('/api/v1/workspace');
	expect(missing.status()).toBe(401);
	expect((await errorOf(missing)).code).toBe('key_missing');

	const wrong = await request.get('/api/v1/workspace', {
		headers: { authorization: 'Bearer rg_secret_thisisnotarealkeyatall' }
	});
	expect(wrong.status()).toBe(401);
	expect((await errorOf(wrong)).code).toBe('key_invalid');

	const slug = await signUpThroughForm(page, {
		name: 'Wanda Write',
		email: uniqueEmail('write'),
		workspace: 'Wanda Wares'
	});
	const writeKey = await createKeyThroughForm(page, slug, 'Storefront', 'Write key');
	expect(writeKey).toMatch(/^rg_write_/);
	const basic = Buffer.from(`${writeKey}:`).toString('base64');
	const forbidden = await request.get('/api/v1/workspace', {
		headers: { authorization: `Basic ${basic}` }
	});
	expect(forbidden.status()).toBe(403);
	expect((await errorOf(forbidden)).code).toBe('key_kind_not_allowed');

	const unknown = await request.get('/api/v1/nothing-here');
	expect(unknown.status()).toBe(404);
	expect((await errorOf(unknown)).code).toBe('not_found');

	const badId = await request.get('/api/v1/customers/__proto__', {
		headers: { authorization: `Basic ${basic}` }
	});
	expect(badId.status()).toBe(403);
});
