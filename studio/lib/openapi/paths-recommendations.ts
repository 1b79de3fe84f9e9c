import { failure, JSON_TYPE, KEY_FAILURES, N_PARAMETER, ok, schemaRef } from './helpers';
import { SKU_PARAMETER } from './paths-rest';
import { PLACEMENT_SCHEMA, RECOMMENDATIONS_EXAMPLE } from './schemas-recommendations';
import type { Parameter, PathItem } from './types';

const { description: placementDescription = '', ...placementSchema } = PLACEMENT_SCHEMA;
const PLACEMENT: Parameter = {
	name: 'placement',
	in: 'query',
	description: placementDescription,
	schema: placementSchema,
	example: 'home'
};

const answer = (description: string) =>
	ok(description, schemaRef('Recommendations'), RECOMMENDATIONS_EXAMPLE);

const N_INVALID = 'n must be a whole number from 1 to 50.';
const PLACEMENT_INVALID = 'placement must be 1 to 50 lower-case letters, digits, "-" or "_".';

const BAD_N = failure('n is not a whole number from 1 to 50.', { n_invalid: N_INVALID });

const UNKNOWN_PRODUCT = failure('No product with this SKU in this workspace.', {
	not_found: 'No product with this SKU in this workspace.'
});

export const RECOMMENDATION_PATHS: Record<string, PathItem> = {
	'/api/v1/customers/{userId}/recommendations': {
		get: {
			operationId: 'recommendForCustomer',
			tags: ['Recommendations'],
			summary: 'Recommendations for a customer',
			description:
				'Personal picks from what the customer bought and viewed (their latest views, cart adds and purchases count at once) and what similar customers bought, falling back to what is popular in their categories, trending and popular, so `n` items come back whenever the catalogue has them. An id Regulars has not seen yet gets what a new visitor gets, not an error: shops ask for customers who registered a second ago.',
			parameters: [
				{
					name: 'userId',
					in: 'path',
					required: true,
					description:
						'The shop’s own customer id: the userId of identify and track calls (not the internal id).',
					schema: { type: 'string' },
					example: 'cust-0001'
				},
				N_PARAMETER,
				PLACEMENT,
				{
					name: 'category',
					in: 'query',
					description: 'Only products of this category.',
					schema: { type: 'string', minLength: 1, maxLength: 200 }
				}
			],
			responses: {
				'200': answer('The recommendations, best first.'),
				'400': failure('A parameter out of range; error.code says which.', {
					n_invalid: N_INVALID,
					placement_invalid: PLACEMENT_INVALID,
					category_invalid: 'category must be 1 to 200 characters.'
				}),
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/products/{sku}/similar': {
		get: {
			operationId: 'similarProducts',
			tags: ['Recommendations'],
			summary: 'Products similar to one product',
			description:
				'Products the same shoppers view and buy (item-to-item collaborative filtering), for a “you may also like” row on a product page. The answer’s placement is product. Before the first model is trained, best sellers stand in.',
			parameters: [SKU_PARAMETER, N_PARAMETER],
			responses: {
				'200': answer('Similar products, most similar first.'),
				'400': BAD_N,
				'404': UNKNOWN_PRODUCT,
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/products/{sku}/bought-together': {
		get: {
			operationId: 'boughtTogether',
			tags: ['Recommendations'],
			summary: 'Products frequently bought with one product',
			description:
				'Products that appear in the same orders, for a cart or checkout page (“frequently bought together”), topped up from the fallback chain so `n` come back. The answer’s placement is cart, whose merchandising rules apply.',
			parameters: [SKU_PARAMETER, N_PARAMETER],
			responses: {
				'200': answer('Products bought together, strongest first.'),
				'400': BAD_N,
				'404': UNKNOWN_PRODUCT,
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/recommendations/session': {
		post: {
			operationId: 'recommendForSession',
			tags: ['Recommendations'],
			summary: 'Recommendations for an anonymous visit',
			description:
				'For visitors nobody knows yet: picks from the products they touched during this visit alone, so a back end can personalise a page before anyone signs in. Unknown SKUs in `items` are ignored. The body may be at most 64 KB.',
			requestBody: {
				required: true,
				content: {
					[JSON_TYPE]: {
						schema: schemaRef('SessionRecommendationRequest'),
						example: { items: ['SKU-00007', 'SKU-00042'], n: 10, placement: 'home' }
					}
				}
			},
			responses: {
				'200': answer('The recommendations, best first.'),
				'400': failure('A body that is not JSON, or a field out of range.', {
					invalid_json: 'The body is not valid JSON.',
					payload_too_large: 'The body is over the 65536-byte limit.',
					invalid_body: 'Send a JSON object with "items".',
					items_invalid: '"items" must be an array of at most 100 product ids.',
					n_invalid: N_INVALID,
					placement_invalid: PLACEMENT_INVALID
				}),
				...KEY_FAILURES
			}
		}
	}
};
