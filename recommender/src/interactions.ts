import { csrFromTriplets, type Csr } from './sparse.js';

/** One thing a shopper did with a product. */
export interface InteractionEvent {
	userId: string;
	itemId: string;
	/** An event kind with a strength in `weights` ('view', 'add_to_cart', 'purchase' by default). */
	type: string;
	/** Milliseconds since the epoch. */
	at: number;
	/** Purchases from the same order share it; frequently-bought-together reads it. */
	orderId?: string;
}

/** Event kinds and how strongly each says "wants this": a view < a cart add < a purchase. */
export type StrengthWeights = Readonly<Record<string, number>>;

export const DEFAULT_WEIGHTS: StrengthWeights = { view: 1, add_to_cart: 3, purchase: 5 };

export interface InteractionOptions {
	weights?: StrengthWeights;
	/**
	 * Half-life in days: an event this old counts half, twice as old a quarter. Absent = no
	 * decay. Tastes drift and seasonal products come and go, so old signals should fade.
	 */
	halfLifeDays?: number;
	/** The time decay is measured from (ms); defaults to the latest event. */
	now?: number;
	/** Event kinds that count as purchases (for "already bought" and the reasons). */
	purchaseTypes?: readonly string[];
}

/** Implicit feedback as sparse matrices, with the ids behind every row and column. */
export interface Interactions {
	userIds: string[];
	itemIds: string[];
	/** users x items: the summed, decayed strengths. */
	strengths: Csr;
	/** users x items: when each item was last bought, in days since the epoch (absent = never). */
	purchases: Csr;
	now: number;
}

export const DAY_MS = 86_400_000;

/** The factor an event of age `ageMs` keeps under a half-life (1 when there is none). */
export function decay(ageMs: number, halfLifeDays: number | undefined): number {
	if (halfLifeDays === undefined || !(halfLifeDays > 0)) return 1;
	return Math.pow(2, -Math.max(0, ageMs) / (halfLifeDays * DAY_MS));
}

/** A stable id -> index numbering in first-seen order, optionally seeded with known ids. */
export function indexIds(
	ids: Iterable<string>,
	known: readonly string[] = []
): Map<string, number> {
	const index = new Map<string, number>();
	for (const id of known) if (!index.has(id)) index.set(id, index.size);
	for (const id of ids) if (!index.has(id)) index.set(id, index.size);
	return index;
}

/**
 * Builds the interaction matrices from raw events. Events of kinds without a weight are ignored;
 * a (user, item) strength is the sum of its events' weights, each decayed by age.
 * `extraItems` adds catalogue products with no events yet, so they get a column (and can be
 * recommended by popularity fallbacks and pins).
 */
export function buildInteractions(
	events: readonly InteractionEvent[],
	options: InteractionOptions = {},
	extraItems: readonly string[] = []
): Interactions {
	const weights = options.weights ?? DEFAULT_WEIGHTS;
	const purchaseTypes = new Set(options.purchaseTypes ?? ['purchase']);
	let now = options.now ?? Number.NEGATIVE_INFINITY;
	if (options.now === undefined) for (const e of events) now = Math.max(now, e.at);
	if (!Number.isFinite(now)) now = 0;

	const users = indexIds(events.map((e) => e.userId));
	const items = indexIds(
		events.map((e) => e.itemId),
		extraItems
	);
	const rows: number[] = [];
	const cols: number[] = [];
	const vals: number[] = [];
	const buyRows: number[] = [];
	const buyCols: number[] = [];
	const buyDays: number[] = [];
	for (const e of events) {
		const w = weights[e.type];
		if (w === undefined || !(w > 0)) continue;
		const u = users.get(e.userId) as number;
		const i = items.get(e.itemId) as number;
		rows.push(u);
		cols.push(i);
		vals.push(w * decay(now - e.at, options.halfLifeDays));
		if (purchaseTypes.has(e.type)) {
			buyRows.push(u);
			buyCols.push(i);
			buyDays.push(e.at / DAY_MS);
		}
	}
	return {
		userIds: [...users.keys()],
		itemIds: [...items.keys()],
		strengths: csrFromTriplets(users.size, items.size, rows, cols, vals),
		purchases: csrFromTriplets(users.size, items.size, buyRows, buyCols, buyDays, 'max'),
		now
	};
}
