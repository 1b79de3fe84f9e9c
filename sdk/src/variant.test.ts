import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assignVariant, bucketRanges, chooseVariant, hash } from './core/index.js';
import type { ExperimentConfig } from './core/index.js';
import { createGlobal } from './global.js';
import { createFakeBrowser, type FakeBrowserOptions } from './testing/fake-browser.js';

const HOST = 'https://studio.example';
const BANNER: ExperimentConfig = {
	key: 'home-banner',
	seed: 'home-banner',
	hashVersion: 2,
	coverage: 1,
	variants: [
		{ key: 'control', weight: 0.5 },
		{ key: 'free-shipping', weight: 0.5 }
	]
};

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

const wait = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

function setup(experiments: ExperimentConfig[] = [BANNER], browser: FakeBrowserOptions = {}) {
	const fake = createFakeBrowser({
		get: (url) =>
			url.pathname === '/sdk/v1/config'
				? { status: 200, json: { workspace: { currency: 'USD' }, experiments } }
				: new Error('unexpected'),
		...browser
	});
	const regulars = createGlobal(fake.window);
	return { fake, regulars };
}

const exposures = (fake: ReturnType<typeof createFakeBrowser>) =>
	fake.events().filter((e) => e.event === 'Experiment Viewed');

describe('assignVariant', () => {
	it('is GrowthBook’s hash and buckets, and respects coverage', () => {
		for (const unit of ['a', 'visitor-1', '2f1c0c1e-0e4a-4c1b-9a55-7e0a8b0f9d21', '常客']) {
			const expected = chooseVariant(hash('home-banner', unit, 2), bucketRanges([0.5, 0.5], 1));
			expect(assignVariant(BANNER, unit)).toBe(expected);
		}
		expect(assignVariant({ ...BANNER, coverage: 0 }, 'a')).toBe(-1);
		// Without a seed the key seeds the hash.
		const { seed: _seed, ...unseeded } = BANNER;
		expect(assignVariant(unseeded, 'visitor-1')).toBe(assignVariant(BANNER, 'visitor-1'));
	});

	it('splits many visitors close to the weights', () => {
		const counts = [0, 0, 0];
		const experiment = {
			key: 'split',
			variants: [0.2, 0.3, 0.5].map((weight, i) => ({ key: `v${i}`, weight }))
		};
		for (let i = 0; i < 20_000; i++) counts[assignVariant(experiment, `visitor-${i}`)]!++;
		expect(counts[0]! / 20_000).toBeCloseTo(0.2, 1);
		expect(counts[1]! / 20_000).toBeCloseTo(0.3, 1);
		expect(counts[2]! / 20_000).toBeCloseTo(0.5, 1);
	});
});

