// The OpenAPI 3.1 description of every public HTTP surface. Pure data, so the server serves it
// at /api/v1/openapi.json and the studio's docs page renders the very same object: the two can
// never disagree. document.test.ts checks it against the route files so it cannot drift either.
import { failure } from './helpers';
import { JOURNEY_PATHS } from './paths-journeys';
import { JOURNEY_RUN_PATHS } from './paths-journeys-runs';
import { RECOMMENDATION_PATHS } from './paths-recommendations';
import { REST_PATHS } from './paths-rest';
import { TRACKING_PATHS } from './paths-tracking';
import { JOURNEY_SCHEMAS } from './schemas-journeys';
import { RECOMMENDATION_SCHEMAS } from './schemas-recommendations';
import { REST_SCHEMAS } from './schemas-rest';
import { TRACKING_SCHEMAS } from './schemas-tracking';
import type { OpenApiDocument, Tag } from './types';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/** The order the docs page shows them in. */
export const TAGS: readonly Tag[] = [
	{ name: 'Workspace', description: 'Check a key and see which shop it belongs to.' },
	{
		name: 'Customers',
		description:
			'Find customers by the shop’s own ids, read them, export everything held about one, or delete one for good.'
	},
	{
		name: 'Products',
		description: 'Keep the catalogue in step with the shop: upsert by SKU and export it.'
	},
	{
		name: 'Recommendations',
		description:
			'What to show next: for a known customer, next to a product, with the cart, or for an anonymous visit. Every item says why it is there.'
	},
	{
		name: 'Journeys',
		description:
			'Automated lifecycle journeys: start from a template or a definition, check it, publish numbered versions, pause, resume or archive them, and see how customers flow through each step.'
	},
	{
		name: 'Tracking',
		description:
			'The Segment HTTP tracking API, so analytics.js, analytics-node and RudderStack clients work unchanged. Short browser forms /v1/t, /i, /p, /s, /g, /a and /b work too. JSON whatever the Content-Type; gzip or deflate bodies; CORS from any origin.'
	},
	{
		name: 'SDK',
		description:
			'What the storefront script reads: its settings and the offers for the current visitor. CORS from any origin.'
	},
	{ name: 'Reference', description: 'This document.' }
];

const DESCRIPTION = `The REST API lets back-office systems ask for recommendations and keep products and customers in step with the shop.

Authenticate with a secret key from Settings → API keys: \`Authorization: Bearer rg_secret_…\` (HTTP Basic with the key as user name works too). Secret keys read and delete customer data: keep them on servers, never in a web page or app. The tracking and SDK endpoints take a write key (\`rg_write_…\`), which is safe to publish.

Every error has a status code and the body \`{ "error": { "code": "…", "message": "…" } }\`: branch on \`code\`. Money is in minor units of the workspace currency (\`priceMinor: 1499\` is 14.99 USD); times are ISO 8601 in UTC.`;

/** The document, with `origin` (this studio's, when known) as its server. */
export function openApiDocument(origin?: string): OpenApiDocument {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Regulars API',
			version: '1.0.0',
			summary: 'Recommendations, customers, products and tracking for a Regulars workspace.',
			description: DESCRIPTION
		},
		servers: [{ url: origin ?? '/', description: 'This studio' }],
		security: [{ secretKey: [] }],
		tags: TAGS,
		paths: {
			...REST_PATHS,
			...RECOMMENDATION_PATHS,
			...JOURNEY_PATHS,
			...JOURNEY_RUN_PATHS,
			...TRACKING_PATHS
		},
		components: {
			schemas: {
				...REST_SCHEMAS,
				...RECOMMENDATION_SCHEMAS,
				...JOURNEY_SCHEMAS,
				...TRACKING_SCHEMAS
			},
			responses: {
				Unauthorized: failure('No key, or a key that is not valid or has been revoked.', {
					key_missing: 'An API key is required: send it as "Authorization: Bearer <key>".',
					key_invalid: 'The API key is not valid.',
					key_revoked: 'The API key has been revoked.'
				}),
				Forbidden: failure('A write key: this endpoint needs a secret key.', {
					key_kind_not_allowed: 'This key may not call this endpoint: use a secret key.'
				}),
				InternalError: failure('Something failed on the server; it has been logged.', {
					internal: 'Something went wrong on our side; it has been logged.'
				})
			},
			securitySchemes: {
				secretKey: {
					type: 'http',
					scheme: 'bearer',
					bearerFormat: 'rg_secret_…',
					description: 'A secret key, for servers only: `Authorization: Bearer rg_secret_…`.'
				},
				writeKey: {
					type: 'http',
					scheme: 'basic',
					description:
						'A write key (`rg_write_…`) as the HTTP Basic user name with an empty password; tracking calls may also put it in the body as `writeKey`.'
				},
				writeKeyQuery: {
					type: 'apiKey',
					in: 'query',
					name: 'writeKey',
					description: 'A write key as `?writeKey=`, for clients that cannot set headers.'
				}
			}
		}
	};
}
