import { describe, expect, it } from 'vitest';
import { formatPrice, majorUnits } from './offers/price.js';

describe('prices from minor units', () => {
	it('uses each currency’s own minor digits', () => {
		expect(majorUnits(1234, 'USD')).toBe(12.34);
		expect(majorUnits(1234, 'JPY')).toBe(1234);
		expect(majorUnits(1234, 'KWD')).toBe(1.234);
	});

	it('formats in the visitor’s locale', () => {
		expect(formatPrice(1234, 'USD', 'en-US')).toBe('$12.34');
		expect(formatPrice(1234, 'JPY', 'en-US')).toBe('¥1,234');
		expect(formatPrice(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
		expect(formatPrice(990, 'CNY', 'zh-CN')).toBe('¥9.90');
	});

	it('falls back to plain digits for a code Intl refuses', () => {
		expect(formatPrice(500, 'not a currency', 'en-US')).toBe('5 not a currency');
	});
});
