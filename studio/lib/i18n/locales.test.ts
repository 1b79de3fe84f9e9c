import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './locales';
import { formatMoney, formatNumber } from './format';

describe('negotiateLocale', () => {
	it.each([
		[null, 'en'],
		['', 'en'],
		['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
		['zh-TW', 'zh-CN'],
		['en-GB,en;q=0.9', 'en'],
		['fr-FR,zh;q=0.5,en;q=0.4', 'zh-CN'],
		['fr-FR,de;q=0.9', 'en'],
		['en;q=0.2,zh;q=0.8', 'zh-CN'],
		['zh;q=0, en', 'en'],
		['garbage;;;q=abc', 'en']
	])('%s -> %s', (header, expected) => {
		expect(negotiateLocale(header)).toBe(expected);
	});
});

describe('formatting', () => {
	it('formats money from minor units with the currency digits', () => {
		expect(formatMoney('en', 123456, 'USD')).toBe('$1,234.56');
		expect(formatMoney('en', 1234, 'JPY')).toBe('¥1,234');
		expect(formatMoney('zh-CN', 9900, 'CNY')).toBe('¥99.00');
	});

	it('formats numbers for the locale', () => {
		expect(formatNumber('en', 1234567)).toBe('1,234,567');
		expect(formatNumber('zh-CN', 1234567)).toBe('1,234,567');
	});
});
