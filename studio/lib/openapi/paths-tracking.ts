import { failure, JSON_TYPE, ok, schemaRef } from './helpers';
import type { Operation, PathItem, Response, SecurityRequirement } from './types';

const WRITE_KEY: readonly SecurityRequirement[] = [{ writeKey: [] }, { writeKeyQuery: [] }];

const TRACKING_KEY_FAILURE = failure('No write key, or one that is not valid.', {
	key_missing:
		'A write key is required: send it as the HTTP Basic user name, as "writeKey" in the body, or as ?writeKey=.',
	key_invalid: 'The write key is not valid.',
	key_revoked: 'The write key has been revoked.'
});

const TRACKING_FAILURES: Record<string, Response> = {
	'400': failure(
		'The whole request is refused: malformed, too large, or (outside a batch) an invalid event.',
		{
			invalid_json: 'The request body is not valid JSON.',
			invalid_batch: '"batch" must be an array of events.',
			request_too_large:
				'The request body is larger than the limit of 500 KB (512000 bytes); send smaller batches.',
			missing_identity: 'Each event needs a userId or an anonymousId.'
		}
	),
	'401': TRACKING_KEY_FAILURE,
	'415': failure('A Content-Encoding other than gzip or deflate.', {
		unsupported_encoding:
			'Content-Encoding "br" is not supported: send gzip, deflate or no encoding.'
	}),
	'429': failure('The server is busy: retry after the Retry-After header’s seconds.', {
		overloaded: 'The server is busy ingesting other requests; retry after 1 second.'
	})
};

const ACCEPTED = ok(
	'Stored (duplicates are counted, not stored twice).',
	schemaRef('TrackingResult'),
	{
		success: true,
		accepted: 1,
		duplicates: 0,
		rejected: []
	}
);

const EVENT = { anonymousId: 'a1b2c3', messageId: 'm-7f1c', timestamp: '2026-11-18T20:30:00Z' };

/** A body for each single-event call, shown as its request example. */
const SINGLE_EVENTS = {
	track: {
		summary: 'Record an action',
		example: {
			...EVENT,
			userId: 'cust-0001',
			event: 'Product Viewed',
			properties: { product_id: 'SKU-00042', price: 14.99 }
		}
	},
	identify: {
		summary: 'Say who a visitor is',
		example: {
			...EVENT,
			userId: 'cust-0001',
			traits: { email: 'mei.chen1@example.com', name: 'Mei Chen' }
		}
	},
	page: { summary: 'Record a page view', example: { ...EVENT, name: 'Home' } },
	screen: { summary: 'Record an app screen view', example: { ...EVENT, name: 'Cart' } },
	group: {
		summary: 'Put a customer in a group',
		example: { ...EVENT, userId: 'cust-0001', groupId: 'b2b-42', traits: { name: 'Acme' } }
	},
	alias: {
		summary: 'Link a previous id to a userId',
		example: { userId: 'cust-0001', previousId: 'a1b2c3', messageId: 'm-8a2d' }
	}
} as const;

function trackingOperation(name: string, summary: string, body: Operation['requestBody']) {
	return {
		post: {
			operationId: `tracking${name[0]!.toUpperCase()}${name.slice(1)}`,
			tags: ['Tracking'],
			summary,
			security: WRITE_KEY,
			requestBody: body,
			responses: { '200': ACCEPTED, ...TRACKING_FAILURES }
		}
	} satisfies PathItem;
}

const trackingPaths: Record<string, PathItem> = {
	'/v1/batch': trackingOperation('batch', 'Send many events in one request', {
		required: true,
		description:
			'Up to 500 KB, 32 KB per event. Valid events are stored and invalid ones listed in `rejected` by index.',
		content: {
			[JSON_TYPE]: {
				schema: schemaRef('TrackingBatch'),
				example: {
					batch: [
						{ type: 'identify', ...SINGLE_EVENTS.identify.example },
						{ type: 'track', ...SINGLE_EVENTS.track.example, messageId: 'm-7f1d' }
					],
					sentAt: '2026-11-18T20:30:02Z'
				}
			}
		}
	})
};
for (const [name, { summary, example }] of Object.entries(SINGLE_EVENTS))
	trackingPaths[`/v1/${name}`] = trackingOperation(name, summary, {
		required: true,
		content: { [JSON_TYPE]: { schema: schemaRef('TrackingEvent'), example } }
	});

