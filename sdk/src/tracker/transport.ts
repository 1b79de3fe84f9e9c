import type { TrackingEvent } from './types.js';

/**
 * Each request stays under this many bytes: browsers give keepalive fetches and beacons a shared
 * 64 KiB in flight, and a request past it is refused outright rather than sent late.
 */
export const MAX_BODY_BYTES = 60_000;

/** The studio refuses larger events, so they are dropped before they can block a batch. */
export const MAX_EVENT_BYTES = 32_000;

const MAX_BACKOFF_MS = 60_000;

export function byteLength(text: string): number {
	return new TextEncoder().encode(text).length;
}

export function batchBody(batch: TrackingEvent[], writeKey: string): string {
	return JSON.stringify({ batch, writeKey, sentAt: new Date().toISOString() });
}

/** Splits events, in order, into batches whose bodies each fit in MAX_BODY_BYTES. */
export function splitBatches(events: TrackingEvent[], writeKey: string): TrackingEvent[][] {
	const envelope = byteLength(batchBody([], writeKey));
	const batches: TrackingEvent[][] = [];
	let current: TrackingEvent[] = [];
	let size = envelope;
	for (const event of events) {
		// +1 for the comma between events
		const bytes = byteLength(JSON.stringify(event)) + 1;
		if (current.length && size + bytes > MAX_BODY_BYTES) {
			batches.push(current);
			current = [];
			size = envelope;
		}
		current.push(event);
		size += bytes;
	}
	if (current.length) batches.push(current);
	return batches;
}

/**
 * How long to wait before retry `attempt` (1-based): the server's Retry-After (seconds or an HTTP
 * date) when it sent one, else 1 s, 2 s, 4 s ... capped at a minute, with jitter from half to the
 * full delay so shops that lost the network together do not all come back in the same second.
 */
export function retryDelay(attempt: number, retryAfter: string | null, now: number): number {
	if (retryAfter) {
		const seconds = Number(retryAfter);
		if (seconds >= 0) return seconds * 1000;
		const at = Date.parse(retryAfter);
		if (at === at) return Math.max(0, at - now);
	}
	const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
	return base / 2 + (Math.random() * base) / 2;
}
