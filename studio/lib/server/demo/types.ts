import type { DemoProduct } from './catalog';

export type { DemoProduct };

/** How a simulated customer behaves over the year. */
export type DemoArchetype = 'browser' | 'one_time' | 'occasional' | 'loyal' | 'lapsed';

export interface DemoIdentity {
	anonymousId: string;
	/** When this device was first seen. */
	firstSeenAt: number;
}

export interface DemoCustomer {
	index: number;
	/** `cust-0001`; null for visitors who never signed up. */
	externalId: string | null;
	email: string | null;
	name: string | null;
	archetype: DemoArchetype;
	/** Typical days between orders; null for those who buy once or never. */
	rhythmDays: number | null;
	/** Most liked first. */
	favouriteCategories: string[];
	/** Snake-case keys: first_name, last_name, birthday?, city, country, locale, time_zone. */
	traits: Record<string, unknown>;
	consent: 'unknown' | 'granted' | 'denied';
	identities: DemoIdentity[];
	signedUpAt: number | null;
	firstSeenAt: number;
	lastSeenAt: number;
	/** Completed and refunded orders: both were placed. */
	ordersCount: number;
	/** Completed orders only: refunded money is not revenue. */
	revenueMinor: number;
	firstOrderAt: number | null;
	lastOrderAt: number | null;
}

export interface DemoEvent {
	/** `demo-<n>`, ascending with time. */
	messageId: string;
	customerIndex: number;
	anonymousId: string | null;
	userId: string | null;
	type: 'page' | 'track' | 'identify';
	name: string | null;
	properties: Record<string, unknown>;
	timestamp: number;
	receivedAt: number;
}

export interface DemoOrderLine {
	productIndex: number;
	sku: string;
	name: string;
	quantity: number;
	/** Unit price. */
	priceMinor: number;
}

export interface DemoOrder {
	/** `D-000123`, ascending with time. */
	externalId: string;
	customerIndex: number;
	source: 'web' | 'pos';
	status: 'completed' | 'refunded';
	totalMinor: number;
	currency: string;
	placedAt: number;
	lines: DemoOrderLine[];
}

export interface DemoShop {
	currency: string;
	/** The first instant any record may carry; `now` is the last. */
	start: number;
	now: number;
	products: DemoProduct[];
	customers: DemoCustomer[];
	events: DemoEvent[];
	orders: DemoOrder[];
}
