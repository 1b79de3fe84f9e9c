/**
 * Local time for journeys: delays "until 9:00", quiet hours and anniversaries happen in the
 * customer's own time zone. Pure (Intl only), so the engine and the simulated test clock agree.
 */
import { localParts } from '../time-zone';

export { localParts, type LocalParts } from '../time-zone';

/** A usable IANA zone: the given one when Intl knows it, else UTC. */
export function zoneOr(timeZone: string | null | undefined, fallback = 'UTC'): string {
	for (const zone of [timeZone, fallback]) {
		if (!zone) continue;
		try {
			localParts(0, zone);
			return zone;
		} catch {
			// unknown zone: try the next
		}
	}
	return 'UTC';
}

/** The instant a local wall-clock time happens (the earlier one in a DST overlap). */
export function fromLocal(
	timeZone: string,
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number
): number {
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	// The zone's offset at a guess, applied twice so a guess across a DST change settles.
	let guess = wall;
	for (let i = 0; i < 2; i++) {
		const p = localParts(guess, timeZone);
		const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
		guess += wall - seen;
	}
	return guess;
}

/** The first instant after `ms` when the local time is hour:minute. */
export function nextLocalTime(ms: number, timeZone: string, hour: number, minute: number): number {
	const today = localParts(ms, timeZone);
	for (let add = 0; add < 3; add++) {
		const date = new Date(Date.UTC(today.year, today.month - 1, today.day + add));
		const at = fromLocal(
			timeZone,
			date.getUTCFullYear(),
			date.getUTCMonth() + 1,
			date.getUTCDate(),
			hour,
			minute
		);
		if (at > ms) return at;
	}
	return ms + 86_400_000;
}

/**
 * When a message may go out: null when `ms` is outside the quiet hours, else the end of them.
 * Quiet hours may wrap midnight (21 to 8).
 */
export function quietUntil(
	ms: number,
	timeZone: string,
	quiet: { startHour: number; endHour: number } | null
): number | null {
	if (!quiet || quiet.startHour === quiet.endHour) return null;
	const { hour } = localParts(ms, timeZone);
	const inside =
		quiet.startHour < quiet.endHour
			? hour >= quiet.startHour && hour < quiet.endHour
			: hour >= quiet.startHour || hour < quiet.endHour;
	return inside ? nextLocalTime(ms, timeZone, quiet.endHour, 0) : null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Month and day of a YYYY-MM-DD (or ISO timestamp) value, or of a time in ms; null if unusable. */
export function monthDay(value: unknown): { month: number; day: number } | null {
	if (typeof value === 'number' && Number.isFinite(value)) {
		const d = new Date(value);
		return { month: d.getUTCMonth() + 1, day: d.getUTCDate() };
	}
	if (typeof value !== 'string') return null;
	const m = DATE.exec(value);
	if (!m) return null;
	const month = Number(m[2]);
	const day = Number(m[3]);
	return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { month, day } : null;
}

/**
 * The next anniversary of month/day, shifted by offsetDays, at the local hour, after `ms`.
 * 29 February falls on 28 February in other years.
 */
export function nextAnniversary(
	ms: number,
	timeZone: string,
	date: { month: number; day: number },
	offsetDays: number,
	hour: number
): number {
	const { year } = localParts(ms, timeZone);
	for (let y = year - 1; y <= year + 2; y++) {
		const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
		const day = date.month === 2 && date.day === 29 && !leap ? 28 : date.day;
		const shifted = new Date(Date.UTC(y, date.month - 1, day + offsetDays));
		const at = fromLocal(
			timeZone,
			shifted.getUTCFullYear(),
			shifted.getUTCMonth() + 1,
			shifted.getUTCDate(),
			hour,
			0
		);
		if (at > ms) return at;
	}
	return ms + 365 * 86_400_000;
}
