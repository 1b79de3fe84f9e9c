import { expect, test } from '@playwright/test';
import { PASSWORD, signInThroughForm, signUpThroughForm, uniqueEmail, open } from './helpers';

test('the demo login works and shows the demo shop’s real numbers', async ({ page }) => {
	await open(page, '/');
	await expect(page).toHaveURL(/\/sign-in$/);
	await expect(page.getByText('Trying the demo?')).toContainText('demo@regulars.local');
	await signInThroughForm(page, 'demo@regulars.local', 'regulars-demo');
	await expect(page).toHaveURL(/\/w\/regulars-demo-shop$/);
	await expect(page.locator('.workspace-name')).toHaveText('Regulars Demo Shop');
	const customers = page.getByTestId('tile-customers');
	await expect(customers).toBeVisible();
	const count = Number((await customers.locator('.tile-value').innerText()).replace(/\D/g, ''));
	expect(count).toBeGreaterThan(1000);
	await expect(page.getByTestId('tile-revenue')).toContainText('$');
});

test('forms show inline errors, and sign-in is rate limited with Retry-After', async ({ page }) => {
	await open(page, '/sign-up');
	await page.getByLabel('Email').fill('not-an-email');
	await page.getByLabel('Password').fill('short');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByText('Enter a name.')).toBeVisible();
	await expect(page.getByText('Enter a valid email address.')).toBeVisible();
	await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
	await expect(page.getByText('Enter the name of your shop or brand.')).toBeVisible();
	await expect(page.getByLabel('Email')).toHaveValue('not-an-email');

	const email = uniqueEmail('locked');
	await signUpThroughForm(page, { name: 'Lock Me', email, workspace: 'Lock Shop' });
	await page.context().clearCookies();

	for (let attempt = 0; attempt < 5; attempt++) {
		await signInThroughForm(page, email, `wrong password ${attempt}`);
		await expect(page.getByRole('alert')).toHaveText(
			'That email and password do not match an account.'
		);
		await expect(page.getByLabel('Email')).toHaveValue(email);
	}
	const responsePromise = page.waitForResponse(
		(r) => r.url().endsWith('/sign-in') && r.request().method() === 'POST'
	);
	await signInThroughForm(page, email, PASSWORD);
	const response = await responsePromise;
	expect(response.status()).toBe(429);
	const retryAfter = Number(response.headers()['retry-after']);
	expect(retryAfter).toBeGreaterThan(800);
	expect(retryAfter).toBeLessThanOrEqual(900);
	await expect(page.getByRole('alert')).toContainText('Too many failed attempts. Try again in');
});

test('signing out ends the session on the server', async ({ page }) => {
	const slug = await signUpThroughForm(page, {
		name: 'Sam Session',
		email: uniqueEmail('session'),
		workspace: 'Sam Shoes'
	});
	const cookies = await page.context().cookies();
	const session = cookies.find((c) => c.name === 'regulars_session');
	expect(session?.httpOnly).toBe(true);
	expect(session?.sameSite).toBe('Lax');
	expect(session!.expires * 1000).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/sign-in$/);
	// Replaying the old cookie does not bring the session back.
	await page.context().addCookies([session!]);
	await open(page, `/w/${slug}`);
	await expect(page).toHaveURL(/\/sign-in\?next=/);
});
