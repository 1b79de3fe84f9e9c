import { describe, expect, it } from 'vitest';
import {
	addMonths,
	isMonthKey,
	monthDistance,
	monthEnd,
	monthOf,
	monthRange,
	monthStart
} from './months';

describe('months', () => {
	it('reads the month in the workspace time zone', () => {
		// 2026-01-31 20:00 UTC is already 1 February in Shanghai (UTC+8), still January in London.
		const at = Date.UTC(2026, 0, 31, 20, 0);
		expect(monthOf(at, 'UTC')).toBe('2026-01');
		expect(monthOf(at, 'Europe/London')).toBe('2026-01');
		expect(monthOf(at, 'Asia/Shanghai')).toBe('2026-02');
	});

	it('starts a month at local midnight on the 1st', () => {
		expect(monthStart('2026-02', 'UTC')).toBe(Date.UTC(2026, 1, 1));
		expect(monthStart('2026-02', 'Asia/Shanghai')).toBe(Date.UTC(2026, 0, 31, 16));
		// Berlin is on summer time (UTC+2) on 1 July.
		expect(monthStart('2026-07', 'Europe/Berlin')).toBe(Date.UTC(2026, 5, 30, 22));
		expect(monthEnd('2026-12', 'UTC')).toBe(Date.UTC(2027, 0, 1));
	});

	it('counts months across years', () => {
		expect(addMonths('2026-11', 3)).toBe('2027-02');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2026-01', -13)).toBe('2024-12');
		expect(monthDistance('2025-11', '2026-02')).toBe(3);
		expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
		expect(monthRange('2026-02', '2025-11')).toEqual([]);
	});

	it('knows a month key when it sees one', () => {
		expect(isMonthKey('2026-09')).toBe(true);
		for (const bad of ['2026-13', '2026-00', '2026-9', '26-09', '2026-09-01', 202609, null])
			expect(isMonthKey(bad)).toBe(false);
	});
});
