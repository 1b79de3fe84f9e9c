import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBrowser, type FakeBrowserOptions } from './testing/fake-browser.js';
import { VERSION } from './version.js';
import { createTracker } from './tracker/tracker.js';
import type { InitOptions } from './tracker/types.js';

const HOST = 'https://studio.example';
const WRITE_KEY = 'wk_test';

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
});
afterEach(() => {
	vi.useRealTimers();
});

function setup(browser: FakeBrowserOptions = {}, options: Partial<InitOptions> = {}) {
	const fake = createFakeBrowser(browser);
	const tracker = createTracker(fake.window);
	tracker.init({ writeKey: WRITE_KEY, host: HOST, ...options });
	return { fake, tracker };
}

/** Lets timers run and the fake fetch's promises settle. */
const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('batching', () => {
	it('sends one Segment batch about a second after the first event', async () => {
		const { fake, tracker } = setup({
			url: 'https://shop.example/shoes?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=red&utm_content=a',
			title: 'Shoes',
			referrer: 'https://search.example/'
		});
		tracker.track('Product Viewed', { sku: 'S1' });
		tracker.track('Product Added', { sku: 'S1' });
		await wait(999);
		expect(fake.requests).toHaveLength(0);
		await wait(1);
		expect(fake.requests).toHaveLength(1);
		const [request] = fake.requests;
		expect(request!.url).toBe(`${HOST}/v1/batch`);
		expect(request!.init.method).toBe('POST');
		// Only a safelisted header, so no CORS preflight; the key travels in the body.
		expect(request!.init.headers).toEqual({ 'Content-Type': 'text/plain' });
		expect(request!.body.writeKey).toBe(WRITE_KEY);
		expect(request!.body.sentAt).toBe('2026-03-01T12:00:01.000Z');
		const [first, second] = request!.body.batch;
		expect(first).toMatchObject({
			type: 'track',
			event: 'Product Viewed',
			properties: { sku: 'S1' },
			timestamp: '2026-03-01T12:00:00.000Z',
			context: {
				page: {
					path: '/shoes',
					referrer: 'https://search.example/',
					search:
						'?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=red&utm_content=a',
					title: 'Shoes',
					url: 'https://shop.example/shoes?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=red&utm_content=a'
				},
				campaign: { source: 'news', medium: 'email', name: 'spring', term: 'red', content: 'a' },
				locale: 'en-GB',
				library: { name: 'regulars', version: VERSION }
			}
		});
		expect(typeof (first!.context as { timezone: unknown }).timezone).toBe('string');
		expect(first!.messageId).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
		expect(second!.messageId).not.toBe(first!.messageId);
		expect(first!.anonymousId).toBe(second!.anonymousId);
		expect(first).not.toHaveProperty('userId');
	});

	it('leaves campaign out when the URL has no UTM parameters', async () => {
		const { fake, tracker } = setup();
		tracker.track('x');
		await wait(1000);
		expect(fake.events()[0]!.context).not.toHaveProperty('campaign');
	});

	it('sends at once when flushAt events wait', async () => {
		const { fake, tracker } = setup({}, { flushAt: 3 });
		tracker.track('a');
		tracker.track('b');
		await wait(0);
		expect(fake.requests).toHaveLength(0);
		tracker.track('c');
		await wait(0);
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]!.body.batch.map((e) => e.event)).toEqual(['a', 'b', 'c']);
	});

	it('sends events queued during a request after it, in order', async () => {
		const { fake, tracker } = setup({}, { flushAt: 2 });
		tracker.track('a');
		tracker.track('b');
		tracker.track('c');
		await wait(1000);
		expect(fake.events().map((e) => e.event)).toEqual(['a', 'b', 'c']);
		expect(fake.requests).toHaveLength(2);
	});

	it('uses keepalive for small routine batches only, keeping budget for the exit flush', async () => {
		const { fake, tracker } = setup({}, { flushAt: 100 });
		tracker.track('small');
		await wait(1000);
		for (let i = 0; i < 30; i++) tracker.track('big', { blob: 'x'.repeat(1000) });
		await wait(1000);
		expect(fake.requests.map((r) => r.init.keepalive)).toEqual([true, false]);
		expect(fake.requests[0]!.init.credentials).toBe('omit');
	});

	it('page() sends a page view with the page fields as properties', async () => {
		const { fake, tracker } = setup({ url: 'https://shop.example/a?b=1', title: 'A' });
		tracker.page({ category: 'Shoes' });
		await wait(1000);
		expect(fake.events()[0]).toMatchObject({
			type: 'page',
			properties: {
				path: '/a',
				search: '?b=1',
				title: 'A',
				url: 'https://shop.example/a?b=1',
				category: 'Shoes'
			}
		});
	});
});

