import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { catalogue, placeholders, translate } from './translate';
import { en } from './messages/en';

describe('message catalogues', () => {
	const keys = Object.keys(en).sort();

	for (const locale of LOCALES) {
		it(`${locale} has exactly the English keys`, () => {
			expect(Object.keys(catalogue(locale)).sort()).toEqual(keys);
		});

		it(`${locale} uses the same placeholders as English in every message`, () => {
			const mismatched = keys.filter(
				(key) =>
					placeholders(catalogue(locale)[key as keyof typeof en]).join() !==
					placeholders(en[key as keyof typeof en]).join()
			);
			expect(mismatched).toEqual([]);
		});

		it(`${locale} has no empty messages`, () => {
			const empty = keys.filter((key) => !catalogue(locale)[key as keyof typeof en].trim());
			expect(empty).toEqual([]);
		});
	}
});

describe('placeholders', () => {
	it('names variables, not the words of plural forms', () => {
		expect(placeholders('{n, plural, one {This one} other {These #}} for {who}')).toEqual([
			'n',
			'who'
		]);
	});
});

describe('translate', () => {
	it('fills placeholders and formats numbers for the locale', () => {
		expect(translate('en', 'field.passwordHint', { min: 10 })).toBe('At least 10 characters.');
		expect(translate('en', 'area.customers.body', { count: 12345 })).toContain(
			'12,345 customers are'
		);
	});

	it('picks plural forms by the locale rules', () => {
		expect(translate('en', 'error.rate_limited', { seconds: 1 })).toContain('1 second.');
		expect(translate('en', 'error.rate_limited', { seconds: 90 })).toContain('90 seconds.');
		expect(translate('zh-CN', 'error.rate_limited', { seconds: 90 })).toContain('90 秒');
	});

	it('translates into Chinese', () => {
		expect(translate('zh-CN', 'nav.customers')).toBe('顾客');
		expect(translate('zh-CN', 'invite.title', { workspace: '小店' })).toBe('加入 小店');
	});
});
