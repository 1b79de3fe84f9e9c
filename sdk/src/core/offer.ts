/**
 * One offer as the studio's `/sdk/v1/offers` answers it and the SDK renders it: the wire format
 * both sides import, so they cannot drift apart.
 */
export interface Offer {
	/** Sent back with impressions and clicks, for attribution. */
	id: string;
	kind: 'product';
	product: {
		sku: string;
		name: string;
		/** In the currency's minor units (cents; yen for JPY). */
		priceMinor: number;
		currency: string;
		imageUrl: string | null;
		/** Absolute, or a path on the storefront. */
		url: string | null;
	};
	/** Why it is offered, e.g. `best_seller`; for display and analysis, not for logic. */
	reason?: string;
	/** A journey's on-site offer: its words, shown above the products of the slot. */
	message?: { title: string; body: string };
}
