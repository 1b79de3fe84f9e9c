// Turns one CSV record into a typed row of its kind, or says why it cannot be imported. Pure: the
// writers receive only rows that passed, so a bad row never reaches the database.
import { csvCell } from '../../csv';
import type { ImportKind } from '../db/schema';
import { traitKey, type ImportMapping } from './mapping';
import {
	currencyDigits,
	isCurrency,
	parseBoolean,
	parseDate,
	parseEmail,
	parseId,
	parseInteger,
	parseMoney,
	parseText,
	parseUrl,
	type Parsed
} from './values';

export type RowResult<T> =
	| { kind: 'ok'; row: T }
	| { kind: 'skip'; reason: 'non_product' }
	| { kind: 'error'; message: string };

export interface CustomerRow {
	externalId: string;
	email: string | null;
	name: string | null;
	consent: 'granted' | 'denied' | null;
	firstSeenAt: number | null;
	/** Only the traits this row has values for; merged into the stored ones. */
	traits: Record<string, string>;
}

export interface ProductRow {
	sku: string;
	name: string;
	priceMinor: number;
	category: string | null;
	imageUrl: string | null;
	url: string | null;
	inStock: boolean | null;
}

export interface OrderLineRow {
	/** External id of the order, with the prefix. */
	orderKey: string;
	refund: boolean;
	customerKey: string | null;
	email: string | null;
	country: string | null;
	sku: string;
	name: string | null;
	/** Negative on refunds: what went back. */
	quantity: number;
	priceMinor: number;
	placedAt: number;
	currency: string;
}

export type RowReader<T> = (record: readonly string[]) => RowResult<T>;

class RowError extends Error {}

function need<T>(parsed: Parsed<T>): T {
	if (!parsed.ok) throw new RowError(parsed.error);
	return parsed.value;
}

function required<T>(value: T | null, label: string): T {
	if (value === null) throw new RowError(`${label} is empty`);
	return value;
}

/** Column positions of the mapped fields, from the header row. */
function positions(mapping: ImportMapping, headers: readonly string[]): Map<string, number> {
	const at = new Map<string, number>();
	const trimmed = headers.map((h) => h.trim());
	for (const [field, column] of Object.entries(mapping.columns)) {
		const index = trimmed.indexOf(column);
		if (index >= 0) at.set(field, index);
	}
	return at;
}

function guard<T>(read: (record: readonly string[]) => RowResult<T>): RowReader<T> {
	return (record) => {
		try {
			return read(record);
		} catch (error) {
			if (error instanceof RowError) return { kind: 'error', message: error.message };
			throw error;
		}
	};
}

export function customerReader(
	mapping: ImportMapping,
	headers: readonly string[]
): RowReader<CustomerRow> {
	const at = positions(mapping, headers);
	const cell = (record: readonly string[], field: string) => {
		const index = at.get(field);
		return index === undefined ? undefined : record[index];
	};
	const trimmed = headers.map((h) => h.trim());
	const extra = (mapping.traits ?? [])
		.map((column) => ({ column, index: trimmed.indexOf(column), key: traitKey(column) }))
		.filter((t) => t.index >= 0);
	const { numericIds, dateOrder, timeZone } = mapping.options;
	return guard((record) => {
		const externalId = required(
			need(parseId(cell(record, 'external_id'), 'Customer id', numericIds)),
			'Customer id'
		);
		const traits: Record<string, string> = {};
		for (const field of ['phone', 'country', 'city', 'birthday'] as const) {
			const value = need(parseText(cell(record, field), field));
			if (value !== null) traits[field] = value;
		}
		for (const { column, index, key } of extra) {
			const value = need(parseText(record[index], column, 2000));
			if (value !== null) traits[key] = value;
		}
		const consent = need(parseBoolean(cell(record, 'consent'), 'Consent'));
		return {
			kind: 'ok',
			row: {
				externalId,
				email: need(parseEmail(cell(record, 'email'), 'Email')),
				name: need(parseText(cell(record, 'name'), 'Name', 200)),
				consent: consent === null ? null : consent ? 'granted' : 'denied',
				firstSeenAt: need(
					parseDate(cell(record, 'first_seen_at'), 'Signed-up date', dateOrder, timeZone)
				),
				traits
			}
		};
	});
}

