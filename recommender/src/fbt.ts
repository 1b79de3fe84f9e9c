import { csrFromTriplets, type Csr } from './sparse.js';
import { topK } from './top-k.js';

export interface FbtOptions {
	/** Orders a pair must share before it is trusted: lift on one co-purchase is noise. */
	minSupport?: number;
	/** Partners kept per item. */
	k?: number;
	/**
	 * Orders with more distinct items are skipped: a wholesale order of 300 lines says little
	 * about what goes together and costs 45,000 pairs.
	 */
	maxOrderSize?: number;
}

export const FBT_DEFAULTS = { minSupport: 3, k: 20, maxOrderSize: 100 } as const;

/**
 * Frequently bought together: for items a and b bought in the same order, lift =
 * P(a and b) / (P(a) P(b)) = together * orders / (orders with a * orders with b), kept only when
 * `together` reaches the support floor. Returns items x items, row a = a's best partners by lift.
 */
export function fitFrequentlyBoughtTogether(
	orders: readonly (readonly number[])[],
	items: number,
	options: FbtOptions = {}
): Csr {
	const { minSupport, k, maxOrderSize } = { ...FBT_DEFAULTS, ...options };
	const baskets: Int32Array[] = [];
	const itemOrders = new Float64Array(items);
	for (const order of orders) {
		const basket = Int32Array.from(new Set(order)).sort();
		if (basket.length < 1 || basket.length > maxOrderSize) continue;
		baskets.push(basket);
		for (const i of basket) itemOrders[i] = (itemOrders[i] as number) + 1;
	}
	const total = baskets.length;
	// Inverted index item -> baskets, then one dense co-count row per item (as item-kNN does).
	const postings = csrFromTriplets(
		items,
		total,
		baskets.flatMap((b) => Array.from(b)),
		baskets.flatMap((b, o) => Array.from(b, () => o)),
		new Float32Array(baskets.reduce((n, b) => n + b.length, 0)).fill(1)
	);
	const together = new Float64Array(items);
	const touched: number[] = [];
	const rows: number[] = [];
	const cols: number[] = [];
	const vals: number[] = [];
	for (let a = 0; a < items; a++) {
		touched.length = 0;
		for (let p = postings.indptr[a] as number; p < (postings.indptr[a + 1] as number); p++) {
			for (const b of baskets[postings.indices[p] as number] as Int32Array) {
				if (b === a) continue;
				if (together[b] === 0) touched.push(b);
				together[b] = (together[b] as number) + 1;
			}
		}
		const lifts = touched.map((b) => {
			const c = together[b] as number;
			return c >= minSupport
				? (c * total) / ((itemOrders[a] as number) * (itemOrders[b] as number))
				: Number.NaN;
		});
		for (const { index, score } of topK(lifts, k)) {
			rows.push(a);
			cols.push(touched[index] as number);
			vals.push(score);
		}
		for (const b of touched) together[b] = 0;
	}
	return csrFromTriplets(items, items, rows, cols, vals);
}