describe('variant()', () => {
	it('returns the hashed variant and sends one exposure per visitor, experiment and variant', async () => {
		const { fake, regulars } = setup();
		regulars.init({ writeKey: 'wk', host: HOST, flushIntervalMs: 0 });
		const aid = regulars.state().anonymousId!;
		const expected = BANNER.variants[assignVariant(BANNER, aid)]!.key;
		const [first, second] = await Promise.all([
			regulars.variant('home-banner'),
			regulars.variant('home-banner')
		]);
		expect(first).toBe(expected);
		expect(second).toBe(expected);
		await regulars.variant('home-banner');
		await wait(10);
		// The config is fetched once, with the write key in the query and no cookies.
		expect(fake.gets.map((u) => u.pathname)).toEqual(['/sdk/v1/config']);
		expect(fake.gets[0]!.searchParams.get('writeKey')).toBe('wk');
		// With consent, who the visitor is goes along (segment-targeted experiments need it).
		expect(fake.gets[0]!.searchParams.get('anonymousId')).toBe(aid);
		const sent = exposures(fake);
		expect(sent).toHaveLength(1);
		expect(sent[0]!.properties).toEqual({
			experiment_id: 'home-banner',
			variation_id: expected,
			variation_index: assignVariant(BANNER, aid)
		});
	});

	it('remembers exposures across page loads, and a new visitor after reset is exposed again', async () => {
		const storage = new Map<string, string>();
		const first = setup([BANNER], { storage });
		first.regulars.init({ writeKey: 'wk', host: HOST, flushIntervalMs: 0 });
		await first.regulars.variant('home-banner');
		await wait(10);
		expect(exposures(first.fake)).toHaveLength(1);

		const next = setup([BANNER], { storage, cookie: first.fake.cookie });
		next.regulars.init({ writeKey: 'wk', host: HOST, flushIntervalMs: 0 });
		expect(next.regulars.state().anonymousId).toBe(first.regulars.state().anonymousId);
		await next.regulars.variant('home-banner');
		await wait(10);
		expect(exposures(next.fake)).toHaveLength(0);

		next.regulars.reset();
		await next.regulars.variant('home-banner');
		await wait(10);
		expect(exposures(next.fake)).toHaveLength(1);
	});

	it('answers null for an unknown experiment or a visitor outside coverage, with no exposure', async () => {
		const { fake, regulars } = setup([{ ...BANNER, key: 'nobody', coverage: 0 }]);
		regulars.init({ writeKey: 'wk', host: HOST, flushIntervalMs: 0 });
		expect(await regulars.variant('home-banner')).toBeNull();
		expect(await regulars.variant('nobody')).toBeNull();
		await wait(10);
		expect(exposures(fake)).toHaveLength(0);
	});

	it('answers null when the studio cannot be reached, and tries again on the next call', async () => {
		let up = false;
		const { fake, regulars } = setup([], {
			get: () =>
				up
					? { status: 200, json: { experiments: [BANNER] } }
					: { status: 503, json: { error: { code: 'down', message: 'down' } } }
		});
		regulars.init({ writeKey: 'wk', host: HOST, flushIntervalMs: 0 });
		expect(await regulars.variant('home-banner')).toBeNull();
		up = true;
		expect(await regulars.variant('home-banner')).toMatch(/^(control|free-shipping)$/);
		expect(fake.gets).toHaveLength(2);
	});

	it('waits for init, and with consent denied assigns without sending or storing anything', async () => {
		const { fake, regulars } = setup();
		const early = regulars.variant('home-banner');
		await wait(10);
		expect(fake.gets).toHaveLength(0);
		regulars.init({ writeKey: 'wk', host: HOST, flushIntervalMs: 0, consent: 'denied' });
		expect(await early).toMatch(/^(control|free-shipping)$/);
		// The config is fetched without saying who the visitor is.
		expect(fake.gets[0]!.searchParams.has('anonymousId')).toBe(false);
		expect(fake.gets[0]!.searchParams.has('userId')).toBe(false);
		await wait(2000);
		expect(fake.requests).toHaveLength(0);
		expect(fake.storageWrites).toEqual([]);
		expect(fake.cookieWrites).toEqual([]);
	});

	it('never throws into the page, whatever it is given', async () => {
		const { regulars } = setup([
			// a config a broken proxy might hand back
			{ key: 'odd', variants: [] }
		]);
		regulars.init({ writeKey: 'wk', host: HOST });
		await expect(regulars.variant(undefined as unknown as string)).resolves.toBeNull();
		await expect(regulars.variant('odd')).resolves.toBeNull();
		expect(() =>
			regulars.ready(() => {
				throw new Error('the shop’s callback failed');
			})
		).not.toThrow();
	});
});

describe('ready()', () => {
	it('runs callbacks with the API once init has run, in order', () => {
		const { regulars } = setup();
		const calls: string[] = [];
		regulars.ready((r) => calls.push(`first ${typeof r.offers.render}`));
		regulars.ready(() => calls.push('second'));
		expect(calls).toEqual([]);
		regulars.init({ writeKey: 'wk', host: HOST });
		regulars.ready(() => calls.push('after'));
		expect(calls).toEqual(['first function', 'second', 'after']);
	});
});
