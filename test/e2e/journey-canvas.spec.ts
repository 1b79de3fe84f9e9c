import { expect, test, type Page } from '@playwright/test';
import { startSmtpSink } from '../setup/smtp-sink';
import { canvasNode, connect, dropFromPalette, selectNode, waitSaved } from './canvas';
import { newPage, open, signInThroughForm, signUpThroughForm, uniqueEmail } from './helpers';
import { addToCart, checkout, studioApi } from './storefront';

const DEMO = { email: 'demo@regulars.local', password: 'regulars-demo' };
const SHOP = '/w/regulars-demo-shop';

async function createJourney(page: Page, name: string, start: RegExp) {
	await open(page, `${SHOP}/journeys`);
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('radio', { name: start }).check();
	await page.getByRole('button', { name: 'Create journey' }).click();
	await expect(page).toHaveURL(/\/journeys\/\d+$/);
	await expect(page.getByTestId('journey-editor')).toBeVisible();
}

test('a marketer draws a win-back journey from the palette, fixes it and publishes', async ({
	page
}) => {
	await signInThroughForm(page, DEMO.email, DEMO.password);
	await createJourney(page, `Win-back ${Date.now()}`, /^Blank/);
	await expect(canvasNode(page, 'signed_up')).toBeVisible();

	// Out with the blank journey's sign-up entry, by keyboard.
	await selectNode(page, 'signed_up');
	await page.keyboard.press('Delete');
	await expect(canvasNode(page, 'signed_up')).toHaveCount(0);

	// Drag three steps from the palette and wire them up.
	await dropFromPalette(page, 'entry_inactivity', { x: 200, y: 60 });
	await dropFromPalette(page, 'email', { x: 200, y: 220 });
	await expect(canvasNode(page, 'entry_inactivity_1')).toBeVisible();
	await expect(canvasNode(page, 'email_1')).toBeVisible();
	await connect(page, 'entry_inactivity_1', 'next', 'email_1');
	await connect(page, 'email_1', 'next', 'done');

	// The empty email is what the canvas reports; clicking the problem opens the step.
	const badge = canvasNode(page, 'email_1').getByTestId('node-problem-badge');
	await expect(badge).toBeVisible();
	await expect(page.getByTestId('publish')).toBeDisabled();
	await page.getByTestId('canvas-problem').filter({ hasText: 'email_1' }).first().click();
	await expect(page.getByTestId('node-panel')).toHaveAttribute('data-type', 'email');

	// Configure the inactivity entry and the email.
	await selectNode(page, 'entry_inactivity_1');
	await page.getByTestId('panel-days').fill('45');
	await selectNode(page, 'email_1');
	await page.getByTestId('panel-subject').fill('We miss you, {{first_name}}');
	await page.getByTestId('panel-body').fill('It has been a while. Here is what is new.');
	await expect(badge).toHaveCount(0);
	await expect(page.getByTestId('canvas-problem-count')).toHaveAttribute('data-count', '0');
	await expect(canvasNode(page, 'entry_inactivity_1')).toContainText('45');

	// Undo takes the typing back (the problem returns), redo restores it.
	await canvasNode(page, 'email_1').locator('.name').click();
	await page.keyboard.press('Control+z');
	await expect(badge).toBeVisible();
	await page.keyboard.press('Control+Shift+z');
	await expect(badge).toHaveCount(0);
	await expect(canvasNode(page, 'email_1')).toContainText('We miss you');

	// Copy and paste the email: the copy is a new step with the same content, not yet wired.
	await canvasNode(page, 'email_1').locator('.name').click();
	await page.keyboard.press('Control+c');
	await page.keyboard.press('Control+v');
	await expect(canvasNode(page, 'email_2')).toContainText('We miss you');
	await expect(canvasNode(page, 'email_2').getByTestId('node-problem-badge')).toBeVisible();
	await expect(page.getByTestId('publish')).toBeDisabled();
	// It is selected after pasting; Delete removes it again.
	await page.keyboard.press('Delete');
	await expect(canvasNode(page, 'email_2')).toHaveCount(0);
	await expect(page.getByTestId('cmd-duplicate')).toBeDisabled();

	// The draft survives a reload.
	await waitSaved(page);
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect(canvasNode(page, 'email_1')).toContainText('We miss you');
	await expect(page.locator('.svelte-flow__edge[data-id="entry_inactivity_1/next"]')).toHaveCount(
		1
	);
	await expect(page.getByTestId('canvas-problem-count')).toHaveAttribute('data-count', '0');

	await expect(page.getByTestId('publish')).toBeEnabled();
	await page.getByTestId('publish').click();
	await expect(page.getByText('Published version 1.')).toBeVisible();
	await expect(page.getByTestId('journey-status')).toHaveText('Live');

	// The published version opens read-only.
	await page.getByTestId('view-version').first().click();
	await expect(page.getByTestId('viewing-version')).toBeVisible();
	await expect(page.getByTestId('palette')).toHaveCount(0);
	await expect(canvasNode(page, 'email_1')).toBeVisible();
});

