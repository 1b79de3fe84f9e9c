import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { previewCsv } from './csv-source';
import { guessMapping, normaliseMapping, traitKey, validateMapping } from './mapping';
import { ONLINE_RETAIL } from './presets';
import { orderReader, recordToCsv } from './rows';

const HEADERS = [
	'InvoiceNo',
	'StockCode',
	'Description',
	'Quantity',
	'InvoiceDate',
	'UnitPrice',
	'CustomerID',
	'Country'
];

describe('mappings and presets', () => {
	it('guesses the Online Retail columns and the preset fits them', () => {
		const guess = guessMapping('orders', HEADERS);
		expect(guess.columns).toMatchObject({
			order_id: 'InvoiceNo',
			sku: 'StockCode',
			quantity: 'Quantity',
			price: 'UnitPrice',
			placed_at: 'InvoiceDate',
			customer_id: 'CustomerID'
		});
		expect(validateMapping('orders', ONLINE_RETAIL.mapping, HEADERS)).toEqual([]);
		expect(validateMapping('orders', ONLINE_RETAIL.mapping, HEADERS.slice(1))).toEqual([
			{ code: 'column_missing', field: 'order_id', column: 'InvoiceNo' }
		]);
	});

	it('keeps only known fields and options from untrusted input', () => {
		const m = normaliseMapping('products', {
			columns: {
				sku: ' Code ',
				name: 'Title',
				price: 'P',
				__proto__: 'x',
				bogus: 'y',
				category: 5
			},
			options: {
				currency: 'gbp',
				cancellationPrefix: 'C',
				timeZone: 'Mars/Base',
				numericIds: 'yes'
			}
		});
		expect(m).toEqual({
			columns: { sku: 'Code', name: 'Title', price: 'P' },
			options: { currency: 'GBP', timeZone: 'Mars/Base' }
		});
		expect(validateMapping('products', m)).toEqual([
			{ code: 'option_invalid', option: 'timeZone' }
		]);
		expect(
			validateMapping('products', normaliseMapping('products', null)).map((e) => e.code)
		).toEqual(['field_required', 'field_required', 'field_required']);
		expect(
			validateMapping('orders', {
				columns: ONLINE_RETAIL.mapping.columns,
				options: { productCodePattern: '([' }
			})
		).toEqual([{ code: 'option_invalid', option: 'productCodePattern' }]);
		expect(traitKey('Favourite Colour!')).toBe('favourite_colour');
		expect(traitKey('__proto__')).toBe('proto');
		expect(traitKey('constructor')).toBe('constructor_');
	});

	it('applies the Online Retail rules row by row', () => {
		const read = orderReader(ONLINE_RETAIL.mapping, HEADERS, 'EUR');
		const row = (r: string) => read(r.split(','));
		expect(
			row('536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom')
		).toMatchObject({
			kind: 'ok',
			row: {
				orderKey: 'OR-536365',
				refund: false,
				customerKey: '17850',
				quantity: 6,
				priceMinor: 255,
				currency: 'GBP'
			}
		});
		expect(
			row('C536379,22423,CAKE STAND,-1,2010-12-01 09:41:00,10.95,14527.0,United Kingdom')
		).toMatchObject({
			kind: 'ok',
			row: { orderKey: 'OR-C536379', refund: true, quantity: -1 }
		});
		for (const code of [
			'POST',
			'D',
			'M',
			'm',
			'BANK CHARGES',
			'C2',
			'DOT',
			'CRUK',
			'PADS',
			'AMAZONFEE',
			'S',
			'B',
			'gift_0001_10',
			'DCGSSBOY'
		])
			expect(row(`536370,${code},X,1,2010-12-01 08:45:00,18,12583.0,France`)).toEqual({
				kind: 'skip',
				reason: 'non_product'
			});
		expect(row('536589,21777,,-10,2010-12-01 16:50:00,0,,United Kingdom')).toMatchObject({
			kind: 'error'
		});
		expect(row('536590,21777,X,2,2010-12-01 16:50:00,-1,,United Kingdom')).toMatchObject({
			kind: 'error',
			message: 'Price is negative'
		});
		expect(row('536591,21777,X,2,,1,,United Kingdom')).toMatchObject({
			kind: 'error',
			message: 'Date is empty'
		});
		expect(read(['536592', '21777'])).toMatchObject({
			kind: 'error',
			message: 'Quantity is empty'
		});
		expect(row('536593,21777,X,2,2010-12-01 16:50:00,1,,')).toMatchObject({
			kind: 'ok',
			row: { customerKey: null }
		});
	});

	it('previews the first rows of plain and gzipped slices and quotes report cells safely', () => {
		const csv = `${HEADERS.join(',')}\n536365,85123A,"HEART, WHITE",6,2010-12-01 08:26:00,2.55,17850.0,UK\n536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,UK\n5363`;
		const plain = previewCsv(Buffer.from(csv));
		expect(plain.headers).toEqual(HEADERS);
		expect(plain.rows).toHaveLength(2);
		expect(plain.rows[0]![2]).toBe('HEART, WHITE');
		const zipped = gzipSync(Buffer.from(csv.repeat(1)));
		expect(previewCsv(zipped.subarray(0, zipped.length - 4)).headers).toEqual(HEADERS);
		expect(previewCsv(Buffer.from('\u0000\u0001')).rows).toEqual([]);
		expect(recordToCsv(['=HYPERLINK("x")', 'a,b', '-5', 'q"q'])).toBe(
			'"\'=HYPERLINK(""x"")","a,b",-5,"q""q"'
		);
	});
});
