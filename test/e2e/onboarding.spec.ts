import { expect, test } from '@playwright/test';
import { newPage, signInThroughForm, signUpThroughForm, uniqueEmail, open } from './helpers';

test('sign-up creates a workspace; an invited viewer joins and cannot manage keys', async ({
	page,
	browser
}) => {
	const ownerEmail = uniqueEmail('owner');
	const slug = await signUpThroughForm(page, {
		name: 'Olivia Owner',
		email: ownerEmail,
		workspace: 'Olivia Tea Rooms'
	});
	expect(slug).toMatch(/^olivia-tea-rooms/);
	await expect(page.getByRole('heading', { name: 'Welcome back, Olivia Owner' })).toBeVisible();
	await expect(page.getByTestId('role')).toHaveText('Owner');
	// A new shop has no data: the dashboard says so instead of showing made-up numbers.
	await expect(page.getByRole('heading', { name: 'No customer data yet' })).toBeVisible();

	// Invite a viewer by link.
	await open(page, `/w/${slug}/settings/members`);
	await page.getByLabel('Role', { exact: true }).selectOption('viewer');
	await page.getByRole('button', { name: 'Create invitation link' }).click();
	const link = await page.getByTestId('secret-value').inputValue();
	expect(link).toMatch(/\/invite\/[a-z2-7]+$/);
	await expect(page.getByText('Anyone with the link')).toBeVisible();

	// The member opens the link in their own browser and creates an account.
	const member = await newPage(browser);
	await open(member, link);
	await expect(member.getByRole('heading', { name: 'Join Olivia Tea Rooms' })).toBeVisible();
	await member.getByRole('link', { name: 'Create an account' }).click();
	await expect(member.getByText('You are joining Olivia Tea Rooms as Viewer.')).toBeVisible();
	const memberEmail = uniqueEmail('viewer');
	await member.getByLabel('Your name').fill('Victor Viewer');
	await member.getByLabel('Email').fill(memberEmail);
	await member.getByLabel('Password').fill('a long test password');
	await member.getByRole('button', { name: 'Create account' }).click();
	await expect(member).toHaveURL(new RegExp(`/w/${slug}$`));

	// The link works once.
	const stranger = await newPage(browser);
	await open(stranger, link);
	await expect(stranger.getByText('This invitation has already been used.')).toBeVisible();

	// The member signs out and in again, and works as a viewer.
	await member.getByRole('button', { name: 'Sign out' }).click();
	await expect(member).toHaveURL(/\/sign-in$/);
	await signInThroughForm(member, memberEmail);
	await expect(member).toHaveURL(new RegExp(`/w/${slug}$`));
	await expect(member.getByTestId('role')).toHaveText('Viewer');

	await open(member, `/w/${slug}/settings`);
	await expect(member.getByRole('link', { name: 'API keys' })).toHaveCount(0);
	await expect(member.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
	const keysPage = await member.goto(`/w/${slug}/settings/keys`);
	expect(keysPage?.status()).toBe(403);
	await expect(member.getByRole('heading', { name: 'Not allowed' })).toBeVisible();

	// Even a hand-made request to the create action is refused by the server.
	const forged = await member.request.post(`/w/${slug}/settings/keys?/create`, {
		form: { name: 'sneaky', kind: 'secret' },
		headers: { origin: new URL(member.url()).origin }
	});
	expect(forged.status()).toBe(403);

	// The owner sees the member, and the audit log tells the story.
	await open(page, `/w/${slug}/settings/members`);
	await expect(page.getByTestId('member-row').filter({ hasText: memberEmail })).toContainText(
		'Victor Viewer'
	);
	await open(page, `/w/${slug}/settings/audit`);
	await expect(page.locator('[data-action="member.added"]')).toContainText(memberEmail);
	await expect(page.locator('[data-action="member.invited"]')).toHaveCount(1);
	await expect(page.locator('[data-action="auth.sign_in"]').first()).toContainText(memberEmail);
});

test('a user can belong to several workspaces and switch between them', async ({ page }) => {
	const slug = await signUpThroughForm(page, {
		name: 'Multi Shop',
		email: uniqueEmail('multi'),
		workspace: 'First Brand'
	});
	await page.getByLabel('Workspace').selectOption({ label: 'New workspace…' });
	await expect(page).toHaveURL(/\/workspaces\/new$/);
	await page.getByLabel('Shop or brand name').fill('Second Brand');
	await page.getByRole('button', { name: 'Create workspace' }).click();
	await expect(page).toHaveURL(/\/w\/second-brand/);
	await expect(page.locator('.workspace-name')).toHaveText('Second Brand');
	await page.getByLabel('Workspace').selectOption({ label: 'First Brand' });
	await expect(page).toHaveURL(new RegExp(`/w/${slug}$`));
	await expect(page.locator('.workspace-name')).toHaveText('First Brand');
	// The front door remembers the last workspace used.
	await open(page, '/');
	await expect(page).toHaveURL(new RegExp(`/w/${slug}$`));
});
