import type { DemoProduct } from './catalog';
import { categoryByName, DEMO_CATEGORIES, type DemoCategory } from './categories';
import type { Random } from './random';
import type { DemoOrderLine } from './types';

export interface ShopContext {
	start: number;
	now: number;
	currency: string;
	products: readonly DemoProduct[];
	byCategory: ReadonlyMap<string, readonly DemoProduct[]>;
	/**
	 * A hidden style group per product index. Each customer leans towards one style across all
	 * categories, which gives item-to-item recommenders structure beyond plain popularity.
	 */
	styles: readonly number[];
}

export const STYLE_COUNT = 4;
const CATEGORY_WEIGHTS = DEMO_CATEGORIES.map((c) => c.weight);
/** Chance of looking outside one's favourite categories. */
const EXPLORE = 0.1;

/** What one customer likes: a few categories, a style, and the staples they restock. */
export class CustomerTastes {
	readonly categories: DemoCategory[] = [];
	private readonly categoryWeights: number[] = [];
	private readonly style: number;
	private staples: DemoProduct[] = [];

	constructor(
		private readonly random: Random,
		private readonly ctx: ShopContext
	) {
		this.style = random.int(0, STYLE_COUNT - 1);
		// One to three favourite categories, the second usually related to the first.
		const primary = random.weighted(DEMO_CATEGORIES, CATEGORY_WEIGHTS);
		this.categories.push(primary);
		if (random.chance(0.75)) {
			const related = categoryByName(random.pick(primary.related));
			if (related) this.categories.push(related);
		}
		if (random.chance(0.35)) {
			const others = DEMO_CATEGORIES.filter((c) => !this.categories.includes(c));
			this.categories.push(
				random.weighted(
					others,
					others.map((c) => c.weight)
				)
			);
		}
		this.categoryWeights.push(...[0.62, 0.26, 0.12].slice(0, this.categories.length));
	}

	/** Staples come from the favourite category; consumables give more of them. */
	chooseStaples(at: number): void {
		const primary = this.categories[0]!;
		const count = primary.consumable ? this.random.int(1, 3) : 1;
		for (let i = 0; i < count; i++) {
			const product = this.pickProduct(at, primary, new Set(this.staples.map((p) => p.index)));
			if (product) this.staples.push(product);
		}
	}

	pickCategory(): DemoCategory {
		if (this.random.chance(EXPLORE)) return this.random.weighted(DEMO_CATEGORIES, CATEGORY_WEIGHTS);
		return this.random.weighted(this.categories, this.categoryWeights);
	}

	/** A product that existed at `at`, by popularity, leaning to the customer's style. */
	pickProduct(
		at: number,
		category: DemoCategory | null = null,
		exclude: ReadonlySet<number> = new Set()
	): DemoProduct | null {
		const { ctx, random } = this;
		for (let attempt = 0; attempt < 4; attempt++) {
			const from = attempt === 0 && category ? category : this.pickCategory();
			const list = ctx.byCategory.get(from.name) ?? [];
			let total = 0;
			for (const p of list) if (p.createdAt <= at && !exclude.has(p.index)) total += this.weight(p);
			if (total <= 0) continue;
			let target = random.next() * total;
			for (const p of list) {
				if (p.createdAt > at || exclude.has(p.index)) continue;
				target -= this.weight(p);
				if (target < 0) return p;
			}
		}
		return ctx.products.find((p) => p.createdAt <= at && !exclude.has(p.index)) ?? null;
	}

	private weight(product: DemoProduct): number {
		return product.popularity * (this.ctx.styles[product.index] === this.style ? 3 : 1);
	}

	/** One to four distinct lines; a repeat order often starts with a staple. */
	chooseLines(placedAt: number, restockChance: number): DemoOrderLine[] {
		const { random } = this;
		const lineCount = random.weighted([1, 2, 3, 4], [0.5, 0.3, 0.14, 0.06]);
		const chosen = new Set<number>();
		const lines: DemoOrderLine[] = [];
		for (let i = 0; i < lineCount; i++) {
			let product: DemoProduct | null = null;
			// Regulars restock the same few things: "buy it again" needs that signal.
			if (i === 0 && random.chance(restockChance)) {
				const staple = random.pick(this.staples.length ? this.staples : [null]);
				if (staple && staple.createdAt <= placedAt) product = staple;
			}
			product ??= this.pickProduct(placedAt, i === 0 ? null : this.pickCategory(), chosen);
			if (!product || chosen.has(product.index)) continue;
			chosen.add(product.index);
			const consumable = categoryByName(product.category)?.consumable ?? false;
			const quantity = consumable
				? random.weighted([1, 2, 3], [0.62, 0.28, 0.1])
				: random.weighted([1, 2], [0.93, 0.07]);
			lines.push({
				productIndex: product.index,
				sku: product.sku,
				name: product.name,
				quantity,
				priceMinor: product.priceMinor
			});
		}
		return lines;
	}
}
