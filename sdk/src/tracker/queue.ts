import type { Storage } from './storage.js';
import { QUEUE_KEY } from './storage.js';
import type { TrackingEvent } from './types.js';

/** Bounds of what waits to be sent, so a long outage cannot fill the shop's storage. */
export const QUEUE_LIMITS = { count: 1000, chars: 500_000, ageMs: 7 * 24 * 3600 * 1000 };

/**
 * Keeps the newest events within the bounds. Characters rather than bytes, because the
 * localStorage quota counts UTF-16 characters.
 */
export function prune(events: TrackingEvent[], now: number): TrackingEvent[] {
	const kept = events
		.filter((e) => now - Date.parse(e.timestamp) < QUEUE_LIMITS.ageMs)
		.slice(-QUEUE_LIMITS.count);
	let chars = 0;
	for (let i = kept.length - 1; i >= 0; i--) {
		chars += JSON.stringify(kept[i]).length + 1;
		if (chars > QUEUE_LIMITS.chars) return kept.slice(i + 1);
	}
	return kept;
}

export function readQueue(storage: Storage): TrackingEvent[] {
	try {
		const stored: unknown = JSON.parse(storage.get(QUEUE_KEY) || '[]');
		return Array.isArray(stored)
			? (stored as TrackingEvent[]).filter((e) => e && typeof e.messageId === 'string')
			: [];
	} catch {
		// a corrupt entry (another script, a cut-off write) must not block tracking forever
		return [];
	}
}

function writeQueue(storage: Storage, events: TrackingEvent[]): void {
	storage.set(QUEUE_KEY, events.length ? JSON.stringify(events) : null);
}

/**
 * Re-reads before every write, because other tabs of the shop share the key: appending to and
 * deleting from the stored list keeps their events, where overwriting it would drop them.
 */
export function storeEvents(storage: Storage, events: TrackingEvent[], now: number): void {
	const stored = readQueue(storage);
	const known = new Set(stored.map((e) => e.messageId));
	writeQueue(storage, prune(stored.concat(events.filter((e) => !known.has(e.messageId))), now));
}

export function unstoreEvents(storage: Storage, ids: Set<string>): void {
	const stored = readQueue(storage);
	const left = stored.filter((e) => !ids.has(e.messageId));
	if (left.length !== stored.length) writeQueue(storage, left);
}
