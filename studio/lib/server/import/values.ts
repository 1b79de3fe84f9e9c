// Cell parsers shared by every import kind. Each returns a value or an error message that names
// the problem in words a shop owner can act on; nothing here throws on bad input.
import { localParts } from '../../time-zone';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (error: string): Parsed<never> => ({ ok: false, error });

// U+FFFD is what a UTF-8 decoder leaves for bytes that were not UTF-8 (a Latin-1 export, say);
// C0 controls other than tab never belong in a shop's data.
// eslint-disable-next-line no-control-regex
const GARBAGE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Trimmed text with inner runs of spaces collapsed; empty becomes null. */
export function parseText(
	raw: string | undefined,
	label: string,
	maxLength = 500
): Parsed<string | null> {
	if (raw === undefined) return ok(null);
	const text = raw.trim();
	if (!text) return ok(null);
	if (GARBAGE.test(text) || LONE_SURROGATE.test(text))
		return bad(`${label} contains characters that are not valid text (is the file UTF-8?)`);
	if (text.length > maxLength) return bad(`${label} is longer than ${maxLength} characters`);
	return ok(text.includes('  ') ? text.replace(/\s{2,}/g, ' ') : text);
}

/** An identifier: text without spaces inside. `numericIds` turns "17850.0" into "17850". */
export function parseId(
	raw: string | undefined,
	label: string,
	numericIds = false
): Parsed<string | null> {
	const text = parseText(raw, label, 200);
	if (!text.ok || text.value === null) return text;
	let id = text.value;
	if (numericIds && /^\d+\.0+$/.test(id)) id = id.slice(0, id.indexOf('.'));
	return ok(id);
}

/** A whole number such as "6", "-12" or "3.0". */
export function parseInteger(raw: string | undefined, label: string): Parsed<number | null> {
	const text = raw?.trim();
	if (!text) return ok(null);
	if (!/^[-+]?\d+(\.0*)?$/.test(text))
		return bad(`${label} is not a whole number: "${clip(text)}"`);
	const value = Number.parseInt(text, 10);
	if (!Number.isSafeInteger(value)) return bad(`${label} is too large: "${clip(text)}"`);
	return ok(value === 0 ? 0 : value);
}

/**
 * A decimal amount in major units ("2.55", "1,234.50", "-0.5") as integer minor units, rounded
 * half away from zero at `digits` places. Parsed from the text, never through a float, so 2.55
 * is 255 and not 254.99999.
 */
export function parseMoney(
	raw: string | undefined,
	label: string,
	digits: number
): Parsed<number | null> {
	let text = raw?.trim();
	if (!text) return ok(null);
	if (/^[-+]?[\d,]*\.?\d*$/.test(text) && text.includes(',')) {
		// Thousands separators only: "1,234.50". A decimal comma is ambiguous and refused below.
		if (!/^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text))
			return bad(`${label} is not an amount: "${clip(text)}"`);
		text = text.replaceAll(',', '');
	}
	const match = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text);
	if (!match || (!match[2] && !match[3])) return bad(`${label} is not an amount: "${clip(text)}"`);
	const negative = match[1] === '-';
	const whole = match[2] || '0';
	const fraction = (match[3] ?? '').padEnd(digits + 1, '0');
	let minor = Number(whole) * 10 ** digits + Number(fraction.slice(0, digits) || '0');
	if (Number(fraction[digits]) >= 5) minor += 1;
	if (!Number.isSafeInteger(minor)) return bad(`${label} is too large: "${clip(text)}"`);
	return ok(negative && minor !== 0 ? -minor : minor);
}

export type DateOrder = 'ymd' | 'mdy' | 'dmy';

const DATE =
	/^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date or date-time as epoch ms. Years first ("2010-12-01 08:26:00", ISO 8601 with or without
 * a zone) always works; "12/1/2010 8:26" needs `order` mdy or dmy. Times without a zone are read
 * in `timeZone` (an IANA name), so a shop's till history lands at the right instant.
 */
