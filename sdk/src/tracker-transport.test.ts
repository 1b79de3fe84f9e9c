import { describe, expect, it } from 'vitest';
import {
	batchBody,
	byteLength,
	MAX_BODY_BYTES,
	retryDelay,
	splitBatches
} from './tracker/transport.js';
import type { TrackingEvent } from './tracker/types.js';

const event = (i: number, text: string): TrackingEvent => ({
	type: 'track',
	messageId: `m${i}`,
	anonymousId: 'a',
	timestamp: '2026-03-01T12:00:00.000Z',
	context: {},
	properties: { text }
});

describe('splitBatches', () => {
	it('keeps every body within 60 KB, counting UTF-8 bytes, in order', () => {
		// three-byte characters: a character count would overshoot the budget threefold
		const events = Array.from({ length: 60 }, (_, i) => event(i, '常'.repeat(3000)));
		const batches = splitBatches(events, 'key');
		expect(batches.length).toBeGreaterThan(5);
		for (const batch of batches) {
			expect(byteLength(batchBody(batch, 'key'))).toBeLessThanOrEqual(MAX_BODY_BYTES);
		}
		expect(batches.flat()).toEqual(events);
	});

	it('puts small events in one batch', () => {
		const events = Array.from({ length: 20 }, (_, i) => event(i, 'x'));
		expect(splitBatches(events, 'key')).toEqual([events]);
		expect(splitBatches([], 'key')).toEqual([]);
	});
});

describe('retryDelay', () => {
	it('doubles from one second to a minute, with jitter down to half', () => {
		for (let attempt = 1; attempt <= 10; attempt++) {
			const base = Math.min(60_000, 1000 * 2 ** (attempt - 1));
			for (let i = 0; i < 50; i++) {
				const delay = retryDelay(attempt, null, 0);
				expect(delay).toBeGreaterThanOrEqual(base / 2);
				expect(delay).toBeLessThanOrEqual(base);
			}
		}
	});

	it('honours Retry-After in seconds or as an HTTP date', () => {
		const now = Date.parse('2026-03-01T12:00:00Z');
		expect(retryDelay(1, '120', now)).toBe(120_000);
		expect(retryDelay(1, '0', now)).toBe(0);
		expect(retryDelay(1, 'Sun, 01 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
		expect(retryDelay(1, 'Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
		const fallback = retryDelay(1, 'soon', now);
		expect(fallback).toBeGreaterThanOrEqual(500);
		expect(fallback).toBeLessThanOrEqual(1000);
	});
});