describe('identity', () => {
	it('keeps the anonymous id in a first-party cookie and localStorage across pages', () => {
		const { fake, tracker } = setup();
		const { anonymousId } = tracker.state();
		expect(fake.cookieWrites[0]).toBe(
			`regulars_aid=${anonymousId}; Max-Age=31536000; Path=/; SameSite=Lax; Secure`
		);
		expect(fake.store.get('regulars_aid')).toBe(anonymousId);
		const next = createTracker(
			createFakeBrowser({ cookie: fake.cookie, storage: new Map() }).window
		);
		next.init({ writeKey: WRITE_KEY, host: HOST });
		expect(next.state().anonymousId).toBe(anonymousId);
		const fromStorage = createTracker(createFakeBrowser({ storage: fake.store }).window);
		fromStorage.init({ writeKey: WRITE_KEY, host: HOST });
		expect(fromStorage.state().anonymousId).toBe(anonymousId);
	});

	it('identify sets and persists the user id; reset forgets it and starts a new visitor', async () => {
		const { fake, tracker } = setup();
		const before = tracker.state().anonymousId;
		tracker.identify('u1', { email: 'a@example.com' });
		tracker.track('Order Completed', { revenue: 10 });
		expect(fake.store.get('regulars_uid')).toBe('u1');
		tracker.alias('u2');
		tracker.reset();
		tracker.track('after');
		await wait(1000);
		const [identify, order, alias, after] = fake.events();
		expect(identify).toMatchObject({
			type: 'identify',
			userId: 'u1',
			anonymousId: before,
			traits: { email: 'a@example.com' }
		});
		expect(order).toMatchObject({ userId: 'u1', anonymousId: before });
		expect(alias).toMatchObject({ type: 'alias', userId: 'u2', previousId: 'u1' });
		expect(after).not.toHaveProperty('userId');
		expect(after!.anonymousId).not.toBe(before);
		expect(fake.store.has('regulars_uid')).toBe(false);
		expect(fake.cookie).toBe(`regulars_aid=${String(after!.anonymousId)}`);
	});

	it('identify without an id adds traits to the visitor it already knows', async () => {
		const { fake, tracker } = setup();
		tracker.identify('', { plan: 'gold' });
		tracker.identify('u1');
		tracker.identify(undefined as unknown as string, { plan: 'silver' });
		tracker.track('');
		await wait(1000);
		expect(fake.events().map((e) => [e.type, e.userId ?? null])).toEqual([
			['identify', null],
			['identify', 'u1'],
			['identify', 'u1']
		]);
	});

	it('restores the user id on the next page', () => {
		const { fake, tracker } = setup();
		tracker.identify('u1');
		const next = createTracker(createFakeBrowser({ storage: fake.store }).window);
		next.init({ writeKey: WRITE_KEY, host: HOST });
		expect(next.state().userId).toBe('u1');
	});
});

describe('leaving the page', () => {
	it('hands waiting events to sendBeacon on pagehide, each under 60 KB, once each', async () => {
		const { fake, tracker } = setup({}, { flushAt: 1000 });
		const blob = 'x'.repeat(1000);
		for (let i = 0; i < 150; i++) tracker.track('Big', { i, blob });
		fake.pagehide();
		await fake.settle();
		expect(fake.requests).toHaveLength(0);
		expect(fake.beacons.length).toBeGreaterThan(2);
		for (const size of fake.beaconSizes) expect(size).toBeLessThanOrEqual(60_000);
		expect(new Set(fake.beaconTypes)).toEqual(new Set(['text/plain']));
		expect(fake.events().map((e) => (e.properties as { i: number }).i)).toEqual(
			Array.from({ length: 150 }, (_, i) => i)
		);
		expect(fake.store.has('regulars_queue')).toBe(false);
		await wait(5000);
		expect(fake.requests).toHaveLength(0);
	});

	it('flushes on visibilitychange to hidden', async () => {
		const { fake, tracker } = setup();
		tracker.track('a');
		fake.hide();
		await fake.settle();
		expect(fake.beacons).toHaveLength(1);
		expect(fake.beacons[0]!.body.writeKey).toBe(WRITE_KEY);
	});

	it('falls back to a keepalive fetch without sendBeacon or when it refuses', async () => {
		for (const browser of [{ sendBeacon: false }, { beaconAccepts: false }]) {
			const { fake, tracker } = setup(browser);
			tracker.track('a');
			fake.pagehide();
			await wait(0);
			expect(fake.requests).toHaveLength(1);
			expect(fake.requests[0]!.init.keepalive).toBe(true);
		}
	});

	it('keeps events in storage instead of beaconing them while offline', async () => {
		const { fake, tracker } = setup({ onLine: false, respond: () => new Error('offline') });
		tracker.track('a');
		fake.pagehide();
		await fake.settle();
		expect(fake.beacons).toHaveLength(0);
		expect(fake.stored()).toHaveLength(1);
	});
});