/** The SMTP port the demo workspace's channel settings point at in these tests. */
const SINK_PORT = 2525;

async function publishFromCanvas(page: Page) {
	await waitSaved(page);
	await expect(page.getByTestId('publish')).toBeEnabled();
	await page.getByTestId('publish').click();
	await expect(page.getByTestId('journey-status')).toHaveAttribute('data-status', 'live');
}

test('an abandoned cart journey emails the shopper who left and converts the one who bought', async ({
	page,
	browser,
	request,
	baseURL
}) => {
	test.setTimeout(240_000);
	const sink = await startSmtpSink({ port: SINK_PORT, acceptAnyLogin: true });
	try {
		await signInThroughForm(page, DEMO.email, DEMO.password);
		await open(page, `${SHOP}/settings/channels`);
		await page.getByLabel('SMTP host', { exact: true }).fill('127.0.0.1');
		await page.getByLabel('Port', { exact: true }).fill(String(SINK_PORT));
		await page.getByLabel('From address', { exact: true }).fill('shop@example.com');
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(page.getByText('Channel settings saved.')).toBeVisible();

		// A returning shopper, known by email from an earlier order before the journey exists.
		const leaver = await newPage(browser);
		const leaverEmail = uniqueEmail('cart-leaver');
		await addToCart(leaver);
		await checkout(leaver, leaverEmail);

		// The template, with the wait for the order shortened to one minute, published.
		const name = `Cart rescue ${Date.now()}`;
		await createJourney(page, name, /^Abandoned cart/);
		const journeyUrl = page.url();
		await selectNode(page, 'wait_for_order');
		await page.getByTestId('panel-timeout-unit').selectOption('minutes');
		await page.getByTestId('panel-timeout-amount').fill('1');
		await expect(canvasNode(page, 'wait_for_order')).toContainText('1 min');
		await publishFromCanvas(page);

		// One shopper buys what they put in the cart; the other puts something in and leaves.
		const buyer = await newPage(browser);
		const buyerEmail = uniqueEmail('cart-buyer');
		await addToCart(buyer);
		await checkout(buyer, buyerEmail);
		await addToCart(leaver);
		await leaver.close();

		await expect
			.poll(() => sink.messages.filter((m) => m.to.includes(leaverEmail)).length, {
				timeout: 150_000,
				intervals: [1_000]
			})
			.toBe(1);
		const email = sink.messages.find((m) => m.to.includes(leaverEmail))!;
		expect(email.subject).toBe('You left something in your cart');
		expect(sink.messages.filter((m) => m.to.includes(buyerEmail))).toHaveLength(0);

		// The canvas counts update without a reload: a conversion, and the reminder sent.
		await expect(page.getByTestId('node-converted').first()).toBeVisible({ timeout: 20_000 });
		await expect(canvasNode(page, 'reminder_email').getByTestId('node-entered')).not.toHaveText(
			'→ 0'
		);

		// Clicking a step of the live journey lists who passed it, linking to their profiles.
		await selectNode(page, 'reminder_email');
		await page.getByTestId('node-customers-passed').click();
		const passed = page.getByTestId('node-customer');
		await expect(passed.first()).toBeVisible();
		await expect(passed.first().getByRole('link').first()).toHaveAttribute(
			'href',
			/\/customers\/\d+$/
		);

		// The buyer's profile shows the run as converted, with the path it took.
		const api = studioApi(request, baseURL!);
		const [customer] = await api.customers(`userId=${encodeURIComponent(buyerEmail)}`);
		const journeyId = journeyUrl.split('/').pop()!;
		await open(page, `${SHOP}/customers/${customer!.id}`);
		const run = page.locator(`[data-testid="journey-run"][data-journey-id="${journeyId}"]`);
		await expect(run).toHaveAttribute('data-status', 'converted');
		await expect(run.getByTestId('trace-step').first()).toHaveAttribute(
			'data-node-id',
			'added_to_cart'
		);
	} finally {
		await sink.close();
	}
});

