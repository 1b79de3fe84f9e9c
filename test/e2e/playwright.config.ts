import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// One fresh data folder per run, shared with the workers through the environment.
process.env.REGULARS_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'regulars-e2e-'));
const PORT = Number(process.env.REGULARS_E2E_PORT ?? 4173);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
const SHOP_PORT = Number(process.env.REGULARS_E2E_SHOP_PORT ?? 4174);
/** The demo storefront on another origin (localhost, not 127.0.0.1), as a real shop would be. */
export const SHOP_URL = `http://localhost:${SHOP_PORT}`;
process.env.REGULARS_E2E_SHOP_URL = SHOP_URL;

// test/run.js finds (or installs) a Chromium and passes its path; without one Playwright uses its own.
const executablePath = process.env.REGULARS_CHROMIUM || undefined;

export default defineConfig({
	testDir: '.',
	testMatch: '*.spec.ts',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	outputDir: '../../test-results',
	// A running site experiment puts its offers first in every shopper's slot, which other
	// storefront tests would see: it runs on its own, after them.
	projects: [
		{ name: 'studio', testIgnore: /experiments\.spec\.ts$/ },
		{ name: 'experiments', testMatch: /experiments\.spec\.ts$/, dependencies: ['studio'] }
	],
	use: {
		baseURL: BASE_URL,
		locale: 'en-US',
		trace: 'retain-on-failure',
		...devices['Desktop Chrome'],
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: [
		{
			// The same entry as `npm start` (it finds the build fresh and only serves).
			command: 'node studio/bin/start.js',
			cwd: '../..',
			url: `${BASE_URL}/healthz`,
			timeout: 120_000,
			reuseExistingServer: false,
			stdout: 'pipe',
			stderr: 'pipe',
			env: {
				PORT: String(PORT),
				HOST: '127.0.0.1',
				ORIGIN: BASE_URL,
				DATA_DIR: process.env.REGULARS_E2E_DATA_DIR,
				DEMO: '1',
				// Webhook targets in tests listen on 127.0.0.1.
				REGULARS_WEBHOOK_ALLOW_PRIVATE: '1'
			}
		},
		{
			// The demo storefront, as `npm run demo` serves it; it waits for the studio's catalogue.
			command: 'node examples/storefront/server.mjs',
			cwd: '../..',
			url: `http://127.0.0.1:${SHOP_PORT}/healthz`,
			timeout: 180_000,
			reuseExistingServer: false,
			stdout: 'pipe',
			stderr: 'pipe',
			env: { PORT: String(SHOP_PORT), HOST: '127.0.0.1', STUDIO_URL: BASE_URL }
		}
	]
});
