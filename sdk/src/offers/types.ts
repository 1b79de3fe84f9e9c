export type { Offer } from '../core/offer.js';

export interface RenderOptions {
	/** The slot on the page: `home`, `product` or `cart`. */
	placement: string;
	/** How many cards (1 to 12; the studio's default is 4). */
	limit?: number;
	/** The accessible name of the list, in the page's language. */
	label?: string;
	/** `false` leaves all styling to the shop: no default stylesheet is injected. */
	style?: boolean;
}
