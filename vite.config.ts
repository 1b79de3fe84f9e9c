import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		// Playwright specs live in test/e2e and must never be collected here.
		include: [
			'studio/**/*.test.ts',
			'sdk/src/**/*.test.ts',
			'recommender/src/**/*.test.ts',
			'test/api/**/*.test.ts'
		],
		globalSetup: ['test/setup/postgres.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