const SDK_KEY_FAILURES: Record<string, Response> = {
	'401': failure('No write key, or one that is not valid.', {
		key_missing: 'A write key is required: pass it as ?writeKey= or as the Basic user name.',
		key_invalid: 'The write key is not valid.',
		key_revoked: 'The write key has been revoked.'
	}),
	'403': failure('A secret key: those never belong in a browser.', {
		key_kind_not_allowed: 'Use a write key here: secret keys never belong in a browser.'
	})
};

const sdkPaths: Record<string, PathItem> = {
	'/sdk/v1/config': {
		get: {
			operationId: 'sdkConfig',
			tags: ['SDK'],
			summary: 'The storefront script’s settings',
			description:
				'The workspace currency, the experiments to assign visitors in the browser (running ones, and rolled-out winners as their single variant) and the placements offers can fill. Experiments targeted at a segment are listed only for a visitor named by userId or anonymousId who is in it. Cached for a minute (privately when a visitor is named).',
			security: WRITE_KEY,
			parameters: [
				{
					name: 'anonymousId',
					in: 'query',
					description: 'The browser’s anonymous id (sent by the SDK with consent).',
					schema: { type: 'string', maxLength: 200 }
				},
				{
					name: 'userId',
					in: 'query',
					description: 'The signed-in customer’s id.',
					schema: { type: 'string', maxLength: 200 },
					example: 'cust-0001'
				}
			],
			responses: {
				'200': ok('The configuration.', schemaRef('SdkConfig'), {
					workspace: { currency: 'USD' },
					experiments: [
						{
							key: 'free-shipping-banner',
							variants: [
								{ key: 'control', weight: 0.5 },
								{ key: 'banner', weight: 0.5 }
							]
						}
					],
					placements: ['home', 'product', 'cart']
				}),
				...SDK_KEY_FAILURES
			}
		}
	},
	'/sdk/v1/offers': {
		get: {
			operationId: 'sdkOffers',
			tags: ['SDK'],
			summary: 'Offers for the current visitor',
			description:
				'What to show in a placement on the shop’s page, for the visitor named by userId or anonymousId (or anyone, without either). Private to the visitor’s browser, cached for a minute.',
			security: WRITE_KEY,
			parameters: [
				{
					name: 'placement',
					in: 'query',
					description: 'The slot on the page.',
					schema: { type: 'string', enum: ['home', 'product', 'cart'], default: 'home' },
					example: 'home'
				},
				{
					name: 'limit',
					in: 'query',
					description: 'How many offers.',
					schema: { type: 'integer', minimum: 1, maximum: 12, default: 4 },
					example: 4
				},
				{
					name: 'anonymousId',
					in: 'query',
					description: 'The browser’s anonymous id.',
					schema: { type: 'string', maxLength: 200 }
				},
				{
					name: 'userId',
					in: 'query',
					description: 'The signed-in customer’s id.',
					schema: { type: 'string', maxLength: 200 },
					example: 'cust-0001'
				}
			],
			responses: {
				'200': ok('The offers.', schemaRef('Offers'), {
					offers: [
						{
							id: 'best:SKU-00042:home',
							kind: 'product',
							product: {
								sku: 'SKU-00042',
								name: 'Kenyan Pour-over Coffee',
								priceMinor: 1499,
								currency: 'USD',
								imageUrl: 'https://crm.example.com/demo/products/SKU-00042.svg',
								url: '/p/SKU-00042'
							},
							reason: 'best_seller'
						}
					]
				}),
				'400': failure('An unknown placement or a limit out of range.', {
					placement_invalid: 'Unknown placement; use one of home, product, cart.',
					limit_invalid: 'limit must be 1 to 12.'
				}),
				...SDK_KEY_FAILURES
			}
		}
	}
};

export const TRACKING_PATHS: Record<string, PathItem> = { ...trackingPaths, ...sdkPaths };
