import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

const run = promisify(execFile);

test('the REST API example runs against the studio with the demo secret key', async ({
	baseURL
}) => {
	const { stdout } = await run('node', ['examples/api/whoami.mjs'], {
		cwd: new URL('../..', import.meta.url).pathname,
		env: { ...process.env, REGULARS_URL: baseURL }
	});
	expect(stdout).toContain('workspace: Regulars Demo Shop (regulars-demo-shop), currency USD');
	expect(stdout).toMatch(/customer 1: .+, \d+ orders/);
});

test('the example reports a bad key with the API error', async ({ baseURL }) => {
	const failure = run('node', ['examples/api/whoami.mjs'], {
		cwd: new URL('../..', import.meta.url).pathname,
		env: { ...process.env, REGULARS_URL: baseURL, REGULARS_SECRET_KEY: 'rg_secret_wrong' }
	});
	await expect(failure).rejects.toMatchObject({
		stderr: expect.stringContaining('401 key_invalid: The API key is not valid.')
	});
});

test('the recommendations example prints picks with their reasons and similar products', async ({
	baseURL
}) => {
	const { stdout } = await run('node', ['examples/api/recommendations.mjs'], {
		cwd: new URL('../..', import.meta.url).pathname,
		env: { ...process.env, REGULARS_URL: baseURL }
	});
	expect(stdout).toMatch(/^for .+ \(.+\), /m);
	expect(stdout.match(/^ {2}SKU-\d{5} .+ — .+$/gm)?.length).toBeGreaterThanOrEqual(5);
	expect(stdout).toMatch(/^similar to SKU-\d{5}:$/m);
});
