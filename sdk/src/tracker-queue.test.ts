import { describe, expect, it } from 'vitest';
import { createFakeBrowser } from './testing/fake-browser.js';
import { prune, QUEUE_LIMITS, readQueue, storeEvents, unstoreEvents } from './tracker/queue.js';
import { createStorage } from './tracker/storage.js';
import type { TrackingEvent } from './tracker/types.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

const event = (id: number, ageMs = 0, padding = ''): TrackingEvent => ({
	type: 'track',
	messageId: `m${id}`,
	anonymousId: 'a',
	timestamp: new Date(NOW - ageMs).toISOString(),
	context: {},
	event: 'e',
	properties: { padding }
});

describe('prune', () => {
	it('keeps the newest 1000 events', () => {
		const kept = prune(
			Array.from({ length: 1200 }, (_, i) => event(i)),
			NOW
		);
		expect(kept).toHaveLength(QUEUE_LIMITS.count);
		expect(kept[0]!.messageId).toBe('m200');
		expect(kept.at(-1)!.messageId).toBe('m1199');
	});

	it('drops events older than seven days', () => {
		const week = 7 * 24 * 3600 * 1000;
		const kept = prune([event(1, week + 1), event(2, week - 1), event(3)], NOW);
		expect(kept.map((e) => e.messageId)).toEqual(['m2', 'm3']);
	});

	it('keeps the newest events within about 500 KB', () => {
		const events = Array.from({ length: 100 }, (_, i) => event(i, 0, 'x'.repeat(10_000)));
		const kept = prune(events, NOW);
		const chars = kept.reduce((n, e) => n + JSON.stringify(e).length + 1, 0);
		expect(chars).toBeLessThanOrEqual(QUEUE_LIMITS.chars);
		expect(chars + JSON.stringify(events[0]).length).toBeGreaterThan(QUEUE_LIMITS.chars);
		expect(kept.at(-1)!.messageId).toBe('m99');
	});
});

describe('stored queue', () => {
	it('appends without duplicates, removes by id and deletes the key when empty', () => {
		const fake = createFakeBrowser();
		const storage = createStorage(fake.window);
		storeEvents(storage, [event(1), event(2)], NOW);
		storeEvents(storage, [event(2), event(3)], NOW);
		expect(readQueue(storage).map((e) => e.messageId)).toEqual(['m1', 'm2', 'm3']);
		unstoreEvents(storage, new Set(['m1', 'm3']));
		expect(readQueue(storage).map((e) => e.messageId)).toEqual(['m2']);
		unstoreEvents(storage, new Set(['m2']));
		expect(fake.store.has('regulars_queue')).toBe(false);
	});

	it('applies the bounds on every write', () => {
		const fake = createFakeBrowser();
		const storage = createStorage(fake.window);
		storeEvents(
			storage,
			Array.from({ length: 1500 }, (_, i) => event(i)),
			NOW
		);
		expect(readQueue(storage)).toHaveLength(1000);
		expect(fake.store.get('regulars_queue')!.length).toBeLessThanOrEqual(QUEUE_LIMITS.chars);
	});

	it('treats a corrupt stored queue as empty', () => {
		for (const bad of ['{', '{"a":1}', '[null,1,{"messageId":"ok","timestamp":"x"}]']) {
			const fake = createFakeBrowser({ storage: new Map([['regulars_queue', bad]]) });
			const ids = readQueue(createStorage(fake.window)).map((e) => e.messageId);
			expect(ids).toEqual(bad.startsWith('[') ? ['ok'] : []);
		}
	});
});