export function productReader(
	mapping: ImportMapping,
	headers: readonly string[],
	workspaceCurrency: string
): RowReader<ProductRow> {
	const at = positions(mapping, headers);
	const cell = (record: readonly string[], field: string) => {
		const index = at.get(field);
		return index === undefined ? undefined : record[index];
	};
	const digits = currencyDigits(mapping.options.currency ?? workspaceCurrency);
	return guard((record) => {
		const sku = required(
			need(parseId(cell(record, 'sku'), 'SKU', mapping.options.numericIds)),
			'SKU'
		);
		const priceMinor = required(need(parseMoney(cell(record, 'price'), 'Price', digits)), 'Price');
		if (priceMinor < 0) throw new RowError('Price is negative');
		return {
			kind: 'ok',
			row: {
				sku,
				name: required(need(parseText(cell(record, 'name'), 'Name', 300)), 'Name'),
				priceMinor,
				category: need(parseText(cell(record, 'category'), 'Category', 200)),
				imageUrl: need(parseUrl(cell(record, 'image_url'), 'Image')),
				url: need(parseUrl(cell(record, 'url'), 'Link')),
				inStock: need(parseBoolean(cell(record, 'in_stock'), 'In stock'))
			}
		};
	});
}

export function orderReader(
	mapping: ImportMapping,
	headers: readonly string[],
	workspaceCurrency: string
): RowReader<OrderLineRow> {
	const at = positions(mapping, headers);
	const cell = (record: readonly string[], field: string) => {
		const index = at.get(field);
		return index === undefined ? undefined : record[index];
	};
	const o = mapping.options;
	const productCode = o.productCodePattern ? new RegExp(o.productCodePattern) : null;
	const prefix = o.orderIdPrefix ?? '';
	return guard((record) => {
		const orderId = required(
			need(parseId(cell(record, 'order_id'), 'Order id', o.numericIds)),
			'Order id'
		);
		const sku = required(need(parseId(cell(record, 'sku'), 'SKU', o.numericIds)), 'SKU');
		// Fees, postage and vouchers are not products: skipped before anything else is judged.
		if (productCode && !productCode.test(sku)) return { kind: 'skip', reason: 'non_product' };
		const refund = !!o.cancellationPrefix && orderId.startsWith(o.cancellationPrefix);
		let currency = need(parseText(cell(record, 'currency'), 'Currency', 3))?.toUpperCase() ?? null;
		if (currency !== null && !isCurrency(currency))
			throw new RowError(`Currency is not a code like GBP: "${currency}"`);
		currency ??= o.currency ?? workspaceCurrency;
		const quantity = required(need(parseInteger(cell(record, 'quantity'), 'Quantity')), 'Quantity');
		if (quantity === 0) throw new RowError('Quantity is zero');
		if (quantity < 0 && !refund)
			throw new RowError('Quantity is negative on an order that is not a cancellation');
		const priceMinor = required(
			need(parseMoney(cell(record, 'price'), 'Price', currencyDigits(currency))),
			'Price'
		);
		if (priceMinor < 0) throw new RowError('Price is negative');
		const placedAt = required(
			need(parseDate(cell(record, 'placed_at'), 'Date', o.dateOrder, o.timeZone)),
			'Date'
		);
		return {
			kind: 'ok',
			row: {
				orderKey: prefix + orderId,
				refund,
				customerKey: need(parseId(cell(record, 'customer_id'), 'Customer id', o.numericIds)),
				email: need(parseEmail(cell(record, 'email'), 'Email')),
				country: need(parseText(cell(record, 'country'), 'Country', 100)),
				sku,
				name: need(parseText(cell(record, 'name'), 'Description', 300)),
				quantity: refund ? -Math.abs(quantity) : quantity,
				priceMinor,
				placedAt,
				currency
			}
		};
	});
}

export type AnyRow = CustomerRow | ProductRow | OrderLineRow;

export function readerFor(
	kind: ImportKind,
	mapping: ImportMapping,
	headers: readonly string[],
	workspaceCurrency: string
): RowReader<AnyRow> {
	if (kind === 'customers') return customerReader(mapping, headers);
	if (kind === 'products') return productReader(mapping, headers, workspaceCurrency);
	return orderReader(mapping, headers, workspaceCurrency);
}

/** The record as a CSV line again, for the error report (the parser does not keep raw text). */
export function recordToCsv(record: readonly string[]): string {
	return record.map(csvCell).join(',');
}
