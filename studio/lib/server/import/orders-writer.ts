// Writes one chunk of order lines, grouped by order, in the caller's transaction: customers,
// then products, then orders, then their lines, then the customers' order facts.
import type { Db } from '../db/connect';
import type { OrderLineRow } from './rows';
import {
	deleteLines,
	existingOrders,
	insertLines,
	linesOf,
	recomputeCustomerTotals,
	refreshOrderTotals,
	upsertOrders,
	type LineRow
} from './order-write-repository';
import {
	customerIds,
	productIds,
	upsertCustomers,
	upsertSoldProducts,
	type SoldProduct
} from './shop-write-repository';

export interface OrdersTally {
	orders: number;
	refunds: number;
	guestOrders: number;
	lines: number;
	ordersCreated: number;
	customersCreated: number;
	productsCreated: number;
	customersUpdated: number;
}

export function emptyOrdersTally(): OrdersTally {
	return {
		orders: 0,
		refunds: 0,
		guestOrders: 0,
		lines: 0,
		ordersCreated: 0,
		customersCreated: 0,
		productsCreated: 0,
		customersUpdated: 0
	};
}

export interface OrdersContext {
	workspaceId: number;
	now: number;
	/**
	 * Orders this job has already written. Files normally keep an order's lines together; when an
	 * order comes back later in the file its new lines are added to the ones written before.
	 */
	written: Set<string>;
	tally: OrdersTally;
}

export async function writeOrderGroups(
	db: Db,
	ctx: OrdersContext,
	groups: Map<string, OrderLineRow[]>
): Promise<void> {
	const { workspaceId, now, tally } = ctx;
	const all = [...groups.values()].flat();

	// Customers: created by their id in the shop, with the country and email the lines carry.
	const people = new Map<
		string,
		{ email: string | null; country: string | null; first: number; last: number }
	>();
	for (const row of all) {
		if (row.customerKey === null) continue;
		const p = people.get(row.customerKey);
		if (!p)
			people.set(row.customerKey, {
				email: row.email,
				country: row.country,
				first: row.placedAt,
				last: row.placedAt
			});
		else {
			p.email = row.email ?? p.email;
			p.country = row.country ?? p.country;
			if (row.placedAt < p.first) p.first = row.placedAt;
			if (row.placedAt > p.last) p.last = row.placedAt;
		}
	}
	const personKeys = [...people.keys()];
	const knownPeople = await customerIds(db, workspaceId, personKeys);
	await upsertCustomers(
		db,
		workspaceId,
		personKeys.map((key) => {
			const p = people.get(key)!;
			return {
				externalId: key,
				email: p.email,
				name: null,
				consent: 'unknown' as const,
				traits: p.country ? { country: p.country } : {},
				firstSeenAt: p.first,
				lastSeenAt: p.last
			};
		}),
		now,
		{ moveLastSeen: true }
	);
	const customerId = await customerIds(db, workspaceId, personKeys);
	tally.customersCreated += personKeys.length - knownPeople.size;

	// Products: the newest line with a name and a price names the product (see upsertSoldProducts).
	const sold = new Map<string, SoldProduct & { real: boolean }>();
	for (const row of all) {
		const real = row.name !== null && row.priceMinor > 0;
		const before = sold.get(row.sku);
		if (!before || (real && (!before.real || row.placedAt > before.soldAt)))
			sold.set(row.sku, {
				sku: row.sku,
				name: row.name ?? row.sku,
				priceMinor: row.priceMinor,
				soldAt: row.placedAt,
				real
			});
	}
	const skus = [...sold.keys()];
	const knownProducts = await productIds(db, workspaceId, skus);
	await upsertSoldProducts(
		db,
		workspaceId,
		[...sold.values()].map(({ real: _, ...p }) => p)
	);
	const productId = await productIds(db, workspaceId, skus);
	tally.productsCreated += skus.length - knownProducts.size;

	// Orders: one per order id; a cancellation is a refund record with a negative total.
	const keys = [...groups.keys()];
	const before = await existingOrders(db, workspaceId, keys);
	const orders = keys.map((key) => {
		const lines = groups.get(key)!;
		const owner = lines.find((l) => l.customerKey !== null)?.customerKey ?? null;
		return {
			externalId: key,
			customerId: owner === null ? null : (customerId.get(owner) ?? null),
			status: lines[0]!.refund ? ('refunded' as const) : ('completed' as const),
			totalMinor: lines.reduce((sum, l) => sum + l.quantity * l.priceMinor, 0),
			currency: lines[0]!.currency,
			placedAt: Math.min(...lines.map((l) => l.placedAt))
		};
	});
	await upsertOrders(db, workspaceId, orders, now);
	const after = await existingOrders(db, workspaceId, keys);

	const fresh: number[] = [];
	const appended: number[] = [];
	const newLines: LineRow[] = [];
	for (const order of orders) {
		const id = after.get(order.externalId)!.id;
		const again = ctx.written.has(order.externalId);
		(again ? appended : fresh).push(id);
		if (!again) {
			ctx.written.add(order.externalId);
			tally.orders++;
			if (order.status === 'refunded') tally.refunds++;
			if (order.customerId === null) tally.guestOrders++;
			if (!before.has(order.externalId)) tally.ordersCreated++;
		}
		for (const l of groups.get(order.externalId)!)
			newLines.push({
				orderId: id,
				productId: productId.get(l.sku) ?? null,
				sku: l.sku,
				name: l.name ?? l.sku,
				quantity: l.quantity,
				priceMinor: l.priceMinor
			});
	}
	tally.lines += newLines.length;

	// Lines: replaced only where they differ from what is stored, so a re-import writes nothing.
	const stored = await linesOf(db, workspaceId, fresh);
	const storedBy = groupBy(stored, (l) => l.orderId);
	const newBy = groupBy(newLines, (l) => l.orderId);
	const replace = fresh.filter((id) => !sameLines(storedBy.get(id) ?? [], newBy.get(id) ?? []));
	await deleteLines(
		db,
		workspaceId,
		replace.filter((id) => storedBy.has(id))
	);
	const appendSet = new Set(appended);
	const replaceSet = new Set(replace);
	await insertLines(
		db,
		workspaceId,
		newLines.filter((l) => replaceSet.has(l.orderId) || appendSet.has(l.orderId))
	);
	await refreshOrderTotals(db, workspaceId, appended);

	// Facts of everyone whose orders this chunk touched, including an order's previous owner.
	const touched = new Set<number>(customerId.values());
	for (const previous of before.values())
		if (previous.customerId !== null) touched.add(previous.customerId);
	tally.customersUpdated += await recomputeCustomerTotals(db, workspaceId, [...touched], now);
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
	const map = new Map<number, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = map.get(k);
		if (list) list.push(item);
		else map.set(k, [item]);
	}
	return map;
}

function sameLines(a: readonly LineRow[], b: readonly LineRow[]): boolean {
	if (a.length !== b.length) return false;
	return a.every((x, i) => {
		const y = b[i]!;
		return (
			x.sku === y.sku &&
			x.name === y.name &&
			x.quantity === y.quantity &&
			x.priceMinor === y.priceMinor &&
			x.productId === y.productId
		);
	});
}
