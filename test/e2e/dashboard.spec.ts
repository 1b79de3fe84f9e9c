// The ROI and lifecycle dashboard on the demo workspace: costs entered on the costs page reach the
// dashboard, whose lifecycle figures, cohort heatmap and CSV exports come from the demo's orders;
// a journey published with a control group is listed in the incremental revenue table.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { inJourneyHoldout } from '../../studio/lib/journey/split';
import { waitSaved } from './canvas';
import { newPage, open, signInThroughForm, uniqueEmail } from './helpers';
import { addToCart, checkout } from './storefront';

const DEMO = { email: 'demo@regulars.local', password: 'regulars-demo' };
const SHOP = '/w/regulars-demo-shop';

/** The month in progress in the demo workspace's time zone, as the month field takes it. */
function thisMonth(): string {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: 'America/New_York',
		year: 'numeric',
		month: '2-digit'
	}).formatToParts(new Date());
	const part = (type: string) => parts.find((p) => p.type === type)!.value;
	return `${part('year')}-${part('month')}`;
}

async function createJourney(page: Page, name: string, start: RegExp): Promise<number> {
	await open(page, `${SHOP}/journeys`);
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('radio', { name: start }).check();
	await page.getByRole('button', { name: 'Create journey' }).click();
	await expect(page).toHaveURL(/\/journeys\/\d+$/);
	await expect(page.getByTestId('journey-editor')).toBeVisible();
	return Number(new URL(page.url()).pathname.split('/').pop());
}

test('costs entered in settings reach the dashboard, with lifecycle figures, cohorts and CSV', async ({
	page
}) => {
	await signInThroughForm(page, DEMO.email, DEMO.password);
	await open(page, `${SHOP}/settings`);
	await page.getByRole('link', { name: 'Costs', exact: true }).click();
	await expect(page).toHaveURL(/\/settings\/costs$/);
	await page.locator('body[data-hydrated]').waitFor();

	// Wrong amounts are refused where they are typed, before anything is sent.
	const email = page.getByTestId('cost-email');
	await email.fill('-1');
	await expect(page.locator('#cost-email-error')).toHaveText('A cost cannot be negative.');
	await email.fill('0.0000001');
	await expect(page.locator('#cost-email-error')).toHaveText('Use at most 5 decimal places.');
	await email.fill('0.002');
	await expect(page.locator('#cost-email-error')).toHaveCount(0);
	await page.getByTestId('cost-point').fill('0.01');
	await page.getByTestId('cost-conversion').fill('2.50');
	await page.getByTestId('save-unit-costs').click();
	await expect(page.getByTestId('unit-costs-saved')).toBeVisible();

	// A fixed cost needs its journey; acquisition spend does not.
	const month = thisMonth();
	await page.getByTestId('monthly-kind').selectOption('fixed');
	await page.getByTestId('monthly-month').fill(month);
	await page.getByTestId('monthly-amount').fill('40');
	await page.getByTestId('add-monthly-cost').click();
	await expect(page.locator('#cost-journey-error')).toHaveText(
		'Choose the journey this cost belongs to.'
	);
	await page.getByTestId('monthly-kind').selectOption('acquisition');
	await page.getByTestId('monthly-amount').fill('1,200');
	await page.getByTestId('add-monthly-cost').click();
	await expect(page.getByTestId('monthly-cost-saved')).toBeVisible();
	await expect(
		page.locator(`[data-testid="monthly-cost"][data-kind="acquisition"][data-month="${month}"]`)
	).toContainText('1200.00');

	// Stored exactly, shown again on the next visit.
	await open(page, `${SHOP}/settings/costs`);
	await expect(page.getByTestId('cost-email')).toHaveValue('0.002');
	await expect(page.getByTestId('cost-conversion')).toHaveValue('2.50');

	// The home page leads to the dashboard.
	await open(page, SHOP);
	await page.getByTestId('open-roi-dashboard').click();
	await expect(page).toHaveURL(/\/dashboard$/);
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ROI and lifecycle');
	await page.getByTestId('period-365').click();
	await expect(page).toHaveURL(/\/dashboard\?days=365$/);
	await expect(page.getByTestId('period-365')).toHaveAttribute('aria-current', 'page');

	// The demo shop has a year of orders: the period's figures have values. Churn over the whole
	// year has no base (nobody had bought a year ago), so it is read over 90 days below.
	for (const figure of ['repeat-rate', 'returning-share'])
		await expect(page.getByTestId(`figure-${figure}-value`)).toHaveText(/\d.*%/);
	await expect(page.getByTestId('figure-churn-rate-value')).toHaveText('—');
	await expect(page.getByTestId('figure-days-between-value')).toHaveText(/\d/);
	await expect(page.getByTestId('stage-now')).toHaveCount(6);
	// This month's acquisition spend is the one just entered.
	await expect(page.locator(`[data-testid="cac-row"][data-month="${month}"]`)).toContainText(
		'1,200.00'
	);

	// Every figure explains itself.
	const help = page.getByTestId('figure-repeat-rate').getByRole('button', { name: /What is/ });
	await help.click();
	await expect(page.getByTestId('figure-repeat-rate').getByRole('note')).toContainText(
		'the share who have ordered more than once'
	);

	// The cohort heatmap: 12 monthly cohorts, numbers in the cells.
	const heatmap = page.getByTestId('cohort-heatmap');
	await expect(heatmap.getByTestId('cohort-row')).toHaveCount(12);
	await expect(heatmap.locator('td.cell').first()).toHaveText(/\d+%/);

	// CSV: a download from the page, and the same file by its address.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('csv-cohorts').click()
	]);
	expect(download.suggestedFilename()).toBe('regulars-demo-shop-cohorts-365d.csv');
	const cohorts = await readFile(await download.path(), 'utf8');
	expect(cohorts.split('\r\n')[0]).toMatch(/^cohort,customers,month_0_rate,month_1_rate,/);

	const response = await page.request.get(`${SHOP}/dashboard/acquisition.csv?days=365`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/csv');
	const acquisition = await response.text();
	expect(acquisition.split('\r\n')[0]).toBe('month,acquisition_spend,new_customers,cac,currency');
	expect(acquisition).toContain(`\r\n${month},1200.00,`);
	expect((await page.request.get(`${SHOP}/dashboard/nothing.csv`)).status()).toBe(404);

	// Over 90 days there are customers to lose: the churn rate has a value.
	await page.getByTestId('period-90').click();
	await expect(page).toHaveURL(/\/dashboard\?days=90$/);
	await expect(page.getByTestId('figure-churn-rate-value')).toHaveText(/\d.*%/);
});

