import { expect, test, type Page } from '@playwright/test';
import { open, signInThroughForm } from './helpers';

const DEMO = { email: 'demo@regulars.local', password: 'regulars-demo' };
const SHOP = '/w/regulars-demo-shop';

/** Creates a journey through the list page's form and waits for its own page. */
async function createJourney(page: Page, name: string, start: RegExp) {
	await open(page, `${SHOP}/journeys`);
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('radio', { name: start }).check();
	await page.getByRole('button', { name: 'Create journey' }).click();
	await expect(page).toHaveURL(/\/journeys\/\d+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

async function publish(page: Page) {
	await page.getByRole('button', { name: 'Publish', exact: true }).click();
	await expect(page.getByText('Published version 1.')).toBeVisible();
	await expect(page.getByTestId('journey-status')).toHaveText('Live');
	await expect(page.getByTestId('journey-version')).toHaveCount(1);
	await expect(page.getByTestId('journey-version').first()).toContainText('v1');
}

test('an owner publishes, pauses and resumes the abandoned cart template', async ({ page }) => {
	await signInThroughForm(page, DEMO.email, DEMO.password);
	const name = `Cart reminder ${Date.now()}`;
	await createJourney(page, name, /^Abandoned cart/);

	await expect(page.getByTestId('journey-status')).toHaveText('Draft');
	await expect(page.getByTestId('canvas-problem-count')).toHaveAttribute('data-count', '0');
	await expect(
		page.locator('[data-testid="canvas-node"][data-node-id="added_to_cart"]')
	).toContainText('Entry: event');
	await expect(page.getByTestId('journey-version')).toHaveCount(0);

	await publish(page);
	await expect(page.getByTestId('journey-node-stats')).toBeVisible();

	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	await expect(page.getByTestId('journey-status')).toHaveText('Paused');
	await page.getByRole('button', { name: 'Resume', exact: true }).click();
	await expect(page.getByTestId('journey-status')).toHaveText('Live');

	// The list finds it by name, live at version 1.
	await open(page, `${SHOP}/journeys?q=${encodeURIComponent(name)}`);
	const row = page.getByTestId('journey-row');
	await expect(row).toHaveCount(1);
	await expect(row.getByTestId('journey-status')).toHaveText('Live');
	await expect(row).toContainText('v1');
});

test('a blank journey publishes as it is', async ({ page }) => {
	await signInThroughForm(page, DEMO.email, DEMO.password);
	const name = `Blank journey ${Date.now()}`;
	await createJourney(page, name, /^Blank/);
	await expect(page.getByTestId('journey-status')).toHaveText('Draft');
	await expect(page.getByTestId('canvas-problem-count')).toHaveAttribute('data-count', '0');
	await publish(page);
});