describe('retries', () => {
	it('retries a 500 and a network error with the same messageIds, then stops', async () => {
		const answers = [{ status: 500 }, new Error('down'), { status: 200 }];
		const { fake, tracker } = setup({ respond: () => answers.shift()! });
		tracker.track('a');
		tracker.track('b');
		await wait(1000);
		expect(fake.requests).toHaveLength(1);
		await wait(1000); // first retry within 0.5–1 s
		expect(fake.requests).toHaveLength(2);
		await wait(2000); // second within 1–2 s
		expect(fake.requests).toHaveLength(3);
		const ids = fake.requests.map((r) => r.body.batch.map((e) => e.messageId).join());
		expect(new Set(ids).size).toBe(1);
		await wait(120_000);
		expect(fake.requests).toHaveLength(3);
		expect(fake.store.has('regulars_queue')).toBe(false);
	});

	it('backs off exponentially up to a minute', async () => {
		const { fake, tracker } = setup({ respond: () => ({ status: 503 }) });
		tracker.track('a');
		await wait(1000);
		const times: number[] = [];
		let last = Date.now();
		for (let i = 0; i < 9; i++) {
			const count = fake.requests.length;
			while (fake.requests.length === count) await wait(100);
			times.push(Date.now() - last);
			last = Date.now();
		}
		times.forEach((t, i) => {
			const base = Math.min(60_000, 1000 * 2 ** i);
			expect(t).toBeGreaterThanOrEqual(base / 2);
			expect(t).toBeLessThanOrEqual(base + 100);
		});
	});

	it('waits as long as Retry-After says on 429', async () => {
		const answers = [{ status: 429, headers: { 'Retry-After': '30' } }, { status: 200 }];
		const { fake, tracker } = setup({ respond: () => answers.shift()! });
		tracker.track('a');
		await wait(1000);
		await wait(29_900);
		expect(fake.requests).toHaveLength(1);
		await wait(100);
		expect(fake.requests).toHaveLength(2);
		expect(fake.requests[1]!.body.batch[0]!.messageId).toBe(
			fake.requests[0]!.body.batch[0]!.messageId
		);
	});

	it('drops a batch the server refuses with another 4xx and logs it in debug', async () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const { fake, tracker } = setup({ respond: () => ({ status: 400 }) }, { debug: true });
		tracker.track('a');
		await wait(1000);
		await wait(120_000);
		expect(fake.requests).toHaveLength(1);
		expect(fake.store.has('regulars_queue')).toBe(false);
		expect(log).toHaveBeenCalledWith('[regulars]', 'dropped a batch the server refused:', 400);
		log.mockRestore();
	});

	it('retries at once when the browser comes back online', async () => {
		let down = true;
		const { fake, tracker } = setup({
			respond: () => (down ? new Error('offline') : { status: 200 })
		});
		tracker.track('a');
		await wait(1000);
		down = false;
		fake.online();
		await wait(0);
		expect(fake.requests).toHaveLength(2);
	});
});

