import { describe, expect, it } from 'vitest';
import { currencyDigits, formatAmount, parseAmount, parseMonthlyCost } from './costs';

describe('cost amounts', () => {
	it('turns major units into thousandths of the minor unit, exactly', () => {
		expect(parseAmount('12.5', 'EUR')).toEqual({ ok: true, milli: 1_250_000 });
		expect(parseAmount('0.002', 'USD')).toEqual({ ok: true, milli: 200 });
		expect(parseAmount('0.00001', 'USD')).toEqual({ ok: true, milli: 1 });
		expect(parseAmount(' 1,000.25 ', 'EUR')).toEqual({ ok: true, milli: 100_025_000 });
		expect(parseAmount('.5', 'EUR')).toEqual({ ok: true, milli: 50_000 });
		expect(parseAmount('3', 'JPY')).toEqual({ ok: true, milli: 3_000 });
		expect(parseAmount('0.5', 'JPY')).toEqual({ ok: true, milli: 500 });
		// 0.1 + 0.2 is not 0.3 in floating point; as text it is.
		expect(parseAmount('0.3', 'EUR')).toEqual({ ok: true, milli: 30_000 });
		expect(parseAmount('1.2300000', 'EUR')).toEqual({ ok: true, milli: 123_000 });
	});

	it('says what is wrong with an amount', () => {
		expect(parseAmount('', 'EUR')).toEqual({ ok: false, problem: 'required' });
		expect(parseAmount('-1', 'EUR')).toEqual({ ok: false, problem: 'negative' });
		expect(parseAmount('abc', 'EUR')).toEqual({ ok: false, problem: 'invalid' });
		expect(parseAmount('1.2.3', 'EUR')).toEqual({ ok: false, problem: 'invalid' });
		expect(parseAmount('1,00', 'EUR')).toEqual({ ok: false, problem: 'invalid' });
		expect(parseAmount('.', 'EUR')).toEqual({ ok: false, problem: 'invalid' });
		expect(parseAmount('0.000001', 'EUR')).toEqual({ ok: false, problem: 'too_precise' });
		expect(parseAmount('0.0001', 'JPY')).toEqual({ ok: false, problem: 'too_precise' });
		expect(parseAmount('1000000000', 'EUR')).toEqual({ ok: false, problem: 'too_large' });
	});

	it('shows stored amounts in major units with the currency’s decimals at least', () => {
		expect(formatAmount(1_250_000, 'EUR')).toBe('12.50');
		expect(formatAmount(200, 'USD')).toBe('0.002');
		expect(formatAmount(1, 'USD')).toBe('0.00001');
		expect(formatAmount(0, 'EUR')).toBe('0.00');
		expect(formatAmount(3_000, 'JPY')).toBe('3');
		expect(formatAmount(500, 'JPY')).toBe('0.5');
		expect(formatAmount(-1_500, 'EUR')).toBe('-0.015');
		expect(currencyDigits('KWD')).toBe(3);
		for (const text of ['12.5', '0.002', '1000.25', '0.00001'])
			expect(formatAmount((parseAmount(text, 'USD') as { milli: number }).milli, 'USD')).toBe(
				Number(text).toFixed(Math.max(2, text.split('.')[1]?.length ?? 0))
			);
	});
});

describe('monthly costs', () => {
	it('accepts acquisition spend without a journey and fixed costs with one', () => {
		expect(
			parseMonthlyCost(
				{ kind: 'acquisition', month: '2026-10', journey: '', amount: '500' },
				'EUR',
				[]
			)
		).toEqual({
			ok: true,
			value: { kind: 'acquisition', journeyId: null, month: '2026-10', amountMilli: 50_000_000 }
		});
		expect(
			parseMonthlyCost({ kind: 'fixed', month: '2026-10', journey: '7', amount: '20' }, 'EUR', [7])
		).toEqual({
			ok: true,
			value: { kind: 'fixed', journeyId: 7, month: '2026-10', amountMilli: 2_000_000 }
		});
	});

	it('lists every problem at once', () => {
		expect(
			parseMonthlyCost({ kind: 'fixed', month: '10/2026', journey: '8', amount: 'x' }, 'EUR', [7])
		).toEqual({
			ok: false,
			problems: [
				{ field: 'month', problem: 'invalid' },
				{ field: 'journey', problem: 'invalid' },
				{ field: 'amount', problem: 'invalid' }
			]
		});
		expect(
			parseMonthlyCost({ kind: 'bribe', month: '', journey: '', amount: '' }, 'EUR', [])
		).toEqual({
			ok: false,
			problems: [
				{ field: 'kind', problem: 'invalid' },
				{ field: 'month', problem: 'required' },
				{ field: 'amount', problem: 'required' }
			]
		});
		expect(
			parseMonthlyCost({ kind: 'fixed', month: '2026-10', journey: '', amount: '1' }, 'EUR', [7])
		).toEqual({ ok: false, problems: [{ field: 'journey', problem: 'required' }] });
	});
});
