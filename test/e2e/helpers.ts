import { expect, type APIResponse, type Browser, type Page } from '@playwright/test';

let counter = 0;

/** Opens a page and waits until Svelte has hydrated it, so typing is not lost. */
export async function open(page: Page, path: string) {
	const response = await page.goto(path);
	await page.locator('body[data-hydrated]').waitFor();
	return response;
}

/** An address no other test (or earlier run on the same database) uses. */
export function uniqueEmail(label: string): string {
	return `${label}-${Date.now().toString(36)}-${process.pid}-${counter++}@example.com`;
}

export const PASSWORD = 'a long test password';

/** Signs up through the real form and returns the workspace slug from the URL it lands on. */
export async function signUpThroughForm(
	page: Page,
	input: { name: string; email: string; workspace?: string; password?: string }
): Promise<string> {
	await open(page, '/sign-up');
	await page.getByLabel('Your name').fill(input.name);
	await page.getByLabel('Email').fill(input.email);
	await page.getByLabel('Password').fill(input.password ?? PASSWORD);
	if (input.workspace) await page.getByLabel('Shop or brand name').fill(input.workspace);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/w\/[^/]+$/);
	await page.locator('body[data-hydrated]').waitFor();
	return new URL(page.url()).pathname.split('/')[2]!;
}

export async function signInThroughForm(page: Page, email: string, password = PASSWORD) {
	await open(page, '/sign-in');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForLoadState('load');
	await page.locator('body[data-hydrated]').waitFor();
}

export async function newPage(browser: Browser, locale = 'en-US'): Promise<Page> {
	const context = await browser.newContext({ locale });
	return context.newPage();
}

/** Creates a key on the keys page and returns the value shown once. */
export async function createKeyThroughForm(
	page: Page,
	slug: string,
	name: string,
	kind: 'Write key' | 'Secret key'
): Promise<string> {
	await open(page, `/w/${slug}/settings/keys`);
	await page.getByLabel('Key name').fill(name);
	await page.getByLabel('Type').selectOption({ label: kind });
	await page.getByRole('button', { name: 'Create key' }).click();
	const value = page.getByTestId('secret-value');
	await expect(value).toBeVisible();
	return value.inputValue();
}

/** The `{ error: { code, message } }` body every API error has. */
export async function errorOf(response: APIResponse): Promise<{ code: string; message: string }> {
	const body = (await response.json()) as { error: { code: string; message: string } };
	return body.error;
}
