import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { STUB_SOURCE } from './snippet.js';
import { createFakeBrowser } from './testing/fake-browser.js';

/** The budget from the SDK's promise to shops: everything a page needs in 6 KiB. */
const BUDGET_BYTES = 6144;
const bundle = fileURLToPath(new URL('../dist/regulars.min.js', import.meta.url));

it('keeps the script-tag build within 6,144 bytes min+gzip -9', () => {
	if (!existsSync(bundle)) {
		throw new Error(
			`${bundle} is missing: build the SDK first (npm run build -w @regulars/sdk); npm test builds before vitest`
		);
	}
	const code = readFileSync(bundle);
	const gzipped = gzipSync(code, { level: 9 }).length;
	console.log(`regulars.min.js: ${code.length} bytes minified, ${gzipped} bytes gzip -9`);
	expect(gzipped, `regulars.min.js is ${gzipped} bytes gzip -9`).toBeLessThanOrEqual(BUDGET_BYTES);
});

it('ships no eval, Function constructor or innerHTML', () => {
	if (!existsSync(bundle)) throw new Error(`${bundle} is missing: build the SDK first`);
	const code = readFileSync(bundle, 'utf8');
	expect(code).not.toMatch(
		/\beval\(|new Function|\bFunction\(|innerHTML|outerHTML|document\.write/
	);
});

it('the built script replays the stub’s calls on a page and sends them', async () => {
	if (!existsSync(bundle)) throw new Error(`${bundle} is missing: build the SDK first`);
	const fake = createFakeBrowser();
	const page = {
		window: fake.window,
		setTimeout,
		clearTimeout,
		TextEncoder,
		URLSearchParams,
		Blob,
		crypto,
		console
	};
	runInNewContext(STUB_SOURCE, page);
	const stub = (fake.window as unknown as { regulars: Record<string, (...a: unknown[]) => void> })
		.regulars;
	stub.init!({ writeKey: 'wk', host: 'https://studio.example', flushIntervalMs: 0 });
	stub.track!('Product Viewed', { sku: 'S1' });
	stub.identify!('u1');
	runInNewContext(readFileSync(bundle, 'utf8'), page);
	await new Promise((resolve) => setTimeout(resolve, 20));
	expect(fake.events().map((e) => e.type)).toEqual(['track', 'identify']);
	expect(fake.requests[0]!.url).toBe('https://studio.example/v1/batch');
});
