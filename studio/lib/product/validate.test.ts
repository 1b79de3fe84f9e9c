import { describe, expect, it } from 'vitest';
import { parseProduct } from './validate';

describe('parseProduct', () => {
	it('reads a Segment-style product with a price in major units', () => {
		expect(
			parseProduct(
				{
					product_id: 'SKU-1',
					name: ' Green tea ',
					price: 12.5,
					category: 'Tea',
					url: 'https://shop.example/p/1'
				},
				2
			)
		).toEqual({
			ok: true,
			product: {
				sku: 'SKU-1',
				name: 'Green tea',
				category: 'Tea',
				priceMinor: 1250,
				imageUrl: null,
				url: 'https://shop.example/p/1',
				inStock: true
			}
		});
	});

	it('keeps links given as paths from the site root', () => {
		expect(
			parseProduct({ sku: 'a', name: 'b', price: 1, url: '/p/a', image_url: '/img/a.svg' }, 2)
		).toMatchObject({ product: { url: '/p/a', imageUrl: '/img/a.svg' } });
	});

	it('uses the currency fraction digits and accepts minor units', () => {
		expect(parseProduct({ sku: 'a', name: 'b', price: 1200 }, 0)).toMatchObject({
			product: { priceMinor: 1200 }
		});
		expect(parseProduct({ sku: 'a', name: 'b', price_minor: 999 }, 2)).toMatchObject({
			product: { priceMinor: 999 }
		});
		expect(parseProduct({ sku: 42, name: '抹茶', price: '3.10' }, 2)).toMatchObject({
			product: { sku: '42', name: '抹茶', priceMinor: 310 }
		});
	});

	it.each([
		[null, 'not_an_object'],
		[[1], 'not_an_object'],
		[{ name: 'x', price: 1 }, 'sku_invalid'],
		[{ sku: 'x'.repeat(101), name: 'x', price: 1 }, 'sku_invalid'],
		[{ sku: 'x', price: 1 }, 'name_invalid'],
		[{ sku: 'x', name: 'x', price: -1 }, 'price_invalid'],
		[{ sku: 'x', name: 'x', price: 'NaN' }, 'price_invalid'],
		[{ sku: 'x', name: 'x', price: 1e300 }, 'price_invalid'],
		[{ sku: 'x', name: 'x', price_minor: 1.5 }, 'price_invalid'],
		[{ sku: 'x', name: 'x', price: 1, image_url: 'javascript:alert(1)' }, 'image_url_invalid'],
		[{ sku: 'x', name: 'x', price: 1, url: 'not a url' }, 'url_invalid'],
		[{ sku: 'x', name: 'x', price: 1, url: '//evil.example/p' }, 'url_invalid'],
		[{ sku: 'x', name: 'x', price: 1, url: '/\\evil.example/p' }, 'url_invalid'],
		[{ sku: 'x', name: 'x', price: 1, url: '/p/has space' }, 'url_invalid'],
		[{ sku: 'x', name: 'x', price: 1, in_stock: 'yes' }, 'in_stock_invalid'],
		[{ sku: 'x', name: 'x', price: 1, category: { a: 1 } }, 'category_invalid']
	])('%j -> %s', (raw, problem) => {
		expect(parseProduct(raw, 2)).toEqual({ ok: false, problem });
	});
});
