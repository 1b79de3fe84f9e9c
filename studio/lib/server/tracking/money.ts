const digitsCache = new Map<string, number | null>();

/** The currency's minor-unit digits (2 for EUR, 0 for JPY, 3 for KWD); null if unknown. */
export function fractionDigits(currency: string): number | null {
	let digits = digitsCache.get(currency);
	if (digits !== undefined) return digits;
	try {
		digits =
			new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
				.maximumFractionDigits ?? 2;
	} catch {
		digits = null;
	}
	if (digitsCache.size < 1000) digitsCache.set(currency, digits);
	return digits;
}

/** A 3-letter ISO 4217 code Intl knows, upper-cased; null otherwise. */
export function normalizeCurrency(value: unknown): string | null {
	if (typeof value !== 'string' || !/^[a-zA-Z]{3}$/.test(value.trim())) return null;
	const code = value.trim().toUpperCase();
	return fractionDigits(code) === null ? null : code;
}

/** A major-unit amount (number or numeric string) from an event; null when not a number. */
export function readAmount(value: unknown): number | null {
	let amount: number;
	if (typeof value === 'number') amount = value;
	else if (typeof value === 'string' && value.trim() && value.length <= 32) amount = Number(value);
	else return null;
	return Number.isFinite(amount) ? amount : null;
}

/** Major units (19.99) to integer minor units (1999), refusing amounts no shop charges. */
export function toMinor(amount: number, currency: string): number | null {
	const digits = fractionDigits(currency) ?? 2;
	const minor = Math.round(amount * 10 ** digits);
	return Number.isSafeInteger(minor) && minor >= 0 && minor < 1e15 ? minor : null;
}
