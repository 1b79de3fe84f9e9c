import { failure, JSON_TYPE, KEY_FAILURES, ok, schemaRef } from './helpers';
import type { Parameter, PathItem } from './types';

const NOT_FOUND_CUSTOMER = failure('No customer with this id in this workspace.', {
	not_found: 'No customer with this id in this workspace.'
});

const CUSTOMER_ID: Parameter = {
	name: 'id',
	in: 'path',
	required: true,
	description:
		'The internal customer id (the `id` a lookup returns), not the shop’s own userId. Anything else answers 404.',
	schema: { type: 'integer', minimum: 1 },
	example: 1
};

export const SKU_PARAMETER: Parameter = {
	name: 'sku',
	in: 'path',
	required: true,
	description: 'The product’s SKU, URL-encoded.',
	schema: { type: 'string', maxLength: 100 },
	example: 'SKU-00042'
};

// Only email has an example, so the curl command looks up by one key, as a back office would.
const lookupKey = (name: string, description: string, example?: string): Parameter => ({
	name,
	in: 'query',
	description,
	schema: { type: 'string', minLength: 1, maxLength: 320 },
	...(example === undefined ? {} : { example })
});

const CUSTOMER_EXAMPLE = {
	id: 1,
	userId: 'cust-0001',
	email: 'mei.chen1@example.com',
	name: 'Mei Chen',
	traits: { city: 'Hangzhou' },
	consent: 'granted',
	firstSeenAt: '2026-02-03T09:15:00.000Z',
	lastSeenAt: '2026-11-18T20:41:07.000Z',
	ordersCount: 6,
	revenueMinor: 21394
};

const PRODUCT_EXAMPLE = {
	id: 42,
	sku: 'SKU-00042',
	name: 'Kenyan Pour-over Coffee',
	category: 'Coffee & Tea',
	priceMinor: 1499,
	imageUrl: '/demo/products/SKU-00042.svg',
	url: '/p/SKU-00042',
	inStock: true,
	updatedAt: '2026-11-01T12:00:00.000Z'
};

