import { generateCatalog, type DemoProduct } from './catalog';
import { DEMO_CATEGORIES } from './categories';
import { DAY } from './customer-timeline';
import { simulateCustomer, type DraftEvent, type DraftOrder } from './customer-simulation';
import { STYLE_COUNT, type ShopContext } from './customer-tastes';
import { Random } from './random';
import type { DemoArchetype, DemoCustomer, DemoEvent, DemoOrder, DemoShop } from './types';

export type {
	DemoArchetype,
	DemoCustomer,
	DemoEvent,
	DemoIdentity,
	DemoOrder,
	DemoOrderLine,
	DemoProduct,
	DemoShop
} from './types';

export interface DemoShopOptions {
	seed: string;
	/** The last instant of the simulated year (epoch ms). */
	now: number;
	customers?: number;
	products?: number;
}

export const DEMO_CURRENCY = 'USD';
/** The simulated history; one day short of the 366 every consumer may assume. */
export const DEMO_HISTORY_DAYS = 365;

/** Shares of each behaviour, from what small retailers typically see in a year of data. */
const ARCHETYPE_SHARES: readonly [DemoArchetype, number][] = [
	['browser', 0.35],
	['one_time', 0.3],
	['occasional', 0.2],
	['loyal', 0.1],
	['lapsed', 0.05]
];

/** Exact quotas, shuffled: small demo shops still get every kind of customer. */
function assignArchetypes(random: Random, count: number): DemoArchetype[] {
	const list: DemoArchetype[] = [];
	let assigned = 0;
	ARCHETYPE_SHARES.forEach(([archetype, share], i) => {
		const quota = i === ARCHETYPE_SHARES.length - 1 ? count - assigned : Math.round(count * share);
		for (let k = 0; k < quota && assigned < count; k++, assigned++) list.push(archetype);
	});
	return random.shuffle(list);
}

/**
 * A year of a small lifestyle shop: a catalogue, customers of every kind, their page views,
 * carts and orders (web and in-store). Pure and deterministic: the same seed and `now` give
 * deep-equal results, and every time lies in [now - 365 days, now].
 */
export function generateDemoShop(options: DemoShopOptions): DemoShop {
	const now = Math.floor(options.now);
	const customerCount = Math.max(0, Math.floor(options.customers ?? 3000));
	const productCount = Math.max(1, Math.floor(options.products ?? 300));
	const start = now - DEMO_HISTORY_DAYS * DAY;
	const root = new Random(options.seed);

	const products = generateCatalog(root.fork('catalog'), { count: productCount, start, now });
	const styleRandom = root.fork('styles');
	const byCategory = new Map<string, DemoProduct[]>(DEMO_CATEGORIES.map((c) => [c.name, []]));
	for (const product of products) byCategory.get(product.category)?.push(product);
	const ctx: ShopContext = {
		start,
		now,
		currency: DEMO_CURRENCY,
		products,
		byCategory,
		styles: products.map(() => styleRandom.int(0, STYLE_COUNT - 1))
	};

	const archetypes = assignArchetypes(root.fork('archetypes'), customerCount);
	const customers: DemoCustomer[] = [];
	const draftEvents: DraftEvent[] = [];
	const draftOrders: DraftOrder[] = [];
	archetypes.forEach((archetype, index) => {
		const simulated = simulateCustomer(root.fork(`customer-${index}`), ctx, index, archetype);
		customers.push(simulated.customer);
		for (const event of simulated.events) draftEvents.push(event);
		for (const order of simulated.orders) draftOrders.push(order);
	});

	return {
		currency: DEMO_CURRENCY,
		start,
		now,
		products,
		customers,
		events: numberEvents(draftEvents),
		orders: numberOrders(draftOrders)
	};
}

/** Message ids follow time, as if the shop had sent them live. */
function numberEvents(drafts: DraftEvent[]): DemoEvent[] {
	const order = drafts.map((_, i) => i);
	order.sort((a, b) => drafts[a]!.timestamp - drafts[b]!.timestamp || a - b);
	return order.map((i, n) => ({ messageId: `demo-${n + 1}`, ...drafts[i]! }));
}

function numberOrders(drafts: DraftOrder[]): DemoOrder[] {
	const order = drafts.map((_, i) => i);
	order.sort((a, b) => drafts[a]!.placedAt - drafts[b]!.placedAt || a - b);
	return order.map((i, n) => {
		const { orderIdSlots, ...draft } = drafts[i]!;
		const externalId = `D-${String(n + 1).padStart(6, '0')}`;
		for (const slot of orderIdSlots) slot.order_id = externalId;
		return { externalId, ...draft };
	});
}
