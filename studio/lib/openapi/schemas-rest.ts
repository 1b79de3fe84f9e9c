import { nullable, schemaRef } from './helpers';
import type { Schema } from './types';

const isoTime: Schema = { type: 'string', format: 'date-time' };
const minor: Schema = {
	type: 'integer',
	minimum: 0,
	description: 'Money in minor units of the currency (cents for USD, yen for JPY).'
};

export const ERROR_SCHEMA: Schema = {
	type: 'object',
	description: 'The one error shape of every endpoint, whatever the status code.',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: {
				code: {
					type: 'string',
					description: 'Stable and machine-readable: branch on this.',
					examples: ['not_found']
				},
				message: {
					type: 'string',
					description: 'For people: may change wording between versions.'
				}
			}
		}
	}
};

const workspace: Schema = {
	type: 'object',
	required: ['id', 'slug', 'name', 'currency', 'timeZone'],
	properties: {
		id: { type: 'integer' },
		slug: { type: 'string', description: 'The name in studio URLs: /w/{slug}.' },
		name: { type: 'string' },
		currency: { type: 'string', description: 'ISO 4217 code; every amount is in it.' },
		timeZone: { type: 'string', description: 'IANA time zone, e.g. Asia/Shanghai.' }
	}
};

const customerFields: Record<string, Schema> = {
	id: { type: 'integer', description: 'The internal id: the {id} of the customer endpoints.' },
	userId: nullable({
		type: 'string',
		description: "The shop's own customer id: the userId of identify and track calls."
	}),
	email: nullable({ type: 'string' }),
	name: nullable({ type: 'string' }),
	traits: { type: 'object', description: 'Traits from identify calls and imports, merged.' },
	consent: { type: 'string', enum: ['unknown', 'granted', 'denied'] },
	firstSeenAt: isoTime,
	lastSeenAt: isoTime,
	ordersCount: { type: 'integer', minimum: 0 },
	revenueMinor: minor
};

const customer: Schema = {
	type: 'object',
	required: Object.keys(customerFields),
	properties: customerFields
};

const exportedCustomer: Schema = {
	type: 'object',
	required: [...Object.keys(customerFields), 'lifecycleStage', 'valueTier', 'loyaltyPoints'],
	properties: {
		...customerFields,
		firstSeenAt: nullable(isoTime),
		lastSeenAt: nullable(isoTime),
		lifecycleStage: {
			type: 'string',
			enum: ['prospect', 'new', 'growing', 'mature', 'declining', 'churned']
		},
		valueTier: nullable({ type: 'string', enum: ['core', 'potential', 'regular', 'lost'] }),
		loyaltyPoints: { type: 'integer' }
	}
};

const orderLine: Schema = {
	type: 'object',
	required: ['sku', 'name', 'quantity', 'priceMinor'],
	properties: {
		sku: { type: 'string' },
		name: { type: 'string' },
		quantity: { type: 'integer' },
		priceMinor: minor
	}
};

const exportedOrder: Schema = {
	type: 'object',
	required: ['externalId', 'source', 'status', 'totalMinor', 'currency', 'placedAt', 'lines'],
	properties: {
		externalId: { type: 'string', description: "The shop's order id." },
		source: { type: 'string', enum: ['web', 'pos', 'import'] },
		status: { type: 'string', enum: ['completed', 'refunded', 'cancelled'] },
		totalMinor: minor,
		currency: { type: 'string' },
		placedAt: isoTime,
		lines: { type: 'array', items: orderLine }
	}
};

const exportedEvent: Schema = {
	type: 'object',
	required: ['messageId', 'type', 'name', 'properties', 'timestamp', 'receivedAt'],
	properties: {
		messageId: { type: 'string' },
		type: { type: 'string', enum: ['track', 'identify', 'page', 'screen', 'group', 'alias'] },
		name: nullable({ type: 'string' }),
		properties: { type: 'object' },
		timestamp: isoTime,
		receivedAt: isoTime,
		anonymousId: nullable({ type: 'string' }),
		userId: nullable({ type: 'string' })
	}
};

