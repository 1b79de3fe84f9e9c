import { chunks } from '../db/chunks';
import type { Db } from '../db/connect';
import type { OrderTable } from '../db/schema';
import { DAY, NOW, insertCustomer } from '../segment/segment-fixture';

// For tests only: a shop whose customers either keep their rhythm up to today or stopped buying
// at some point in the past, with their completed orders.

export { DAY, NOW, insertWorkspace } from '../segment/segment-fixture';

let orderCounter = 0;

export async function insertOrders(
	db: Db,
	workspaceId: number,
	customerId: number,
	daysAgo: number[],
	status: OrderTable['status'] = 'completed'
): Promise<void> {
	const rows = daysAgo.map((days) => ({
		workspace_id: workspaceId,
		external_id: `o-${orderCounter++}`,
		customer_id: customerId,
		source: 'web' as const,
		status,
		total_minor: 2_000 + (days % 17) * 100,
		currency: 'EUR',
		placed_at: NOW - days * DAY,
		created_at: NOW - days * DAY
	}));
	for (const part of chunks(rows, 200)) await db.insertInto('shop_order').values(part).execute();
}

/** Every `gap` days from `latest` days ago back to 400 days ago. */
export function rhythm(gap: number, latest: number): number[] {
	const days: number[] = [];
	for (let d = latest; d <= 400; d += gap) days.push(d);
	return days;
}

export interface ChurnShop {
	/** Still ordering at their usual rhythm: the last order less than one gap ago. */
	regulars: number[];
	/** Same rhythms, but the last order 100 to 300 days ago. */
	stopped: number[];
}

export async function buildChurnShop(
	db: Db,
	workspaceId: number,
	size = { regulars: 120, stopped: 80 }
): Promise<ChurnShop> {
	const shop: ChurnShop = { regulars: [], stopped: [] };
	for (let i = 0; i < size.regulars + size.stopped; i++) {
		const regular = i < size.regulars;
		const gap = 10 + (i % 30);
		const id = await insertCustomer(db, workspaceId, { name: `c${workspaceId}-${i}` });
		const latest = regular ? i % gap : 100 + ((i * 37) % 200);
		await insertOrders(db, workspaceId, id, rhythm(gap, latest));
		(regular ? shop.regulars : shop.stopped).push(id);
	}
	return shop;
}
