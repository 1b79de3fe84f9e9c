import { expect, test } from '@playwright/test';
import {
	createKeyThroughForm,
	newPage,
	signInThroughForm,
	signUpThroughForm,
	uniqueEmail
} from './helpers';

const DEMO = { email: 'demo@regulars.local', password: 'regulars-demo' };

test('a member of workspace A gets 404 for workspace B pages and API objects', async ({
	page,
	browser,
	request
}) => {
	// Workspace B is the demo shop, which holds customers; A is a new, empty shop.
	const demo = await newPage(browser);
	await signInThroughForm(demo, DEMO.email, DEMO.password);
	await expect(demo).toHaveURL(/\/w\/[^/]+$/);
	const demoSlug = new URL(demo.url()).pathname.split('/')[2]!;
	const demoKey = await createKeyThroughForm(demo, demoSlug, 'Isolation test', 'Secret key');
	const demoKeyRow = demo.getByTestId('key-row').filter({ hasText: 'Isolation test' });
	const demoKeyId = await demoKeyRow.getAttribute('data-key-id');

	const slugA = await signUpThroughForm(page, {
		name: 'Alice A',
		email: uniqueEmail('alice'),
		workspace: 'Alice Apparel'
	});
	const keyA = await createKeyThroughForm(page, slugA, 'A back office', 'Secret key');

	for (const path of [
		'',
		'/customers',
		'/settings',
		'/settings/members',
		'/settings/keys',
		'/settings/audit'
	]) {
		const response = await page.goto(`/w/${demoSlug}${path}`);
		expect(response?.status(), `GET /w/${demoSlug}${path}`).toBe(404);
		await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
		await expect(page.locator('body')).not.toContainText('Regulars Demo Shop');
	}

	// Form actions on B's objects through B's URL: 404 as well, and nothing changes.
	const origin = new URL(page.url()).origin;
	const revoke = await page.request.post(`/w/${demoSlug}/settings/keys?/revoke`, {
		form: { id: demoKeyId ?? '' },
		headers: { origin }
	});
	expect(revoke.status()).toBe(404);
	// Through A's own URL, B's key id is simply not found in A's workspace.
	const sideways = await page.request.post(`/w/${slugA}/settings/keys?/revoke`, {
		form: { id: demoKeyId ?? '' },
		headers: { origin }
	});
	// A form action answers a script's request in SvelteKit's JSON envelope.
	expect(await sideways.json()).toMatchObject({ type: 'failure', status: 404 });
	await demo.reload();
	await expect(demoKeyRow).toContainText('Active');

	// API objects: the demo's customer 1 exists for the demo key and is invisible to A's key.
	const own = await request.get('/api/v1/customers/1', {
		headers: { authorization: `Bearer ${demoKey}` }
	});
	expect(own.status()).toBe(200);
	expect(((await own.json()) as { id: number }).id).toBe(1);
	const foreign = await request.get('/api/v1/customers/1', {
		headers: { authorization: `Bearer ${keyA}` }
	});
	expect(foreign.status()).toBe(404);
	expect(await foreign.json()).toEqual({
		error: { code: 'not_found', message: 'No customer with this id in this workspace.' }
	});
	const whoAmI = await request.get('/api/v1/workspace', {
		headers: { authorization: `Bearer ${keyA}` }
	});
	expect(((await whoAmI.json()) as { slug: string }).slug).toBe(slugA);
});