export const REST_PATHS: Record<string, PathItem> = {
	'/api/v1/workspace': {
		get: {
			operationId: 'getWorkspace',
			tags: ['Workspace'],
			summary: 'The workspace the key belongs to',
			description: 'The first call to make with a new key: it checks the key and names the shop.',
			responses: {
				'200': ok('The workspace.', schemaRef('Workspace'), {
					id: 1,
					slug: 'regulars-demo-shop',
					name: 'Regulars Demo Shop',
					currency: 'USD',
					timeZone: 'America/New_York'
				}),
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/customers': {
		get: {
			operationId: 'lookupCustomers',
			tags: ['Customers'],
			summary: 'Find customers by the shop’s own keys',
			description:
				'Give at least one of userId, email and anonymousId; customers must match all that are given, exactly. At most 20 come back.',
			parameters: [
				lookupKey('userId', 'The shop’s own customer id (the tracking userId).'),
				lookupKey('email', 'The email address, exactly as stored.', 'mei.chen1@example.com'),
				lookupKey('anonymousId', 'A browser or device id the customer was seen with.')
			],
			responses: {
				'200': ok('The matching customers.', schemaRef('CustomerList'), {
					customers: [CUSTOMER_EXAMPLE]
				}),
				'400': failure('No key to look up by, or a key that is empty or too long.', {
					lookup_missing: 'Give userId, email or anonymousId to look customers up.',
					lookup_invalid: 'email must be 1 to 320 characters.'
				}),
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/customers/{id}': {
		get: {
			operationId: 'getCustomer',
			tags: ['Customers'],
			summary: 'One customer',
			parameters: [CUSTOMER_ID],
			responses: {
				'200': ok('The customer.', schemaRef('Customer'), CUSTOMER_EXAMPLE),
				'404': NOT_FOUND_CUSTOMER,
				...KEY_FAILURES
			}
		},
		delete: {
			operationId: 'deleteCustomer',
			tags: ['Customers'],
			summary: 'Delete a customer for good',
			description:
				'Removes the customer with their identities, events, orders and segment memberships, for an erasure request. It cannot be undone; the audit log records that it happened, without the person’s data.',
			parameters: [CUSTOMER_ID],
			responses: {
				'200': ok('Deleted.', schemaRef('Deleted'), { deleted: true }),
				'404': NOT_FOUND_CUSTOMER,
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/customers/{id}/export': {
		get: {
			operationId: 'exportCustomer',
			tags: ['Customers'],
			summary: 'Everything held about a customer',
			description:
				'One JSON document with the profile, identities, segments, orders with their lines, and every event: the answer to an access request.',
			parameters: [CUSTOMER_ID],
			responses: {
				'200': ok('The export.', schemaRef('CustomerExport'), {
					exportedAt: '2026-11-20T10:00:00.000Z',
					customer: {
						...CUSTOMER_EXAMPLE,
						lifecycleStage: 'mature',
						valueTier: 'core',
						loyaltyPoints: 214
					},
					identities: [{ anonymousId: 'a1b2c3', since: '2026-02-03T09:15:00.000Z' }],
					segments: [{ name: 'Coffee lovers', since: '2026-05-12T00:00:00.000Z' }],
					orders: [
						{
							externalId: 'D-000123',
							source: 'web',
							status: 'completed',
							totalMinor: 2998,
							currency: 'USD',
							placedAt: '2026-11-18T20:41:07.000Z',
							lines: [
								{ sku: 'SKU-00042', name: 'Kenyan Pour-over Coffee', quantity: 2, priceMinor: 1499 }
							]
						}
					],
					events: [
						{
							messageId: 'm-7f1c',
							type: 'track',
							name: 'Product Viewed',
							properties: { sku: 'SKU-00042' },
							timestamp: '2026-11-18T20:30:00.000Z',
							receivedAt: '2026-11-18T20:30:01.000Z',
							anonymousId: 'a1b2c3',
							userId: 'cust-0001'
						}
					]
				}),
				'404': NOT_FOUND_CUSTOMER,
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/products': {
		post: {
			operationId: 'upsertProducts',
			tags: ['Products'],
			summary: 'Create or update products by SKU',
			description:
				'Send `{ "products": [...] }` (at most 1,000) or one product object, at most 2 MB. Valid products are written; invalid ones come back in `rejected` with their index, so one bad row never blocks a catalogue sync.',
			requestBody: {
				required: true,
				content: {
					[JSON_TYPE]: {
						schema: schemaRef('ProductUpsert'),
						example: {
							products: [
								{
									sku: 'SKU-00042',
									name: 'Kenyan Pour-over Coffee',
									category: 'Coffee & Tea',
									price: 14.99,
									image_url: 'https://shop.example.com/img/SKU-00042.jpg',
									url: '/p/SKU-00042',
									in_stock: true
								},
								{
									sku: 'SKU-00043',
									name: 'Tea Sampler',
									price: 9.5,
									url: 'ftp://files.example.com/tea'
								}
							]
						}
					}
				}
			},
			responses: {
				'200': ok('What was written and what was left out.', schemaRef('ProductUpsertResult'), {
					upserted: 1,
					rejected: [
						{
							index: 1,
							code: 'url_invalid',
							message: 'url must be an http(s) URL or a path starting with /.'
						}
					]
				}),
				'400': failure('The body is not JSON, not products, or too big.', {
					invalid_json: 'The body is not valid JSON.',
					invalid_body: '"products" must be an array of products.',
					too_many_products: 'Send at most 1000 products per request.',
					payload_too_large: 'The body is over the 2097152-byte limit.'
				}),
				'411': failure('A body of unknown length.', {
					length_required: 'Send a Content-Length header.'
				}),
				'413': failure('A Content-Length over 2 MB.', {
					payload_too_large: 'The body is over the 2097152-byte limit.'
				}),
				...KEY_FAILURES
			}
		},
		get: {
			operationId: 'exportProducts',
			tags: ['Products'],
			summary: 'The catalogue, a page at a time',
			description:
				'Pages follow a cursor, so they stay consistent while products are added: pass the previous page’s `next` as `after` until `next` is null.',
			parameters: [
				{
					name: 'after',
					in: 'query',
					description: 'The `next` value of the previous page; leave out for the first.',
					schema: { type: 'string', pattern: '^[0-9]+$', default: '0' }
				},
				{
					name: 'limit',
					in: 'query',
					description: 'Products per page.',
					schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
					example: 50
				}
			],
			responses: {
				'200': ok('One page.', schemaRef('ProductPage'), {
					products: [PRODUCT_EXAMPLE],
					next: '142'
				}),
				'400': failure('A cursor or limit out of range.', {
					cursor_invalid: '"after" must be the "next" value of the previous page.',
					limit_invalid: 'limit must be 1 to 500.'
				}),
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/products/{sku}': {
		get: {
			operationId: 'getProduct',
			tags: ['Products'],
			summary: 'One product',
			parameters: [SKU_PARAMETER],
			responses: {
				'200': ok('The product.', schemaRef('Product'), PRODUCT_EXAMPLE),
				'404': failure('No product with this SKU.', {
					not_found: 'No product with this SKU in this workspace.'
				}),
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/openapi.json': {
		get: {
			operationId: 'getOpenApiDocument',
			tags: ['Reference'],
			summary: 'This document',
			description:
				'The OpenAPI 3.1 description of every endpoint, for code generators and API clients. It describes, and reveals no data, so it needs no key.',
			security: [],
			responses: {
				'200': {
					description: 'The OpenAPI document.',
					content: { [JSON_TYPE]: { schema: { type: 'object', required: ['openapi'] } } }
				}
			}
		}
	}
};
