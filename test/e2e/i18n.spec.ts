import { expect, test } from '@playwright/test';
import { newPage, signUpThroughForm, uniqueEmail, open } from './helpers';

test('switching to 中文 translates the studio and sticks to the account', async ({
	page,
	browser
}) => {
	const slug = await signUpThroughForm(page, {
		name: 'Lin Lang',
		email: uniqueEmail('lang'),
		workspace: 'Lin Lanterns'
	});
	await expect(page.getByRole('link', { name: 'Customers' })).toBeVisible();
	await page.getByLabel('Language').first().selectOption('zh-CN');
	await expect(page.getByRole('link', { name: '顾客' })).toBeVisible();
	await expect(page.getByRole('link', { name: '旅程' })).toBeVisible();
	await expect(page.getByTestId('role')).toHaveText('所有者');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

	await open(page, `/w/${slug}/settings/members`);
	await expect(page.getByRole('heading', { name: '邀请成员' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('link', { name: '设置' })).toBeVisible();

	// The choice belongs to the account: a fresh English browser signing in gets Chinese.
	const cookies = await page.context().cookies();
	const other = await newPage(browser, 'en-US');
	await other.context().addCookies(cookies.filter((c) => c.name === 'regulars_session'));
	await open(other, `/w/${slug}`);
	await expect(other.getByRole('link', { name: '顾客' })).toBeVisible();
});

test('signed-out pages follow the browser language', async ({ browser }) => {
	const page = await newPage(browser, 'zh-CN');
	await open(page, '/sign-in');
	await expect(page.getByRole('heading', { name: '登录常客' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await page.getByLabel('语言').selectOption('en');
	await expect(page.getByRole('heading', { name: 'Sign in to Regulars' })).toBeVisible();
});