describe('persistent queue', () => {
	it('stores events until acknowledged and replays them on the next page', async () => {
		const { fake, tracker } = setup({ respond: () => new Error('offline') });
		tracker.track('a');
		tracker.track('b');
		const stored = fake.stored();
		expect(stored.map((e) => e.event)).toEqual(['a', 'b']);
		await wait(1000);
		// the page closes while offline; the next page loads with the network back
		const next = createFakeBrowser({ storage: fake.store, cookie: fake.cookie });
		createTracker(next.window).init({ writeKey: WRITE_KEY, host: HOST });
		await wait(1000);
		expect(next.requests).toHaveLength(1);
		expect(next.requests[0]!.body.batch.map((e) => e.messageId)).toEqual(
			stored.map((e) => e.messageId)
		);
		expect(next.store.has('regulars_queue')).toBe(false);
	});

	it('keeps other tabs’ stored events when removing its own', async () => {
		const store = new Map<string, string>();
		const other = { messageId: 'other-tab', timestamp: new Date().toISOString(), type: 'track' };
		const { fake, tracker } = setup({ storage: store, respond: () => new Error('x') });
		store.set('regulars_queue', JSON.stringify([...fake.stored(), other]));
		tracker.track('mine');
		fake.respondWith(() => ({ status: 200 }));
		await wait(1000);
		expect(fake.stored().map((e) => e.messageId)).toEqual(['other-tab']);
	});
});

describe('consent', () => {
	it('pending: events wait in memory, nothing is written or sent, until granted', async () => {
		const { fake, tracker } = setup({}, { consent: 'pending' });
		tracker.track('a');
		tracker.identify('u1');
		await wait(5000);
		expect(fake.requests).toHaveLength(0);
		expect(fake.storageWrites).toEqual([]);
		expect(fake.cookieWrites).toEqual([]);
		fake.pagehide();
		await fake.settle();
		expect(fake.beacons).toHaveLength(0);
		tracker.consent('granted');
		expect(fake.store.get('regulars_uid')).toBe('u1');
		expect(fake.cookie).toMatch(/^regulars_aid=/);
		await wait(0);
		expect(fake.events().map((e) => e.type)).toEqual(['track', 'identify']);
	});

	it('denied from the start: zero requests, zero cookie and storage writes', async () => {
		const { fake, tracker } = setup({}, { consent: 'denied' });
		tracker.page();
		tracker.identify('u1', { email: 'a@example.com' });
		tracker.track('a');
		tracker.alias('u2');
		tracker.reset();
		fake.navigate('/next', 'Next');
		await wait(5000);
		fake.hide();
		fake.pagehide();
		await fake.settle();
		expect(fake.requests).toHaveLength(0);
		expect(fake.beacons).toHaveLength(0);
		expect(fake.storageWrites).toEqual([]);
		expect(fake.cookieWrites).toEqual([]);
	});

	it('denied after pending drops what waited', async () => {
		const { fake, tracker } = setup({}, { consent: 'pending' });
		tracker.track('a');
		tracker.consent('denied');
		tracker.track('b');
		await wait(5000);
		expect(fake.requests).toHaveLength(0);
		expect(fake.storageWrites).toEqual([]);
		expect(fake.cookieWrites).toEqual([]);
	});

	it('denied after granted clears the queue, the cookie and the keys, then writes nothing', async () => {
		const { fake, tracker } = setup({ respond: () => new Error('offline') });
		tracker.identify('u1');
		tracker.track('a');
		expect(fake.store.size).toBe(3);
		tracker.consent('denied');
		expect(fake.store.size).toBe(0);
		expect(fake.cookie).toBe('');
		const writes = fake.storageWrites.length + fake.cookieWrites.length;
		const requests = fake.requests.length;
		tracker.track('b');
		tracker.identify('u2');
		await wait(120_000);
		fake.pagehide();
		await fake.settle();
		expect(fake.storageWrites.length + fake.cookieWrites.length).toBe(writes);
		expect(fake.beacons).toHaveLength(0);
		// the only requests are the retries of the one batch already in flight when denied
		expect(fake.requests.length).toBeLessThanOrEqual(requests + 1);
		expect(fake.events().some((e) => e.event === 'b')).toBe(false);
	});

	it('Do-Not-Track and Global Privacy Control count as denied when the site asks', async () => {
		for (const browser of [{ doNotTrack: '1' }, { globalPrivacyControl: true }]) {
			const { fake, tracker } = setup(browser, { respectDoNotTrack: true });
			tracker.track('a');
			tracker.consent('granted');
			tracker.track('b');
			await wait(2000);
			expect(fake.requests).toHaveLength(0);
			expect(fake.storageWrites).toEqual([]);
			expect(fake.cookieWrites).toEqual([]);
			expect(tracker.state().consent).toBe('denied');
		}
		const { fake, tracker } = setup({ doNotTrack: '1' });
		tracker.track('a');
		await wait(1000);
		expect(fake.requests).toHaveLength(1);
	});
});