test('a test run shows the path on a simulated clock and sends nothing', async ({ page }) => {
	await signInThroughForm(page, DEMO.email, DEMO.password);
	await createJourney(page, `Cart test run ${Date.now()}`, /^Abandoned cart/);
	await page.getByTestId('tab-test').click();
	await page.getByTestId('test-customer-mode').selectOption('describe');
	const email = uniqueEmail('described');
	await page.getByTestId('test-described-email').fill(email);
	await page.getByTestId('test-described-first-name').fill('Ada');
	await page.getByTestId('test-run').click();

	const steps = page.getByTestId('test-step');
	await expect(page.getByTestId('test-status')).toHaveAttribute('data-status', 'completed');
	const path = await steps.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node-id')));
	expect(path).toEqual(['added_to_cart', 'wait_for_order', 'reminder_email', 'order_goal', 'done']);
	await expect(page.getByTestId('test-panel')).toContainText('You left something in your cart');
	await expect(page.getByTestId('test-panel')).toContainText(email);

	// Step by step on the canvas: the current step is outlined.
	await page.getByTestId('test-next').click();
	await page.getByTestId('test-next').click();
	await expect(canvasNode(page, 'wait_for_order')).toHaveClass(/current/);
	await expect(canvasNode(page, 'added_to_cart')).toHaveClass(/on-path/);

	// The dry run over recent history estimates entries per step, shown on the canvas.
	await page.getByTestId('dry-run-run').click();
	await expect(page.getByTestId('dry-run-result')).toBeVisible();
	await expect(canvasNode(page, 'added_to_cart').getByTestId('node-estimate')).toBeVisible();

	// Nothing went out: the outbox has no message to this address.
	await open(page, `${SHOP}/messages?q=${encodeURIComponent(email)}`);
	await expect(page.getByText(email)).toHaveCount(0);
});

test('the whole canvas flow in 中文', async ({ page }) => {
	await signUpThroughForm(page, {
		name: 'Zhang Wei',
		email: uniqueEmail('canvas-zh'),
		workspace: 'Zhang Tea'
	});
	await page.getByLabel('Language').first().selectOption('zh-CN');
	await expect(page.getByRole('link', { name: '旅程' })).toBeVisible();
	await page.getByRole('link', { name: '旅程' }).click();
	await page.getByLabel('名称', { exact: true }).fill('流失挽回 测试');
	await page.getByRole('radio', { name: /^流失挽回/ }).check();
	await page.getByRole('button', { name: '创建旅程' }).click();
	await expect(page).toHaveURL(/\/journeys\/\d+$/);
	await page.locator('body[data-hydrated]').waitFor();

	await expect(page.getByTestId('palette')).toContainText('入口');
	await expect(page.getByTestId('palette')).toContainText('动作');
	// An email added from the palette by keyboard is reported, in Chinese, until it is filled.
	await page.locator('[data-testid="palette-item"][data-type="email"]').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('node-panel')).toHaveAttribute('data-type', 'email');
	await expect(page.getByTestId('canvas-problem-count')).toContainText('个问题');
	await expect(page.getByRole('button', { name: '发布' })).toBeDisabled();
	await page.getByRole('button', { name: '删除' }).click();
	await expect(page.getByTestId('canvas-problem-count')).toHaveText('可以发布');

	await publishFromCanvas(page);
	await expect(page.getByText('已发布版本 1。')).toBeVisible();
	await expect(page.getByTestId('journey-status')).toHaveText('运行中');
});
