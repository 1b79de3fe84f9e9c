import { expect, test } from '@playwright/test';
import { open, signInThroughForm, signUpThroughForm, uniqueEmail } from './helpers';

const DEMO = { email: 'demo@regulars.local', password: 'regulars-demo' };
const SHOP = '/w/regulars-demo-shop';
const SECRET = /^whsec_[\w-]{43}$/;

test('an owner sets up the channels and finds the outbox empty', async ({ page }) => {
	await signInThroughForm(page, DEMO.email, DEMO.password);
	await open(page, SHOP);
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	await page.getByRole('link', { name: 'Channels', exact: true }).click();
	await expect(page).toHaveURL(/\/settings\/channels$/);

	const host = page.getByLabel('SMTP host', { exact: true });
	const port = page.getByLabel('Port', { exact: true });
	const from = page.getByLabel('From address', { exact: true });
	const password = page.getByLabel('Password', { exact: true });
	const save = page.getByRole('button', { name: 'Save', exact: true });

	await host.fill('127.0.0.1');
	await port.fill('70000');
	await from.fill('shop@example.com');
	await save.click();
	await expect(page.getByText('Use a whole number from 1 to 65535.')).toBeVisible();
	await expect(port).toHaveAttribute('aria-invalid', 'true');
	// What was typed stays, so only the wrong field needs fixing.
	await expect(host).toHaveValue('127.0.0.1');
	await expect(page.getByText('Channel settings saved.')).toHaveCount(0);

	await port.fill('2525');
	await page.getByLabel('User name', { exact: true }).fill('mailer');
	await password.fill('smtp-e2e-password');
	await save.click();
	await expect(page.getByText('Channel settings saved.')).toBeVisible();
	await expect(port).not.toHaveAttribute('aria-invalid', 'true');
	await expect(password).toHaveValue('');

	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect(host).toHaveValue('127.0.0.1');
	await expect(port).toHaveValue('2525');
	await expect(from).toHaveValue('shop@example.com');
	// The password is write-only: stored, never sent back to the page.
	await expect(password).toHaveValue('');
	await expect(password).toHaveAttribute('placeholder', 'unchanged');
	expect(await page.content()).not.toContain('smtp-e2e-password');

	await expect(page.getByTestId('webhook-headers')).toContainText('regulars-signature: t=');
	await expect(page.getByTestId('webhook-headers')).toContainText('idempotency-key');
	const secret = page.getByTestId('webhook-secret');
	await expect(secret).not.toHaveText(SECRET);
	await page.getByRole('button', { name: 'Reveal', exact: true }).click();
	await expect(secret).toHaveText(SECRET);
	const first = (await secret.textContent())!.trim();

	page.once('dialog', (dialog) => dialog.accept());
	await page.getByRole('button', { name: 'Rotate secret', exact: true }).click();
	await expect(page.getByText('A new signing secret is in use.')).toBeVisible();
	await expect(secret).toHaveText(SECRET);
	await expect(secret).not.toHaveText(first);
	await page.getByRole('button', { name: 'Hide', exact: true }).click();
	await expect(secret).not.toHaveText(SECRET);

	// Journeys in other tests may be sending in the demo shop meanwhile: only the page is checked.
	await page.getByRole('link', { name: 'Messages', exact: true }).click();
	await expect(page).toHaveURL(/\/messages$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();

	// Filters are plain query parameters read on the server.
	await open(page, `${SHOP}/messages?channel=webhook&status=unconfirmed`);
	await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('webhook');
	await expect(page.getByLabel('Status', { exact: true })).toHaveValue('unconfirmed');
	await expect(page.getByText('No message matches these filters.')).toBeVisible();
	await page.getByRole('link', { name: 'Clear filters' }).click();
	await expect(page).toHaveURL(/\/messages$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
});

// A new account rather than the demo one: the language belongs to the account, and the demo
// account is shared with specs running at the same time that expect English.
test('the outbox and channel settings read naturally in 中文', async ({ page }) => {
	const slug = await signUpThroughForm(page, {
		name: 'Mei Messages',
		email: uniqueEmail('messages'),
		workspace: 'Mei Market'
	});
	await open(page, `/w/${slug}/messages`);
	await expect(page.getByRole('heading', { name: 'No messages yet' })).toBeVisible();

	await page.getByLabel('Language').first().selectOption('zh-CN');
	await expect(page.getByRole('heading', { level: 1, name: '消息' })).toBeVisible();
	await expect(page.getByRole('heading', { name: '还没有消息' })).toBeVisible();

	await page.getByRole('link', { name: '设置', exact: true }).click();
	await page.getByRole('link', { name: '发送渠道', exact: true }).click();
	await expect(page.getByRole('heading', { name: '邮件（SMTP）' })).toBeVisible();
	await expect(page.getByLabel('端口', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: '显示', exact: true })).toBeVisible();
});