describe('single-page apps', () => {
	it('sends a page view with the new URL and title after pushState and popstate', async () => {
		const { fake } = setup({ url: 'https://shop.example/', title: 'Home' });
		fake.navigate('/shoes?utm_source=ad', 'Shoes');
		await wait(0);
		fake.window.history.replaceState({}, '', '/shoes?utm_source=ad');
		await wait(0);
		fake.back('/', 'Home');
		await wait(1000);
		const [shoes, home, ...rest] = fake.events();
		expect(rest).toEqual([]);
		expect(shoes).toMatchObject({
			type: 'page',
			properties: {
				path: '/shoes',
				title: 'Shoes',
				url: 'https://shop.example/shoes?utm_source=ad',
				referrer: 'https://shop.example/'
			},
			context: { page: { path: '/shoes', title: 'Shoes' }, campaign: { source: 'ad' } }
		});
		expect(home).toMatchObject({
			properties: {
				url: 'https://shop.example/',
				title: 'Home',
				referrer: 'https://shop.example/shoes?utm_source=ad'
			}
		});
	});

	it('returns what the original history method returned and patches it once', () => {
		const fake = createFakeBrowser();
		const history = fake.window.history as unknown as { pushState: (...a: unknown[]) => unknown };
		history.pushState = () => 'router result';
		createTracker(fake.window).init({ writeKey: WRITE_KEY, host: HOST });
		const once = history.pushState;
		createTracker(fake.window).init({ writeKey: WRITE_KEY, host: HOST });
		expect(history.pushState).toBe(once);
		expect(history.pushState({}, '', '/x')).toBe('router result');
	});
});

describe('never throws into the page', () => {
	it('works without localStorage access, with a full storage and without fetch', async () => {
		for (const browser of [
			{ localStorage: 'throws' as const },
			{ localStorage: 'quota' as const },
			{ localStorage: 'missing' as const },
			{ fetch: false }
		]) {
			const fake = createFakeBrowser(browser);
			const tracker = createTracker(fake.window);
			expect(() => {
				tracker.init({ writeKey: WRITE_KEY, host: HOST });
				tracker.identify('u1');
				tracker.track('a');
				tracker.page();
				tracker.reset();
				tracker.consent('denied');
				tracker.consent('granted');
				tracker.track('b');
				fake.navigate('/x', 'X');
			}).not.toThrow();
			await wait(2000);
			if (browser.fetch !== false) expect(fake.events().some((e) => e.event === 'b')).toBe(true);
		}
	});

	it('uses sendBeacon on exit when fetch is missing', async () => {
		const { fake, tracker } = setup({ fetch: false });
		tracker.track('a');
		await wait(2000);
		fake.pagehide();
		await fake.settle();
		expect(fake.beacons).toHaveLength(1);
	});

	it('shrugs off bad arguments, a fetch that throws and a hostile window', async () => {
		const tracker = createTracker({} as Window);
		const api = tracker as unknown as Record<string, (...a: unknown[]) => void>;
		expect(() => {
			api.init!(undefined);
			api.init!({ writeKey: 'k', host: 'h' });
			api.track!(undefined, null);
			api.identify!(Symbol('x'));
			api.consent!('maybe');
		}).not.toThrow();
		const fake = createFakeBrowser();
		(fake.window as unknown as { fetch: () => never }).fetch = () => {
			throw new TypeError('bad url');
		};
		const next = createTracker(fake.window);
		next.init({ writeKey: WRITE_KEY, host: HOST });
		expect(() => next.track('a')).not.toThrow();
		await wait(1000);
		expect(fake.stored()).toHaveLength(1);
	});

	it('replays calls made before init', async () => {
		const fake = createFakeBrowser();
		const tracker = createTracker(fake.window);
		tracker.track('early');
		tracker.init({ writeKey: WRITE_KEY, host: HOST });
		await wait(1000);
		expect(fake.events()[0]).toMatchObject({ event: 'early' });
	});
});

describe('server-side rendering', () => {
	it('creates and initialises without a window and touches nothing', () => {
		expect('window' in globalThis).toBe(false);
		const tracker = createTracker();
		expect(() => {
			tracker.init({ writeKey: WRITE_KEY, host: HOST });
			tracker.track('a');
			tracker.page();
			tracker.consent('granted');
		}).not.toThrow();
		expect(tracker.state()).toEqual({ consent: 'pending' });
	});

	it('imports the package entry under Node', async () => {
		const sdk = await import('./index.js');
		expect(typeof sdk.createTracker).toBe('function');
		expect('regulars' in globalThis).toBe(false);
	});
});
