/** What the studio knows about a product at request time. */
export interface Product {
	id: string;
	category?: string;
	price?: number;
	/** false = out of stock; absent = in stock. */
	inStock?: boolean;
	/** Hidden products are never shown, whatever a rule says. */
	hidden?: boolean;
}

/** Which products a boost or bury rule applies to. */
export interface ProductMatch {
	itemIds?: readonly string[];
	categories?: readonly string[];
}

/** A merchandising rule for one placement (a slot on a page). */
export type PlacementRule =
	| { kind: 'pin'; itemId: string; /** 0-based slot */ position: number }
	| { kind: 'boost'; match: ProductMatch; /** score multiplier, > 1 */ factor: number }
	| { kind: 'bury'; match: ProductMatch };

export interface RecommendRules {
	/**
	 * Do not recommend what the shopper bought in the last this-many days (Infinity, the default:
	 * never again; 0: allow repeats, e.g. for consumables).
	 */
	excludeBoughtWithinDays?: number;
	/** Skip out-of-stock products (default true). */
	excludeOutOfStock?: boolean;
	/** Only these categories. */
	categories?: readonly string[];
	excludeCategories?: readonly string[];
	minPrice?: number;
	maxPrice?: number;
	/** At most this many products of one category in a list (diversity). */
	maxPerCategory?: number;
	excludeItems?: readonly string[];
	/** Rules per placement name; the request says which placement it fills. */
	placements?: Readonly<Record<string, readonly PlacementRule[]>>;
}

export function matches(
	match: ProductMatch,
	itemId: string,
	category: string | undefined
): boolean {
	if (match.itemIds?.includes(itemId)) return true;
	return category !== undefined && (match.categories?.includes(category) ?? false);
}

/**
 * Whether a product may be shown at all under the request's filters. Products missing from a
 * given catalogue are treated as unknown and skipped: a model trained last night may know
 * products deleted this morning.
 */
export function passesFilters(
	itemId: string,
	product: Product | undefined,
	hasCatalogue: boolean,
	rules: RecommendRules
): boolean {
	if (hasCatalogue && product === undefined) return false;
	if (product?.hidden) return false;
	if ((rules.excludeOutOfStock ?? true) && product?.inStock === false) return false;
	if (rules.excludeItems?.includes(itemId)) return false;
	const category = product?.category;
	if (rules.categories && (category === undefined || !rules.categories.includes(category))) {
		return false;
	}
	if (category !== undefined && rules.excludeCategories?.includes(category)) return false;
	const price = product?.price;
	if (rules.minPrice !== undefined && (price === undefined || price < rules.minPrice)) return false;
	if (rules.maxPrice !== undefined && (price === undefined || price > rules.maxPrice)) return false;
	return true;
}
