/**
 * What marketing costs, as the marketer enters it: unit costs (per message, per loyalty point, per
 * converted run), a fixed cost per journey per month, and acquisition spend per month. Amounts are
 * typed in the currency's major units ("0.002" dollars per email) and stored exactly as
 * thousandths of the minor unit (`amount_milli`), so a fraction of a cent survives. Pure, so the
 * settings form checks what is typed with the same rules as the server.
 */
import { isMonthKey, type MonthKey } from './months';

export type UnitCostKind = 'email' | 'webhook' | 'offer' | 'point' | 'conversion';
export type MonthlyCostKind = 'fixed' | 'acquisition';
export type CostKind = UnitCostKind | MonthlyCostKind;

export const UNIT_COST_KINDS: readonly UnitCostKind[] = [
	'email',
	'webhook',
	'offer',
	'point',
	'conversion'
];
export const MONTHLY_COST_KINDS: readonly MonthlyCostKind[] = ['fixed', 'acquisition'];

export function isUnitCostKind(value: unknown): value is UnitCostKind {
	return typeof value === 'string' && (UNIT_COST_KINDS as readonly string[]).includes(value);
}

export function isMonthlyCostKind(value: unknown): value is MonthlyCostKind {
	return typeof value === 'string' && (MONTHLY_COST_KINDS as readonly string[]).includes(value);
}

/** Unit costs in milli-minor units; 0 where nothing was entered. */
export type UnitCosts = Record<UnitCostKind, number>;

export const NO_UNIT_COSTS: UnitCosts = Object.freeze({
	email: 0,
	webhook: 0,
	offer: 0,
	point: 0,
	conversion: 0
});

export interface MonthlyCost {
	id: number;
	kind: MonthlyCostKind;
	/** The journey a fixed cost belongs to; null for acquisition spend. */
	journeyId: number | null;
	month: MonthKey;
	amountMilli: number;
}

/** Digits of the minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
	try {
		return (
			new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
				.maximumFractionDigits ?? 2
		);
	} catch {
		return 2;
	}
}

/** A billion major units: far above any real cost, far below the integer limit. */
const MAX_MAJOR = 1_000_000_000;

export type AmountProblem = 'required' | 'invalid' | 'negative' | 'too_precise' | 'too_large';

/**
 * "12.5", "0.002" or "1,000.25" (thousands commas allowed) in major units, to milli-minor units,
 * exactly: digits are shifted as text, never through a float.
 */
export function parseAmount(
	text: string,
	currency: string
): { ok: true; milli: number } | { ok: false; problem: AmountProblem } {
	const trimmed = text.trim().replace(/[\s\u00a0]/g, '');
	if (!trimmed) return { ok: false, problem: 'required' };
	if (trimmed.startsWith('-')) return { ok: false, problem: 'negative' };
	const match = /^\+?((?:\d{1,3}(?:,\d{3})+)|\d+)?(?:\.(\d*))?$/.exec(trimmed);
	if (!match || (!match[1] && !match[2])) return { ok: false, problem: 'invalid' };
	const whole = (match[1] ?? '0').replaceAll(',', '');
	const fraction = match[2] ?? '';
	const places = currencyDigits(currency) + 3;
	if (fraction.replace(/0+$/, '').length > places) return { ok: false, problem: 'too_precise' };
	if (Number(whole) >= MAX_MAJOR) return { ok: false, problem: 'too_large' };
	const milli = Number(whole + fraction.padEnd(places, '0').slice(0, places));
	return { ok: true, milli };
}

/**
 * Milli-minor units as a plain major-unit number for a form field or a CSV cell: at least the
 * currency's own decimals, more only where the amount has them ("0.00125", "12.50").
 */
export function formatAmount(milli: number, currency: string): string {
	const digits = currencyDigits(currency);
	const places = digits + 3;
	const negative = milli < 0;
	const text = String(Math.round(Math.abs(milli))).padStart(places + 1, '0');
	const whole = text.slice(0, text.length - places);
	let fraction = text.slice(text.length - places);
	while (fraction.length > digits && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
	return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export type MonthlyCostProblem =
	| { field: 'kind'; problem: 'invalid' }
	| { field: 'month'; problem: 'required' | 'invalid' }
	| { field: 'journey'; problem: 'required' | 'invalid' }
	| { field: 'amount'; problem: AmountProblem };

/** Checks a monthly cost as typed; the journey must be one of `journeyIds` for fixed costs. */
export function parseMonthlyCost(
	input: { kind: string; month: string; journey: string; amount: string },
	currency: string,
	journeyIds: readonly number[]
): { ok: true; value: Omit<MonthlyCost, 'id'> } | { ok: false; problems: MonthlyCostProblem[] } {
	const problems: MonthlyCostProblem[] = [];
	const kind = input.kind;
	if (!isMonthlyCostKind(kind)) problems.push({ field: 'kind', problem: 'invalid' });
	const month = input.month.trim();
	if (!month) problems.push({ field: 'month', problem: 'required' });
	else if (!isMonthKey(month)) problems.push({ field: 'month', problem: 'invalid' });
	let journeyId: number | null = null;
	if (kind === 'fixed') {
		const id = Number(input.journey);
		if (!input.journey.trim()) problems.push({ field: 'journey', problem: 'required' });
		else if (!Number.isSafeInteger(id) || !journeyIds.includes(id))
			problems.push({ field: 'journey', problem: 'invalid' });
		else journeyId = id;
	}
	const amount = parseAmount(input.amount, currency);
	if (!amount.ok) problems.push({ field: 'amount', problem: amount.problem });
	if (problems.length || !amount.ok || !isMonthlyCostKind(kind)) return { ok: false, problems };
	return { ok: true, value: { kind, journeyId, month, amountMilli: amount.milli } };
}