test('a journey published with a holdout is measured on the dashboard', async ({ page }) => {
	await signInThroughForm(page, DEMO.email, DEMO.password);
	const name = `Welcome with control ${Date.now()}`;
	const id = await createJourney(page, name, /^Welcome series/);

	// With no step selected the side panel shows the journey settings: hold out 20%.
	const holdout = page.getByTestId('settings-holdout');
	await holdout.fill('20');
	await holdout.blur();
	await waitSaved(page);
	await page.getByRole('button', { name: 'Publish', exact: true }).click();
	await expect(page.getByText('Published version 1.')).toBeVisible();
	await expect(page.getByTestId('journey-incrementality')).toBeVisible();

	await open(page, `${SHOP}/dashboard`);
	const row = page.locator(`[data-testid="roi-row"][data-journey-id="${id}"]`);
	await expect(row).toContainText(name);
	// Nobody has entered yet (or too few to compare): the row says so rather than a number.
	await expect(row.getByTestId('roi-state')).toHaveAttribute('data-state', 'not_enough');
	await expect(row.getByTestId('roi-state')).toHaveText(/Not enough data yet|No control group/);

	// The journey page explains the comparison in words.
	await row.getByRole('link', { name }).click();
	await expect(page).toHaveURL(new RegExp(`/journeys/${id}$`));
	await expect(page.getByTestId('journey-incrementality')).toContainText(
		/No runs yet|Not enough data yet|Nobody has been held out/
	);
	const csv = await page.request.get(`${SHOP}/dashboard/journeys.csv`);
	expect(csv.status()).toBe(200);
	const lines = (await csv.text()).split('\r\n');
	expect(lines[0]).toMatch(/^journey_id,journey,status,treated_runs,holdout_runs,/);
	expect(lines.some((line) => line.startsWith(`${id},`))).toBe(true);
});

test('a journey with a holdout shows the revenue it adds once both groups have bought', async ({
	page,
	browser
}) => {
	test.setTimeout(240_000);
	await signInThroughForm(page, DEMO.email, DEMO.password);
	const name = `Post-purchase with control ${Date.now()}`;
	const id = await createJourney(page, name, /^Post-purchase/);
	const holdout = page.getByTestId('settings-holdout');
	await holdout.fill('50');
	await holdout.blur();
	await waitSaved(page);
	await page.getByRole('button', { name: 'Publish', exact: true }).click();
	await expect(page.getByText('Published version 1.')).toBeVisible();

	// Shoppers picked by the engine's own hash: two land in the control group, two do not.
	const held: string[] = [];
	const treated: string[] = [];
	while (held.length < 2 || treated.length < 2) {
		const email = uniqueEmail('repeat-buyer');
		const group = inJourneyHoldout(0.5, id, email) ? held : treated;
		if (group.length < 2) group.push(email);
	}
	// Each orders, which enters the journey, and then orders again within its window.
	for (const email of [...held, ...treated]) {
		const shop = await newPage(browser);
		await addToCart(shop);
		await checkout(shop, email);
		await shop.waitForTimeout(2_500);
		await addToCart(shop);
		await checkout(shop, email);
		await shop.context().close();
	}

	const row = page.locator(`[data-testid="roi-row"][data-journey-id="${id}"]`);
	await expect(async () => {
		await open(page, `${SHOP}/dashboard`);
		// Other tests' shoppers may enter too: at least these four runs are counted.
		await expect(row.getByTestId('roi-incremental-revenue')).toHaveText(/\d/, { timeout: 1_000 });
	}).toPass({ timeout: 60_000 });
	// The journey page puts the same comparison in words.
	await row.getByRole('link', { name }).click();
	await expect(page.getByTestId('journey-incrementality')).toHaveAttribute(
		'data-state',
		/up|down|unclear/
	);
});
