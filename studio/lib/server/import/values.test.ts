import { describe, expect, it } from 'vitest';
import { currencyDigits, parseDate, parseId, parseInteger, parseMoney, parseText } from './values';

describe('cell parsers', () => {
	it('reads money from text without float drift, in the currency’s digits', () => {
		expect(parseMoney('2.55', 'P', 2)).toEqual({ ok: true, value: 255 });
		expect(parseMoney('0.005', 'P', 2)).toEqual({ ok: true, value: 1 });
		expect(parseMoney('1,234.5', 'P', 2)).toEqual({ ok: true, value: 123450 });
		expect(parseMoney('-3', 'P', 2)).toEqual({ ok: true, value: -300 });
		expect(parseMoney('12.5', 'P', 0)).toEqual({ ok: true, value: 13 });
		expect(parseMoney('', 'P', 2)).toEqual({ ok: true, value: null });
		for (const bad of ['1,5', '1.2.3', 'abc', '.', '12,34,5', '1e5', '١٢'])
			expect(parseMoney(bad, 'P', 2).ok).toBe(false);
		expect(parseMoney('9'.repeat(30), 'P', 2).ok).toBe(false);
		expect(currencyDigits('JPY')).toBe(0);
		expect(currencyDigits('GBP')).toBe(2);
	});

	it('reads whole numbers and refuses fractions and junk', () => {
		expect(parseInteger(' 6 ', 'Q')).toEqual({ ok: true, value: 6 });
		expect(parseInteger('-12', 'Q')).toEqual({ ok: true, value: -12 });
		expect(parseInteger('3.0', 'Q')).toEqual({ ok: true, value: 3 });
		for (const bad of ['3.5', 'x', '1e3', '99999999999999999999'])
			expect(parseInteger(bad, 'Q').ok).toBe(false);
	});

	it('reads dates in several orders and zones, refusing impossible ones', () => {
		expect(parseDate('2010-12-01 08:26:00', 'D')).toEqual({
			ok: true,
			value: Date.UTC(2010, 11, 1, 8, 26)
		});
		expect(parseDate('2011-07-01 12:30', 'D', 'ymd', 'Europe/London')).toEqual({
			ok: true,
			value: Date.UTC(2011, 6, 1, 11, 30)
		});
		expect(parseDate('2011-07-01T12:30:00+08:00', 'D')).toEqual({
			ok: true,
			value: Date.UTC(2011, 6, 1, 4, 30)
		});
		expect(parseDate('12/1/2010 8:26', 'D', 'mdy')).toEqual({
			ok: true,
			value: Date.UTC(2010, 11, 1, 8, 26)
		});
		expect(parseDate('1/12/2010', 'D', 'dmy')).toEqual({ ok: true, value: Date.UTC(2010, 11, 1) });
		expect(parseDate('2024-03-10 12:00', 'D', 'ymd', 'Asia/Shanghai')).toEqual({
			ok: true,
			value: Date.UTC(2024, 2, 10, 4)
		});
		for (const bad of ['2011-02-30', '2011-13-01', '12/1/2010', 'yesterday', '2011-01-01 25:00'])
			expect(parseDate(bad, 'D').ok).toBe(false);
	});

	it('cleans text and refuses garbage', () => {
		expect(parseText('  BLUE   SAUCER ', 'N')).toEqual({ ok: true, value: 'BLUE SAUCER' });
		expect(parseText('茶杯 ☕', 'N')).toEqual({ ok: true, value: '茶杯 ☕' });
		expect(parseText('bad \ufffd byte', 'N').ok).toBe(false);
		expect(parseText('nul\u0000', 'N').ok).toBe(false);
		expect(parseText('lone \ud800 surrogate', 'N').ok).toBe(false);
		expect(parseText('x'.repeat(600), 'N').ok).toBe(false);
		expect(parseId('17850.0', 'C', true)).toEqual({ ok: true, value: '17850' });
		expect(parseId('17850.0', 'C', false)).toEqual({ ok: true, value: '17850.0' });
	});
});
