import { DEMO_CATEGORIES } from './categories';
import type { Random } from './random';

export interface DemoProduct {
	index: number;
	sku: string;
	name: string;
	category: string;
	priceMinor: number;
	imageUrl: string;
	url: string;
	inStock: boolean;
	/** Relative popularity within its category (Zipf by rank): a few products take most views. */
	popularity: number;
	createdAt: number;
	updatedAt: number;
}

const DAY = 24 * 60 * 60 * 1000;
const OUT_OF_STOCK_SHARE = 0.05;
const NEW_ARRIVAL_SHARE = 0.08;
/** New arrivals appear within this many days before `now`; the rest exist all year. */
const NEW_ARRIVAL_DAYS = 90;

/** Prices end the way shops price things: mostly .99, some round, a few .50. */
function shopPrice(random: Random, major: number): number {
	const whole = Math.max(3, Math.round(major));
	const ending = random.next();
	if (ending < 0.7) return whole * 100 - 1;
	if (ending < 0.9) return whole * 100;
	return whole * 100 + 50;
}

/**
 * The catalogue: `count` products spread round-robin over the categories, named from each
 * category's adjectives and nouns, with per-category Zipf popularity so a few products dominate.
 */
export function generateCatalog(
	random: Random,
	options: { count: number; start: number; now: number }
): DemoProduct[] {
	const perCategory = DEMO_CATEGORIES.map(() => [] as DemoProduct[]);
	const usedNames = new Set<string>();
	const products: DemoProduct[] = [];
	const nounQueues = DEMO_CATEGORIES.map((c) => random.shuffle([...c.nouns]));

	for (let index = 0; index < options.count; index++) {
		const slot = index % DEMO_CATEGORIES.length;
		const category = DEMO_CATEGORIES[slot]!;
		const queue = nounQueues[slot]!;
		// Cycling through the nouns keeps each category varied before any noun repeats.
		const [noun, basePrice] = queue[Math.floor(index / DEMO_CATEGORIES.length) % queue.length]!;
		let name = '';
		for (let attempt = 0; attempt < 20; attempt++) {
			name = `${random.pick(category.adjectives)} ${noun}`;
			if (!usedNames.has(name)) break;
		}
		if (usedNames.has(name)) name = `${name} No. ${index + 1}`;
		usedNames.add(name);

		const sku = `SKU-${String(index + 1).padStart(5, '0')}`;
		const isNew = random.chance(NEW_ARRIVAL_SHARE);
		const createdAt = isNew
			? options.now - Math.floor(random.between(7, NEW_ARRIVAL_DAYS) * DAY)
			: options.start + index * 60_000;
		const inStock = !random.chance(OUT_OF_STOCK_SHARE);
		const updatedAt = inStock
			? createdAt
			: Math.max(createdAt, options.now - Math.floor(random.between(1, 30) * DAY));
		const product: DemoProduct = {
			index,
			sku,
			name,
			category: category.name,
			priceMinor: shopPrice(random, basePrice * random.between(0.8, 1.35)),
			imageUrl: `/demo/products/${sku}.svg`,
			// Relative: product pages live on whichever storefront shows the demo (examples/storefront).
			url: `/p/${sku}`,
			inStock,
			popularity: 0,
			createdAt,
			updatedAt
		};
		products.push(product);
		perCategory[slot]!.push(product);
	}

	for (const members of perCategory) {
		const ranked = random.shuffle([...members]);
		ranked.forEach((product, rank) => {
			product.popularity = 1 / Math.pow(rank + 1, 1.1);
		});
	}
	return products;
}
