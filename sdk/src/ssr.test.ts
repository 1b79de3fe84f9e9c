import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

// What a server-rendering framework does with the SDK: import the published build under Node,
// create the client while rendering, call it. None of it may touch `window` or throw.
const dist = (path: string) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));

describe('under Node (SSR)', () => {
	it('the published ESM build imports, constructs and answers without a window', async () => {
		if (!existsSync(dist('index.js')))
			throw new Error('build the SDK first: npm run build -w @regulars/sdk');
		expect('window' in globalThis).toBe(false);
		const sdk = (await import(dist('index.js'))) as typeof import('./index.js');
		const regulars = sdk.createRegulars();
		regulars.init({ writeKey: 'wk', host: 'https://studio.example' });
		regulars.track('Product Viewed', { sku: 'S1' });
		regulars.identify('u1');
		regulars.consent('granted');
		regulars.ready(() => {
			throw new Error('ready must not run without a window to init on');
		});
		// Without a window nothing initialises: the promises stay pending rather than throw.
		const settled = await Promise.race([
			regulars.variant('home-banner').then(() => 'settled'),
			new Promise((resolve) => setTimeout(() => resolve('pending'), 50))
		]);
		expect(settled).toBe('pending');
		expect(regulars.state()).toEqual({ consent: 'pending' });
		expect(sdk.ECOMMERCE_EVENTS).toContain('Order Completed');
		expect('window' in globalThis).toBe(false);
		expect('regulars' in globalThis).toBe(false);
	});

	it('the script-tag build installs nothing where there is no window', () => {
		const context: Record<string, unknown> = {};
		runInNewContext(readFileSync(dist('regulars.min.js'), 'utf8'), context);
		expect(Object.keys(context)).toEqual([]);
	});
});