const customerExport: Schema = {
	type: 'object',
	required: ['exportedAt', 'customer', 'identities', 'segments', 'orders', 'events'],
	properties: {
		exportedAt: isoTime,
		customer: exportedCustomer,
		identities: {
			type: 'array',
			items: {
				type: 'object',
				properties: { anonymousId: { type: 'string' }, since: nullable(isoTime) }
			}
		},
		segments: {
			type: 'array',
			items: {
				type: 'object',
				properties: { name: { type: 'string' }, since: nullable(isoTime) }
			}
		},
		orders: { type: 'array', items: exportedOrder },
		events: { type: 'array', items: exportedEvent }
	}
};

const product: Schema = {
	type: 'object',
	required: [
		'id',
		'sku',
		'name',
		'category',
		'priceMinor',
		'imageUrl',
		'url',
		'inStock',
		'updatedAt'
	],
	properties: {
		id: { type: 'integer' },
		sku: { type: 'string' },
		name: { type: 'string' },
		category: nullable({ type: 'string' }),
		priceMinor: minor,
		imageUrl: nullable({ type: 'string' }),
		url: nullable({ type: 'string' }),
		inStock: { type: 'boolean' },
		updatedAt: isoTime
	}
};

const productInput: Schema = {
	type: 'object',
	description:
		'Field names follow the Segment e-commerce spec, so a Product Viewed payload can be sent as is. Give price (major units) or price_minor.',
	required: ['sku', 'name'],
	properties: {
		sku: {
			type: ['string', 'number'],
			maxLength: 100,
			description: 'The key of the upsert; product_id is accepted instead.'
		},
		product_id: { type: ['string', 'number'], maxLength: 100 },
		name: { type: 'string', maxLength: 300 },
		category: nullable({ type: 'string', maxLength: 200 }),
		price: {
			type: ['number', 'string'],
			minimum: 0,
			description: 'In major units of the workspace currency (12.99).'
		},
		price_minor: { type: 'integer', minimum: 0, description: 'In minor units (1299).' },
		image_url: nullable({
			type: 'string',
			maxLength: 2000,
			description: 'An http(s) URL or a path starting with /.'
		}),
		url: nullable({
			type: 'string',
			maxLength: 2000,
			description: 'The product page: an http(s) URL or a path on the storefront.'
		}),
		in_stock: { type: 'boolean', default: true }
	}
};

const productProblems = [
	'not_an_object',
	'sku_invalid',
	'name_invalid',
	'category_invalid',
	'price_invalid',
	'image_url_invalid',
	'url_invalid',
	'in_stock_invalid'
];

export const REST_SCHEMAS: Record<string, Schema> = {
	Error: ERROR_SCHEMA,
	Workspace: workspace,
	Customer: customer,
	CustomerList: {
		type: 'object',
		required: ['customers'],
		properties: {
			customers: {
				type: 'array',
				maxItems: 20,
				items: schemaRef('Customer'),
				description: 'Oldest first; empty when nobody matches.'
			}
		}
	},
	CustomerExport: customerExport,
	Deleted: {
		type: 'object',
		required: ['deleted'],
		properties: { deleted: { type: 'boolean', const: true } }
	},
	Product: product,
	ProductInput: productInput,
	ProductUpsert: {
		oneOf: [
			{
				type: 'object',
				required: ['products'],
				properties: {
					products: { type: 'array', maxItems: 1000, items: schemaRef('ProductInput') }
				}
			},
			schemaRef('ProductInput')
		]
	},
	ProductUpsertResult: {
		type: 'object',
		required: ['upserted', 'rejected'],
		properties: {
			upserted: { type: 'integer', minimum: 0, description: 'Products created or updated.' },
			rejected: {
				type: 'array',
				description: 'Products left out, by their index in the request.',
				items: {
					type: 'object',
					required: ['index', 'code', 'message'],
					properties: {
						index: { type: 'integer', minimum: 0 },
						code: { type: 'string', enum: productProblems },
						message: { type: 'string' }
					}
				}
			}
		}
	},
	ProductPage: {
		type: 'object',
		required: ['products', 'next'],
		properties: {
			products: { type: 'array', items: schemaRef('Product') },
			next: nullable({
				type: 'string',
				description: 'Pass as ?after= for the next page; null on the last page.'
			})
		}
	}
};
