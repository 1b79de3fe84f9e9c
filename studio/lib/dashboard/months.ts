/**
 * Calendar months in the workspace's time zone, as `YYYY-MM` keys. Cohorts, CAC and lifecycle
 * snapshots all speak of "a month", and a shop in Shanghai closes its month eight hours before
 * one in London, so every month boundary is the local midnight of the 1st. Pure (Intl only).
 */
import { fromLocal, localParts } from '../journey/clock';

export type MonthKey = string;

const KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthKey(value: unknown): value is MonthKey {
	return typeof value === 'string' && KEY.test(value);
}

function parts(key: MonthKey): { year: number; month: number } {
	const match = KEY.exec(key);
	if (!match) throw new RangeError(`Not a month: ${key}`);
	return { year: Number(match[1]), month: Number(match[2]) };
}

function keyOf(year: number, month: number): MonthKey {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month an instant falls in, in the time zone. */
export function monthOf(ms: number, timeZone: string): MonthKey {
	const p = localParts(ms, timeZone);
	return keyOf(p.year, p.month);
}

/** `n` months after the key (before it when negative). */
export function addMonths(key: MonthKey, n: number): MonthKey {
	const { year, month } = parts(key);
	const index = year * 12 + (month - 1) + n;
	return keyOf(Math.floor(index / 12), (index % 12) + 1);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthDistance(from: MonthKey, to: MonthKey): number {
	const a = parts(from);
	const b = parts(to);
	return b.year * 12 + b.month - (a.year * 12 + a.month);
}

/** The first instant of the month: local midnight on the 1st. */
export function monthStart(key: MonthKey, timeZone: string): number {
	const { year, month } = parts(key);
	return fromLocal(timeZone, year, month, 1, 0, 0);
}

/** The first instant after the month (the next month's start). */
export function monthEnd(key: MonthKey, timeZone: string): number {
	return monthStart(addMonths(key, 1), timeZone);
}

/** Every month from `from` to `to`, both included, oldest first; empty when `to` is earlier. */
export function monthRange(from: MonthKey, to: MonthKey): MonthKey[] {
	const count = monthDistance(from, to) + 1;
	return Array.from({ length: Math.max(0, count) }, (_, i) => addMonths(from, i));
}
