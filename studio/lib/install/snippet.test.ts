import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
	cspSources,
	KEY_PLACEHOLDER,
	installSnippet,
	NONCE_PLACEHOLDER,
	studioOrigin
} from './snippet';

/** The inline part of the snippet, run against a fake window. */
function runInline(snippet: string, window: Record<string, unknown> = {}) {
	const inline = /<script>([\s\S]*?)<\/script>/.exec(snippet)?.[1] ?? '';
	const context: Record<string, unknown> = { window };
	Object.defineProperty(context, 'regulars', { get: () => window.regulars });
	runInNewContext(inline, context);
	const regulars = window.regulars as unknown[] & Record<string, unknown>;
	return { regulars, calls: Array.isArray(regulars) ? [...(regulars as unknown[][])] : [] };
}

describe('installSnippet', () => {
	it('loads the script from the studio and queues init then page', () => {
		const snippet = installSnippet({
			origin: 'https://studio.example.com/w/shop/settings/install',
			writeKey: ' rg_write_abc '
		});
		expect(snippet).toContain(
			'<script async src="https://studio.example.com/sdk/regulars.min.js"></script>'
		);
		const { calls } = runInline(snippet);
		expect(calls).toEqual([
			['init', { writeKey: 'rg_write_abc', host: 'https://studio.example.com' }],
			['page']
		]);
	});

	it('starts with consent pending and carries the nonce when the shop asks', () => {
		const snippet = installSnippet({
			origin: 'https://studio.example.com',
			writeKey: 'rg_write_abc',
			consentPending: true,
			nonce: true
		});
		expect(snippet.match(new RegExp(`nonce="${NONCE_PLACEHOLDER}"`, 'g'))).toHaveLength(2);
		const inline = /<script[^>]*>([\s\S]*?)<\/script>/.exec(snippet)?.[1] ?? '';
		const { calls } = runInline(`<script>${inline}</script>`);
		expect(calls[0]).toEqual([
			'init',
			{
				writeKey: 'rg_write_abc',
				host: 'https://studio.example.com',
				consent: 'pending',
				nonce: NONCE_PLACEHOLDER
			}
		]);
		expect(cspSources('https://studio.example.com')).toBe(
			'script-src https://studio.example.com; connect-src https://studio.example.com; img-src https://studio.example.com'
		);
	});

	it('keeps calls made before the script loads in order', () => {
		const { regulars } = runInline(installSnippet({ origin: 'http://127.0.0.1:5173' }));
		(regulars.track as (...a: unknown[]) => void)('Product Viewed', { sku: 'A' });
		(regulars.identify as (...a: unknown[]) => void)('u1');
		expect(regulars.map((call) => (call as unknown[])[0])).toEqual([
			'init',
			'page',
			'track',
			'identify'
		]);
		expect(regulars[2]).toEqual(['track', 'Product Viewed', { sku: 'A' }]);
	});

	it('uses the placeholder for a blank key', () => {
		for (const writeKey of [undefined, null, '', '   ']) {
			const { calls } = runInline(installSnippet({ origin: 'http://localhost:3000', writeKey }));
			expect(calls[0]).toEqual([
				'init',
				{ writeKey: KEY_PLACEHOLDER, host: 'http://localhost:3000' }
			]);
		}
	});

	it('leaves an already loaded SDK alone', () => {
		const calls: string[] = [];
		const loaded = {
			version: '1.0.0',
			init: () => calls.push('init'),
			page: () => calls.push('page')
		};
		const { regulars } = runInline(installSnippet({ origin: 'http://localhost:3000' }), {
			regulars: loaded
		});
		expect(regulars).toBe(loaded);
		expect(calls).toEqual(['init', 'page']);
	});

	it('cannot be broken out of by a pasted key', () => {
		const evil = '"</script><script>alert(1)</script>\u2028';
		const snippet = installSnippet({ origin: 'http://localhost:3000', writeKey: evil });
		expect(snippet.match(/<\/script>/g)).toHaveLength(2);
		const { calls } = runInline(snippet);
		expect(calls[0]).toEqual(['init', { writeKey: evil.trim(), host: 'http://localhost:3000' }]);
	});

	it('refuses anything but an http(s) origin', () => {
		expect(() => installSnippet({ origin: 'javascript:alert(1)' })).toThrow();
		expect(() => installSnippet({ origin: 'not a url' })).toThrow();
		expect(studioOrigin('https://a.example:8443/x?y')).toBe('https://a.example:8443');
	});
});
