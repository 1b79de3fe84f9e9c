/**
 * The Segment e-commerce v2 event names the studio understands, for `track(name, properties)`.
 * Order Completed (with `order_id`, `total`/`revenue`, `currency` and `products[]`) becomes an
 * order on the customer's profile; the others feed segments, journeys and recommendations. The
 * list costs the script tag nothing: only npm users who import it pay for it.
 */
export const ECOMMERCE_EVENTS = [
	'Products Searched',
	'Product List Viewed',
	'Product List Filtered',
	'Promotion Viewed',
	'Promotion Clicked',
	'Product Clicked',
	'Product Viewed',
	'Product Added',
	'Product Removed',
	'Cart Viewed',
	'Checkout Started',
	'Checkout Step Viewed',
	'Checkout Step Completed',
	'Payment Info Entered',
	'Order Completed',
	'Order Updated',
	'Order Refunded',
	'Order Cancelled',
	'Coupon Entered',
	'Coupon Applied',
	'Coupon Denied',
	'Coupon Removed',
	'Product Added to Wishlist',
	'Product Removed from Wishlist',
	'Product Shared',
	'Cart Shared',
	'Product Reviewed'
] as const;

export type EcommerceEvent = (typeof ECOMMERCE_EVENTS)[number];

/** A product as e-commerce events carry it (`product_id` or `sku` identifies it). */
export interface EcommerceProduct {
	product_id?: string;
	sku?: string;
	name?: string;
	category?: string;
	price?: number;
	quantity?: number;
	url?: string;
	image_url?: string;
	[property: string]: unknown;
}
