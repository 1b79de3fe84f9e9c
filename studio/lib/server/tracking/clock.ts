import { EARLIEST_TIMESTAMP } from './limits';

/** Epoch ms from an ISO 8601 string or an epoch-ms number; null when it is neither. */
export function parseTime(value: unknown): number | null {
	let ms: number;
	if (typeof value === 'number') ms = value;
	else if (typeof value === 'string' && value.length <= 64) ms = Date.parse(value);
	else return null;
	return Number.isFinite(ms) ? Math.trunc(ms) : null;
}

/**
 * When the event happened, in server time. A client's clock may be off, but the gap between when
 * it says the event happened and when it says it sent it is trustworthy, so that gap is taken
 * back from the arrival time. Without a sentAt the client's time is used as is. Times in the
 * future or before 2000 are taken for broken clocks: the event keeps its arrival time.
 */
export function eventTime(
	receivedAt: number,
	sentAt: number | null,
	timestamp: number | null
): number {
	if (timestamp === null) return receivedAt;
	const corrected = sentAt === null ? timestamp : receivedAt - (sentAt - timestamp);
	if (!Number.isSafeInteger(corrected) || corrected < EARLIEST_TIMESTAMP) return receivedAt;
	return corrected > receivedAt ? receivedAt : corrected;
}
