import { describe, expect, it } from 'vitest';
import { matchesAll, matchesFilter, propertyAt } from './match';

const order = {
	total: 72.5,
	currency: 'EUR',
	cart_id: 'c-1',
	coupon: '',
	nested: { tier: 'gold' }
};

describe('matchesFilter', () => {
	it('compares numbers as numbers and text as text', () => {
		expect(matchesFilter(order, { key: 'total', operator: 'gt', value: 50 })).toBe(true);
		expect(matchesFilter(order, { key: 'total', operator: 'gt', value: 72.5 })).toBe(false);
		expect(matchesFilter(order, { key: 'total', operator: 'lt', value: '100' })).toBe(true);
		expect(matchesFilter({ total: '9' }, { key: 'total', operator: 'gt', value: 10 })).toBe(false);
		expect(matchesFilter(order, { key: 'currency', operator: 'eq', value: 'EUR' })).toBe(true);
		expect(matchesFilter(order, { key: 'currency', operator: 'eq', value: 'eur' })).toBe(false);
		expect(matchesFilter(order, { key: 'currency', operator: 'contains', value: 'ur' })).toBe(true);
		expect(matchesFilter({ n: 5 }, { key: 'n', operator: 'eq', value: 5 })).toBe(true);
	});

	it('treats a missing or empty property as absent, and "not X"', () => {
		expect(matchesFilter(order, { key: 'coupon', operator: 'exists', value: null })).toBe(false);
		expect(matchesFilter(order, { key: 'coupon', operator: 'not_exists', value: null })).toBe(true);
		expect(matchesFilter(order, { key: 'nope', operator: 'neq', value: 'x' })).toBe(true);
		expect(matchesFilter(order, { key: 'nope', operator: 'eq', value: '' })).toBe(false);
		expect(matchesFilter(order, { key: 'nope', operator: 'gt', value: 0 })).toBe(false);
		expect(matchesFilter(null, { key: 'total', operator: 'exists', value: null })).toBe(false);
	});

	it('reads nested keys and never the prototype', () => {
		expect(propertyAt(order, 'nested.tier')).toBe('gold');
		expect(propertyAt(order, '__proto__')).toBeUndefined();
		expect(propertyAt(order, 'constructor')).toBeUndefined();
		expect(propertyAt({ a: [1] }, 'a.0')).toBeUndefined();
		expect(matchesFilter(order, { key: 'toString', operator: 'exists', value: null })).toBe(false);
	});

	it('needs every filter', () => {
		expect(
			matchesAll(order, [
				{ key: 'total', operator: 'gt', value: 50 },
				{ key: 'currency', operator: 'eq', value: 'EUR' }
			])
		).toBe(true);
		expect(
			matchesAll(order, [
				{ key: 'total', operator: 'gt', value: 50 },
				{ key: 'currency', operator: 'eq', value: 'USD' }
			])
		).toBe(false);
		expect(matchesAll(order, [])).toBe(true);
	});
});
