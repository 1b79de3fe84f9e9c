import { nullable, schemaRef } from './helpers';
import type { Schema } from './types';

/** A placement name, as the recommendation endpoints accept it. */
export const PLACEMENT_SCHEMA: Schema = {
	type: 'string',
	pattern: '^[a-z0-9][a-z0-9_-]{0,49}$',
	maxLength: 50,
	default: 'home',
	description:
		'The slot the items will fill (home, product, cart, email…): lower-case letters, digits, - and _. Its merchandising rules apply, and clicks and sales are reported per placement.'
};

/** Why an item is shown, as data, so a shop can word it in its own language. */
export const REASON_KINDS = [
	'because_bought',
	'because_viewed',
	'similar_to',
	'bought_together',
	'similar_customers',
	'popular_in',
	'trending',
	'popular',
	'pinned',
	'featured'
] as const;

const reason: Schema = {
	type: 'object',
	required: ['kind'],
	description:
		'because_bought, because_viewed, similar_to and bought_together name the product they start from in `sku` (and its `name`); popular_in names its `category`.',
	properties: {
		kind: { type: 'string', enum: REASON_KINDS },
		sku: { type: 'string', description: 'The product the reason refers to.' },
		name: { type: 'string', description: 'That product’s name, for “Because you bought …”.' },
		category: { type: 'string', description: 'The category of popular_in.' }
	}
};

const item: Schema = {
	type: 'object',
	required: [
		'sku',
		'name',
		'category',
		'priceMinor',
		'currency',
		'imageUrl',
		'url',
		'score',
		'reason',
		'source'
	],
	properties: {
		sku: { type: 'string' },
		name: { type: 'string' },
		category: nullable({ type: 'string' }),
		priceMinor: { type: 'integer', minimum: 0, description: 'In minor units of `currency`.' },
		currency: { type: 'string' },
		imageUrl: nullable({ type: 'string' }),
		url: nullable({ type: 'string' }),
		score: {
			type: 'number',
			description: 'Higher is better; comparable only between items of the same source.'
		},
		reason: schemaRef('RecommendationReason'),
		source: {
			type: 'string',
			description:
				'The candidate source that found the item: pinned, bought_together, item_knn, user_knn, popular_in_category, trending, popular, catalogue, or best_seller before the first model is trained. New sources may appear.'
		}
	}
};

export const RECOMMENDATION_SCHEMAS: Record<string, Schema> = {
	RecommendationReason: reason,
	RecommendedItem: item,
	Recommendations: {
		type: 'object',
		required: ['recommendationId', 'placement', 'items', 'model'],
		properties: {
			recommendationId: {
				type: 'string',
				pattern: '^rec_[A-Za-z0-9_-]{4,64}$',
				description:
					'Send it back as `recommendation_id` (with `product_id` and `placement`) in the properties of Product Clicked, Promotion Viewed or Promotion Clicked events: clicks, and purchases within 7 days of a click, are then attributed to this answer.'
			},
			placement: {
				type: 'string',
				description:
					'The placement the items were chosen for: as asked, home by default, product for similar products, cart for bought together.'
			},
			items: {
				type: 'array',
				maxItems: 50,
				items: schemaRef('RecommendedItem'),
				description: 'Best first; fewer than n when fewer products qualify.'
			},
			model: nullable({
				type: 'object',
				required: ['id', 'trainedAt'],
				description: 'The trained model that answered; null before the first training.',
				properties: {
					id: { type: 'integer' },
					trainedAt: { type: 'string', format: 'date-time' }
				}
			})
		}
	},
	SessionRecommendationRequest: {
		type: 'object',
		required: ['items'],
		properties: {
			items: {
				type: 'array',
				maxItems: 100,
				items: { type: 'string', minLength: 1, maxLength: 200 },
				description:
					'SKUs the visitor viewed or put in the cart during this visit, most recent last.'
			},
			n: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
			placement: PLACEMENT_SCHEMA
		}
	}
};

/** One realistic answer, shared by the four endpoints' examples. */
export const RECOMMENDATIONS_EXAMPLE = {
	recommendationId: 'rec_4mZq8Ls0TbX1',
	placement: 'home',
	items: [
		{
			sku: 'SKU-00042',
			name: 'Kenyan Pour-over Coffee',
			category: 'Coffee & Tea',
			priceMinor: 1499,
			currency: 'USD',
			imageUrl: '/demo/products/SKU-00042.svg',
			url: '/p/SKU-00042',
			score: 0.82,
			reason: { kind: 'because_bought', sku: 'SKU-00007', name: 'Ceramic Pour-over Dripper' },
			source: 'item_knn'
		},
		{
			sku: 'SKU-00118',
			name: 'Stoneware Mug',
			category: 'Kitchen',
			priceMinor: 1800,
			currency: 'USD',
			imageUrl: '/demo/products/SKU-00118.svg',
			url: '/p/SKU-00118',
			score: 37,
			reason: { kind: 'popular_in', category: 'Kitchen' },
			source: 'popular_in_category'
		}
	],
	model: { id: 3, trainedAt: '2026-11-20T03:00:00.000Z' }
};
