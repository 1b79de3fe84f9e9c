import { nullable, schemaRef } from './helpers';
import type { Schema } from './types';

const id: Schema = { type: ['string', 'number'], maxLength: 255 };

const trackingEvent: Schema = {
	type: 'object',
	description:
		'A Segment spec call. Needs a userId or an anonymousId; track needs `event`; alias needs previousId. At most 32 KB.',
	properties: {
		type: {
			type: 'string',
			enum: ['track', 'identify', 'page', 'screen', 'group', 'alias'],
			description: 'Required inside a batch; the path gives it otherwise.'
		},
		messageId: { ...id, description: 'Deduplicates retries: the same id is stored once.' },
		userId: { ...id, description: "The shop's own customer id." },
		anonymousId: { ...id, description: 'The browser or device id.' },
		previousId: { ...id, description: 'alias: the id to link to userId.' },
		event: { type: 'string', maxLength: 200, description: 'track: the event name.' },
		name: { type: 'string', description: 'page and screen: the page name.' },
		groupId: id,
		properties: { type: 'object' },
		traits: { type: 'object', description: 'identify and group.' },
		context: { type: 'object' },
		timestamp: { type: 'string', format: 'date-time' },
		sentAt: {
			type: 'string',
			format: 'date-time',
			description: "The client's clock when sending: used to correct its skew."
		}
	}
};

const trackingResult: Schema = {
	type: 'object',
	required: ['success', 'accepted', 'duplicates', 'rejected'],
	properties: {
		success: { type: 'boolean', const: true },
		accepted: { type: 'integer', description: 'Events that passed validation.' },
		duplicates: { type: 'integer', description: 'Of those, messageIds already stored.' },
		rejected: {
			type: 'array',
			description: 'Batch events left out, by index; the rest are stored.',
			items: {
				type: 'object',
				required: ['index', 'code', 'message'],
				properties: {
					index: { type: 'integer' },
					code: { type: 'string' },
					message: { type: 'string' }
				}
			}
		}
	}
};

const experiment: Schema = {
	type: 'object',
	required: ['key', 'variants'],
	description: 'Assign with the SDK: FNV-1a 32-bit "v2" hashing, GrowthBook-compatible.',
	properties: {
		key: { type: 'string' },
		seed: { type: 'string' },
		hashVersion: { type: 'integer', enum: [1, 2] },
		coverage: { type: 'number', minimum: 0, maximum: 1 },
		variants: {
			type: 'array',
			items: {
				type: 'object',
				required: ['key', 'weight'],
				properties: { key: { type: 'string' }, weight: { type: 'number' } }
			}
		}
	}
};

const offer: Schema = {
	type: 'object',
	required: ['id', 'kind', 'product', 'reason'],
	properties: {
		id: { type: 'string', description: 'Stable per product and placement, for attribution.' },
		kind: { type: 'string', enum: ['product'] },
		product: {
			type: 'object',
			required: ['sku', 'name', 'priceMinor', 'currency', 'imageUrl', 'url'],
			properties: {
				sku: { type: 'string' },
				name: { type: 'string' },
				priceMinor: { type: 'integer' },
				currency: { type: 'string' },
				imageUrl: nullable({ type: 'string' }),
				url: nullable({ type: 'string' })
			}
		},
		reason: {
			type: 'string',
			description: 'Why it is offered: best_seller, journey_offer, or the recommender’s reason.'
		},
		message: {
			type: 'object',
			description:
				'On the first product of a journey’s on-site offer: its title and text, shown above the products.',
			required: ['title', 'body'],
			properties: { title: { type: 'string' }, body: { type: 'string' } }
		}
	}
};

export const TRACKING_SCHEMAS: Record<string, Schema> = {
	TrackingEvent: trackingEvent,
	TrackingBatch: {
		type: 'object',
		required: ['batch'],
		properties: {
			batch: { type: 'array', items: schemaRef('TrackingEvent') },
			writeKey: { type: 'string', description: 'When not sent as the Basic user name.' },
			sentAt: { type: 'string', format: 'date-time' },
			context: { type: 'object' }
		}
	},
	TrackingResult: trackingResult,
	SdkConfig: {
		type: 'object',
		required: ['workspace', 'experiments', 'placements'],
		properties: {
			workspace: {
				type: 'object',
				required: ['currency'],
				properties: { currency: { type: 'string' } }
			},
			experiments: { type: 'array', items: experiment },
			placements: { type: 'array', items: { type: 'string' } }
		}
	},
	Offers: {
		type: 'object',
		required: ['offers'],
		properties: { offers: { type: 'array', items: offer } }
	}
};
