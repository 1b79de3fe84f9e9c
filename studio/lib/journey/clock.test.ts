import { describe, expect, it } from 'vitest';
import { fromLocal, monthDay, nextAnniversary, nextLocalTime, quietUntil, zoneOr } from './clock';

const iso = (ms: number) => new Date(ms).toISOString();

describe('journey clock', () => {
	it('finds the next local wall-clock time, across days and DST', () => {
		// 08:30 in Shanghai (UTC+8) is 00:30 UTC.
		expect(iso(nextLocalTime(Date.UTC(2026, 10, 23, 0, 0), 'Asia/Shanghai', 9, 0))).toBe(
			'2026-11-23T01:00:00.000Z'
		);
		// Already past 9:00 there: tomorrow.
		expect(iso(nextLocalTime(Date.UTC(2026, 10, 23, 2, 0), 'Asia/Shanghai', 9, 0))).toBe(
			'2026-11-24T01:00:00.000Z'
		);
		// Berlin leaves summer time on 25 Oct 2026: 9:00 is 07:00 UTC before, 08:00 UTC after.
		expect(iso(nextLocalTime(Date.UTC(2026, 9, 24, 12, 0), 'Europe/Berlin', 9, 0))).toBe(
			'2026-10-25T08:00:00.000Z'
		);
		expect(iso(fromLocal('Europe/Berlin', 2026, 10, 24, 9, 0))).toBe('2026-10-24T07:00:00.000Z');
	});

	it('holds messages in quiet hours, also when they wrap midnight', () => {
		const quiet = { startHour: 21, endHour: 8 };
		// 23:00 in New York (UTC-5 in November) is 04:00 UTC next day.
		expect(iso(quietUntil(Date.UTC(2026, 10, 24, 4, 0), 'America/New_York', quiet)!)).toBe(
			'2026-11-24T13:00:00.000Z'
		);
		expect(quietUntil(Date.UTC(2026, 10, 24, 15, 0), 'America/New_York', quiet)).toBeNull();
		expect(quietUntil(Date.UTC(2026, 10, 24, 15, 0), 'UTC', null)).toBeNull();
	});

	it('reads dates and finds anniversaries, leap days included', () => {
		expect(monthDay('1990-02-29')).toEqual({ month: 2, day: 29 });
		expect(monthDay('not a date')).toBeNull();
		expect(monthDay('1990-13-01')).toBeNull();
		const now = Date.UTC(2026, 10, 23, 12, 0);
		expect(iso(nextAnniversary(now, 'UTC', { month: 2, day: 29 }, 0, 9))).toBe(
			'2027-02-28T09:00:00.000Z'
		);
		// Three days before a 1 December birthday, at 9:00 in Shanghai.
		expect(iso(nextAnniversary(now, 'Asia/Shanghai', { month: 12, day: 1 }, -3, 9))).toBe(
			'2026-11-28T01:00:00.000Z'
		);
	});

	it('falls back to UTC for unknown zones', () => {
		expect(zoneOr('Mars/Olympus')).toBe('UTC');
		expect(zoneOr(null, 'Asia/Tokyo')).toBe('Asia/Tokyo');
	});
});
