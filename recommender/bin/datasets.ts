// Readers for the evaluation data sets, applying exactly the loading rules of
// shared/bench/recsys_ref.py so that both tools see the same interactions.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Pairs } from '../src/split.js';
import { parseCsvObjects } from './csv.js';

export type DataFormat = 'ml100k' | 'online-retail' | 'csv';

/** One row per raw interaction, before duplicates are collapsed. */
export interface RawInteractions {
	users: string[];
	items: string[];
	ratings: number[];
	stamps: number[];
}

export interface CsvColumns {
	separator: string;
	user: string;
	item: string;
	rating?: string | undefined;
	time?: string | undefined;
}

/** One purchase line of Online Retail that passes the reference's filter. */
export interface RetailLine {
	customer: string;
	stockCode: string;
	invoice: string;
	quantity: number;
	price: number;
	/** The invoice date as UTC milliseconds (the file has no zone). */
	at: number;
	/** YYYYMMDDhhmmss as a number, the reference's order-preserving stamp. */
	stamp: number;
}

function readText(file: string): string {
	const bytes = readFileSync(file);
	// TextDecoder replaces bad bytes like Python's errors="replace".
	return new TextDecoder('utf-8').decode(file.endsWith('.gz') ? gunzipSync(bytes) : bytes);
}

/** Online Retail purchase lines: known customer, quantity > 0, not a cancellation, a product code. */
export function readOnlineRetail(file: string): RetailLine[] {
	const lines: RetailLine[] = [];
	for (const row of parseCsvObjects(readText(file))) {
		const customer = (row['CustomerID'] ?? '').trim();
		const code = (row['StockCode'] ?? '').trim();
		const invoice = (row['InvoiceNo'] ?? '').trim();
		const quantity = Number(row['Quantity'] || 0) || 0;
		if (!customer || quantity <= 0 || invoice.toUpperCase().startsWith('C')) continue;
		if (!/^[0-9]/.test(code)) continue;
		const date = row['InvoiceDate'] ?? '';
		const digits = date.replace(/[-: ]/g, '');
		lines.push({
			customer: customer.split('.')[0] ?? customer,
			stockCode: code.toUpperCase(),
			invoice,
			quantity,
			price: Number(row['UnitPrice'] || 0) || 0,
			at: Date.parse(date.replace(' ', 'T') + 'Z'),
			stamp: /^[0-9]+$/.test(digits) ? Number(digits) : 0
		});
	}
	return lines;
}

export function readInteractions(
	file: string,
	format: DataFormat,
	columns?: CsvColumns
): RawInteractions {
	const raw: RawInteractions = { users: [], items: [], ratings: [], stamps: [] };
	if (format === 'ml100k') {
		for (const line of readFileSync(file, 'latin1').split('\n')) {
			const trimmed = line.trim();
			if (!trimmed) continue;
			const p = trimmed.split('\t');
			raw.users.push(p[0] ?? '');
			raw.items.push(p[1] ?? '');
			raw.ratings.push(Number(p[2]));
			raw.stamps.push(p.length > 3 ? Number(p[3]) : 0);
		}
	} else if (format === 'online-retail') {
		for (const line of readOnlineRetail(file)) {
			raw.users.push(line.customer);
			raw.items.push(line.stockCode);
			raw.ratings.push(1);
			raw.stamps.push(line.stamp);
		}
	} else {
		const c = columns ?? { separator: ',', user: 'user', item: 'item' };
		for (const row of parseCsvObjects(readText(file), c.separator)) {
			const user = row[c.user] ?? '';
			const item = row[c.item] ?? '';
			if (user === '' || item === '') continue;
			raw.users.push(user);
			raw.items.push(item);
			raw.ratings.push(c.rating ? Number(row[c.rating]) : 1);
			raw.stamps.push(c.time ? Number(row[c.time]) : 0);
		}
	}
	return raw;
}

export interface Dataset {
	pairs: Pairs;
	userIds: string[];
	itemIds: string[];
	rawRows: number;
}

/** Code-point order, which is how numpy sorts its unicode strings. */
function byCodePoint(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Implicit feedback: optionally keep ratings >= minRating, then collapse duplicate (user, item)
 * pairs keeping the first time each occurred. Ids are numbered in sorted order and pairs are
 * sorted by (user, item), the order numpy's unique leaves them in, so the seeded split draws
 * line up with the reference's.
 */
export function collapse(raw: RawInteractions, minRating?: number): Dataset {
	const keep: number[] = [];
	for (let e = 0; e < raw.users.length; e++) {
		if (minRating === undefined || (raw.ratings[e] as number) >= minRating) keep.push(e);
	}
	const userIds = [...new Set(keep.map((e) => raw.users[e] as string))].sort(byCodePoint);
	const itemIds = [...new Set(keep.map((e) => raw.items[e] as string))].sort(byCodePoint);
	const userIndex = new Map(userIds.map((id, i) => [id, i]));
	const itemIndex = new Map(itemIds.map((id, i) => [id, i]));
	const first = new Map<number, number>();
	const nItems = itemIds.length;
	for (const e of keep) {
		const key =
			(userIndex.get(raw.users[e] as string) as number) * nItems +
			(itemIndex.get(raw.items[e] as string) as number);
		const t = raw.stamps[e] as number;
		const seen = first.get(key);
		if (seen === undefined || t < seen) first.set(key, t);
	}
	const keys = [...first.keys()].sort((a, b) => a - b);
	const pairs: Pairs = {
		users: new Int32Array(keys.length),
		items: new Int32Array(keys.length),
		times: new Float64Array(keys.length)
	};
	keys.forEach((key, e) => {
		pairs.users[e] = Math.floor(key / nItems);
		pairs.items[e] = key % nItems;
		pairs.times[e] = first.get(key) as number;
	});
	return { pairs, userIds, itemIds, rawRows: raw.users.length };
}
