import type { ImportKind } from '../db/schema';
import type { ImportMapping } from './mapping';

export interface BuiltInPreset {
	/** Stable name stored on the job; saved presets are referred to by `saved:<id>`. */
	name: string;
	kind: ImportKind;
	label: string;
	mapping: ImportMapping;
}

/**
 * The UCI "Online Retail" log (InvoiceNo, StockCode, Description, Quantity, InvoiceDate,
 * UnitPrice, CustomerID, Country): a UK gift shop's sales in GBP, dates in UK local time.
 * - Invoices starting with "C" are cancellations: each becomes a refund record (see orders-writer).
 * - A stock code is a product when it starts with a digit (85123A, 22423). Everything else is a
 *   fee, an adjustment or a voucher: POST, DOT, M/m, C2, D, S, B, BANK CHARGES, AMAZONFEE, CRUK,
 *   PADS, DCGS*, gift_*. Those lines are skipped and counted. This is the same rule the data's
 *   own description uses for "purchases", so it also covers codes the list above missed.
 * - CustomerID arrives as "17850.0"; numeric ids drop the ".0". Rows without one are guest orders.
 */
export const ONLINE_RETAIL: BuiltInPreset = {
	name: 'online-retail',
	kind: 'orders',
	label: 'UCI Online Retail',
	mapping: {
		columns: {
			order_id: 'InvoiceNo',
			sku: 'StockCode',
			name: 'Description',
			quantity: 'Quantity',
			placed_at: 'InvoiceDate',
			price: 'UnitPrice',
			customer_id: 'CustomerID',
			country: 'Country'
		},
		options: {
			currency: 'GBP',
			timeZone: 'Europe/London',
			dateOrder: 'ymd',
			orderIdPrefix: 'OR-',
			cancellationPrefix: 'C',
			productCodePattern: '^[0-9]',
			numericIds: true
		}
	}
};

export const BUILT_IN_PRESETS: readonly BuiltInPreset[] = [ONLINE_RETAIL];

export function builtInPreset(name: string): BuiltInPreset | undefined {
	return BUILT_IN_PRESETS.find((p) => p.name === name);
}
