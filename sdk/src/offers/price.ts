/**
 * How many minor digits a currency has (0 for JPY, 2 for GBP, 3 for KWD), from Intl: the same
 * table the studio uses when it stores prices in minor units. 2 when Intl does not know the code.
 */
function minorDigits(currency: string): number {
	try {
		return (
			new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
				.maximumFractionDigits ?? 2
		);
	} catch {
		return 2;
	}
}

/** The major-unit amount, for event properties (`price` in Segment's e-commerce spec). */
export const majorUnits = (minor: number, currency: string): number =>
	minor / 10 ** minorDigits(currency);

/** Money in the shop's currency, in the visitor's locale. */
export function formatPrice(minor: number, currency: string, locale?: string): string {
	const amount = majorUnits(minor, currency);
	try {
		return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
	} catch {
		// an unknown currency code or a locale Intl refuses: plain digits still say the price
		return `${amount} ${currency}`;
	}
}
