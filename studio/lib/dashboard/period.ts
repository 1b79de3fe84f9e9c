/** The dashboard's look-back periods, in days. */
export const PERIODS = [30, 90, 365] as const;
export type PeriodDays = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: PeriodDays = 90;

/** `?days=` as given, or the default when missing or not one of the periods. */
export function parsePeriod(value: string | null | undefined): PeriodDays {
	const n = Number(value);
	return (PERIODS as readonly number[]).includes(n) ? (n as PeriodDays) : DEFAULT_PERIOD;
}
