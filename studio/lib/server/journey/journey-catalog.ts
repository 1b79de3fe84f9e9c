/**
 * The suggestions behind the journey editor's pickers: which events this shop sends and with
 * which properties, its segments, the traits its customers carry, and the offer placements.
 */
import type { JourneyCatalog } from '../../journey/catalog';
import { PLACEMENT_PATTERN } from '../../journey/fields';
import { isColumnTrait } from '../../segment/definition';
import type { Db } from '../db/connect';
import { PLACEMENTS } from '../offer/offer-service';
import { collectKeys } from '../segment/segment-options';
import {
	distinctEventNames,
	recentCustomerTraits,
	recentEventProperties
} from '../segment/segment-repository';
import { recentEventNameCounts, segmentNames, usedPlacements } from './journey-catalog-repository';

export type { JourneyCatalog };

const MAX_EVENT_NAMES = 200;
/** Latest events counted to rank names by frequency. */
const FREQUENCY_SAMPLE = 50_000;
/** Names whose recent events are read for property keys, and how many events each. */
const EVENTS_WITH_PROPERTIES = 60;
const PROPERTY_SAMPLE = 150;
const CUSTOMER_SAMPLE = 500;
const PLACEMENT_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;
const MAX_PLACEMENTS = 50;

/**
 * The Segment e-commerce events the product itself understands (orders, carts, the recommender's
 * signals, the welcome template), offered even before the shop has sent one, each with the
 * properties the spec gives it, so the first journey can be built on day one.
 */
export const STANDARD_EVENTS: readonly { name: string; properties: readonly string[] }[] = [
	{
		name: 'Order Completed',
		properties: ['order_id', 'total', 'revenue', 'currency', 'coupon', 'discount']
	},
	{
		name: 'Product Added',
		properties: ['cart_id', 'product_id', 'sku', 'name', 'category', 'price', 'quantity']
	},
	{ name: 'Product Viewed', properties: ['product_id', 'sku', 'name', 'category', 'price'] },
	{ name: 'Checkout Started', properties: ['order_id', 'cart_id', 'value', 'revenue', 'currency'] },
	{ name: 'Signed Up', properties: ['method'] },
	{ name: 'Product Removed', properties: ['cart_id', 'product_id', 'sku', 'name', 'price'] },
	{ name: 'Product Clicked', properties: ['product_id', 'sku', 'name', 'category', 'price'] },
	{ name: 'Cart Viewed', properties: ['cart_id'] },
	{ name: 'Order Refunded', properties: ['order_id', 'total', 'currency'] }
];

/** Date traits the engine treats specially (entry_date, delay until a date trait). */
const DATE_TRAITS = ['birthday', 'first_order_at'];
/** Slots the email templates fill with products, besides the storefront's own. */
const MESSAGE_PLACEMENTS = ['email'];

export async function journeyCatalog(
	db: Db,
	workspaceId: number,
	now = Date.now()
): Promise<JourneyCatalog> {
	const [events, segments, traits, placements] = await Promise.all([
		catalogEvents(db, workspaceId),
		segmentNames(db, workspaceId),
		catalogTraits(db, workspaceId),
		catalogPlacements(db, workspaceId, now)
	]);
	return { events, segments, traits, placements };
}

async function catalogEvents(db: Db, workspaceId: number): Promise<JourneyCatalog['events']> {
	const counted = await recentEventNameCounts(db, workspaceId, FREQUENCY_SAMPLE, MAX_EVENT_NAMES);
	// Names only older history has still belong in the list, after the frequent ones.
	const names = unique([
		...counted.map((c) => c.name),
		...(await distinctEventNames(db, workspaceId, MAX_EVENT_NAMES))
	]).slice(0, MAX_EVENT_NAMES);

	const events: JourneyCatalog['events'] = [];
	for (const [index, name] of names.entries()) {
		const samples =
			index < EVENTS_WITH_PROPERTIES
				? await recentEventProperties(db, workspaceId, name, PROPERTY_SAMPLE)
				: [];
		const standard = STANDARD_EVENTS.find((e) => e.name === name)?.properties ?? [];
		events.push({
			name,
			properties: unique([...collectKeys(samples).map((k) => k.key), ...standard])
		});
	}
	const seen = new Set(names);
	for (const standard of STANDARD_EVENTS) {
		if (!seen.has(standard.name))
			events.push({ name: standard.name, properties: [...standard.properties] });
	}
	return events;
}

async function catalogTraits(db: Db, workspaceId: number): Promise<string[]> {
	const seen = collectKeys(await recentCustomerTraits(db, workspaceId, CUSTOMER_SAMPLE))
		.map((option) => option.key)
		// Email, name and consent are columns, offered by the pickers themselves where they apply.
		.filter((key) => !isColumnTrait(key));
	return unique([...DATE_TRAITS, ...seen]);
}

async function catalogPlacements(db: Db, workspaceId: number, now: number): Promise<string[]> {
	const used = await usedPlacements(db, workspaceId, now - PLACEMENT_WINDOW_MS, MAX_PLACEMENTS);
	return unique([...PLACEMENTS, ...MESSAGE_PLACEMENTS, ...used.sort()]).filter((p) =>
		PLACEMENT_PATTERN.test(p)
	);
}

function unique(values: readonly string[]): string[] {
	return [...new Set(values)];
}
