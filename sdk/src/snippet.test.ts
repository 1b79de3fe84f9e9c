import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installGlobal } from './global.js';
import { replayStub, snippet, STUB_METHODS, STUB_SOURCE } from './snippet.js';
import { createFakeBrowser } from './testing/fake-browser.js';

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

/** Runs the stub text as the page would, against `win`. */
const runStub = (win: object): void => {
	runInNewContext(STUB_SOURCE, { window: win });
};

describe('the stub', () => {
	it('stubs exactly STUB_METHODS', () => {
		const win: { regulars?: Record<string, unknown> } = {};
		runStub(win);
		const methods = Object.keys(win.regulars!).filter(
			(k) => typeof win.regulars![k] === 'function'
		);
		expect(methods.sort()).toEqual([...STUB_METHODS].sort());
	});

	it('records calls in order and the script replays them, then replaces the stub', async () => {
		const fake = createFakeBrowser();
		runStub(fake.window);
		const stub = (fake.window as unknown as { regulars: Record<string, (...a: unknown[]) => void> })
			.regulars;
		stub.init!({ writeKey: 'wk', host: 'https://studio.example' });
		stub.track!('first', { n: 1 });
		stub.identify!('u1', { plan: 'gold' });
		stub.track!('second');
		stub.page!({ name: 'Home' });
		runStub(fake.window); // a snippet pasted twice keeps the calls
		expect(stub).toHaveLength(5);
		expect(installGlobal(fake.window)).toBe(true);
		const api = (fake.window as unknown as { regulars: { version: string } }).regulars;
		expect(api).not.toBe(stub);
		expect(typeof api.version).toBe('string');
		await vi.advanceTimersByTimeAsync(1000);
		expect(fake.events().map((e) => [e.type, e.event ?? null, e.userId ?? null])).toEqual([
			['track', 'first', null],
			['identify', null, 'u1'],
			['track', 'second', 'u1'],
			['page', null, 'u1']
		]);
	});

	it('calls straight through once the script has loaded', () => {
		const real = { version: '1', track: vi.fn() };
		const win = { regulars: real };
		runStub(win);
		expect(win.regulars).toBe(real);
		expect(real).not.toHaveProperty('push');
	});
});

describe('replayStub', () => {
	it('skips unknown methods and junk entries without stopping', () => {
		const calls: unknown[] = [];
		const api = { track: (...a: unknown[]) => calls.push(a) };
		replayStub([['nope', 1], 'junk', ['track', 'a'], null, ['track', 'b', { x: 1 }]], api);
		expect(calls).toEqual([['a'], ['b', { x: 1 }]]);
		expect(() => replayStub(undefined, api)).not.toThrow();
	});

	it('points the stub at the API, so a page holding the stub loses no later call', () => {
		const win: { regulars?: Record<string, (...a: unknown[]) => unknown> } = {};
		runStub(win);
		const kept = win.regulars!;
		kept.track!('before');
		const calls: unknown[] = [];
		replayStub(kept, { track: (...a: unknown[]) => calls.push(a) });
		kept.track!('after', { n: 1 });
		expect(calls).toEqual([['before'], ['after', { n: 1 }]]);
		expect((kept as unknown as unknown[]).length).toBe(0);
	});
});

describe('snippet', () => {
	it('gives an inline stub with init and page, then the async script from the studio', () => {
		const text = snippet({ writeKey: 'wk_1', host: 'https://studio.example/' });
		expect(text).toBe(
			`<script>${STUB_SOURCE}regulars.init({"writeKey":"wk_1","host":"https://studio.example"});regulars.page();</script>\n` +
				'<script async src="https://studio.example/sdk/regulars.min.js"></script>'
		);
	});

	it('puts the nonce on both tags and cannot be broken out of', () => {
		const text = snippet({
			writeKey: '</script><script>alert(1)</script>',
			host: 'https://studio.example',
			src: 'https://cdn.example/r.js?a=1&b="x"',
			nonce: 'n"1',
			consent: 'pending'
		});
		expect(text.match(/<\/script>/g)).toHaveLength(2);
		expect(text.match(/ nonce="n&quot;1"/g)).toHaveLength(2);
		expect(text).toContain('src="https://cdn.example/r.js?a=1&amp;b=&quot;x&quot;"');
		expect(text).toContain('"consent":"pending"');
	});

	it('runs as a script against a window and records init with the key intact', () => {
		const text = snippet({ writeKey: '</script>"k', host: 'https://studio.example' });
		const inline = /<script>([\s\S]*?)<\/script>/.exec(text)![1]!;
		const win: Record<string, unknown> = {};
		win.window = win;
		runInNewContext(inline, win);
		const recorded = win.regulars as unknown[][];
		expect(recorded[0]).toEqual([
			'init',
			{ writeKey: '</script>"k', host: 'https://studio.example' }
		]);
		expect(recorded[1]).toEqual(['page']);
	});
});
