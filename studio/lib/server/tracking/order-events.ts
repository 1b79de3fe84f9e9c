import type { NewOrder } from '../shop/order-write-repository';
import { normalizeCurrency, readAmount, toMinor } from './money';
import { isPlainObject, type PlainObject } from './sanitize';

// Segment e-commerce v2: "Order Completed" with order_id, total/revenue, currency, products[];
// "Order Refunded" and "Order Cancelled" with order_id.

const MAX_LINES = 500;

export type OrderEffect =
	| { kind: 'completed'; order: Omit<NewOrder, 'customerId'> }
	| { kind: 'refunded' | 'cancelled'; externalId: string };

function readText(value: unknown, max: number): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const text = value.trim();
	return text ? text.slice(0, max) : null;
}

function readQuantity(value: unknown): number {
	const quantity = readAmount(value);
	if (quantity === null || quantity < 1) return 1;
	return Math.min(Math.round(quantity), 1_000_000);
}

/** The order side effect of a track event, or null when it has none (or cannot have one). */
export function orderEffectOf(
	name: string | null,
	properties: PlainObject,
	timestamp: number,
	defaultCurrency: string
): OrderEffect | null {
	if (name === null) return null;
	const lower = name.toLowerCase();
	const externalId = readText(properties.order_id, 200);
	if (!externalId) return null;
	if (lower === 'order refunded') return { kind: 'refunded', externalId };
	if (lower === 'order cancelled' || lower === 'order canceled')
		return { kind: 'cancelled', externalId };
	if (lower !== 'order completed') return null;

	const currency = normalizeCurrency(properties.currency) ?? defaultCurrency;
	const products = Array.isArray(properties.products) ? properties.products : [];
	const lines: NewOrder['lines'] = [];
	let linesTotal = 0;
	for (const product of products.slice(0, MAX_LINES)) {
		if (!isPlainObject(product)) continue;
		const sku = readText(product.sku, 200);
		const productId = readText(product.product_id, 200);
		const price = readAmount(product.price);
		const priceMinor = price === null ? 0 : (toMinor(price, currency) ?? 0);
		const quantity = readQuantity(product.quantity);
		linesTotal += priceMinor * quantity;
		lines.push({
			productKeys: [sku, productId].filter((key): key is string => key !== null),
			sku: sku ?? productId ?? '',
			name: readText(product.name, 500) ?? '',
			quantity,
			priceMinor
		});
	}
	const amount = readAmount(properties.total) ?? readAmount(properties.revenue);
	const totalMinor = amount === null ? linesTotal : toMinor(amount, currency);
	if (totalMinor === null || !Number.isSafeInteger(totalMinor)) return null;
	return {
		kind: 'completed',
		order: { externalId, source: 'web', totalMinor, currency, placedAt: timestamp, lines }
	};
}