export function parseDate(
	raw: string | undefined,
	label: string,
	order: DateOrder = 'ymd',
	timeZone = 'UTC'
): Parsed<number | null> {
	const text = raw?.trim();
	if (!text) return ok(null);
	if (/^\d{12,13}$/.test(text)) return ok(Number(text));
	const m = DATE.exec(text);
	if (!m) return bad(`${label} is not a date: "${clip(text)}"`);
	let [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (m[1]!.length !== 4) {
		if (order === 'ymd' || m[3]!.length !== 4)
			return bad(`${label} is not a date in the expected order (${order}): "${clip(text)}"`);
		[year, month, day] =
			order === 'mdy'
				? [Number(m[3]), Number(m[1]), Number(m[2])]
				: [Number(m[3]), Number(m[2]), Number(m[1])];
	}
	const hour = Number(m[4] ?? 0);
	const minute = Number(m[5] ?? 0);
	const second = Number(m[6] ?? 0);
	const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3) || 0);
	const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	const check = new Date(utc);
	if (
		year < 1900 ||
		year > 2200 ||
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	)
		return bad(`${label} is not a real date: "${clip(text)}"`);
	const zone = m[8];
	if (zone) {
		if (zone.toUpperCase() === 'Z') return ok(utc);
		const sign = zone[0] === '-' ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
		return ok(utc - offset);
	}
	return ok(utc - zoneOffset(utc, timeZone));
}

const offsetCache = new Map<string, number>();

/**
 * The zone's offset from UTC at (about) that wall-clock time, cached per zone and hour: a big
 * file repeats the same hours thousands of times and Intl is slow.
 */
export function zoneOffset(wallAsUtc: number, timeZone: string): number {
	if (timeZone === 'UTC') return 0;
	const hourKey = `${timeZone}|${Math.floor(wallAsUtc / 3_600_000)}`;
	const cached = offsetCache.get(hourKey);
	if (cached !== undefined) return cached;
	// Guess with the offset at the instant equal to the wall time, then correct once (DST edges).
	const offsetAt = (instant: number) => {
		const p = localParts(instant, timeZone);
		const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
		return asUtc - Math.floor(instant / 1000) * 1000;
	};
	const first = offsetAt(wallAsUtc);
	const offset = offsetAt(wallAsUtc - first);
	if (offsetCache.size > 50_000) offsetCache.clear();
	offsetCache.set(hourKey, offset);
	return offset;
}

export function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

/** "yes", "true", "1", "y" and their opposites; anything else is an error. */
export function parseBoolean(raw: string | undefined, label: string): Parsed<boolean | null> {
	const text = raw?.trim().toLowerCase();
	if (!text) return ok(null);
	if (['1', 'true', 'yes', 'y', 'granted', 'in stock', 'opt-in'].includes(text)) return ok(true);
	if (['0', 'false', 'no', 'n', 'denied', 'out of stock', 'opt-out'].includes(text))
		return ok(false);
	return bad(`${label} is not yes or no: "${clip(text)}"`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseEmail(raw: string | undefined, label: string): Parsed<string | null> {
	const text = parseText(raw, label, 320);
	if (!text.ok || text.value === null) return text;
	const email = text.value.toLowerCase();
	return EMAIL.test(email) ? ok(email) : bad(`${label} is not an email address: "${clip(email)}"`);
}

export function parseUrl(raw: string | undefined, label: string): Parsed<string | null> {
	const text = parseText(raw, label, 2000);
	if (!text.ok || text.value === null) return text;
	try {
		const url = new URL(text.value);
		if (url.protocol === 'http:' || url.protocol === 'https:') return ok(url.toString());
	} catch {
		// fall through
	}
	return bad(`${label} is not an http(s) link: "${clip(text.value)}"`);
}

const digitsCache = new Map<string, number>();

/** How many minor digits a currency has (GBP 2, JPY 0, BHD 3); 2 for codes Intl does not know. */
export function currencyDigits(currency: string): number {
	let digits = digitsCache.get(currency);
	if (digits === undefined) {
		try {
			digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
				.maximumFractionDigits!;
		} catch {
			digits = 2;
		}
		digitsCache.set(currency, digits);
	}
	return digits;
}

export function isCurrency(value: string): boolean {
	return /^[A-Z]{3}$/.test(value);
}

function clip(text: string): string {
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
