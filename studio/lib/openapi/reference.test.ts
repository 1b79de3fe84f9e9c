import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document';
import { constraintsLabel, referenceGroups, textParts, typeLabel } from './reference';

const origin = 'http://127.0.0.1:3000';
const groups = referenceGroups(openApiDocument(origin), origin);
const endpoint = (method: string, path: string) =>
	groups.flatMap((g) => g.endpoints).find((e) => e.method === method && e.path === path)!;

describe('referenceGroups', () => {
	it('lists every operation once, under its tag, tags in order', () => {
		expect(groups.map((g) => g.name)).toEqual([
			'Workspace',
			'Customers',
			'Products',
			'Recommendations',
			'Journeys',
			'Tracking',
			'SDK',
			'Reference'
		]);
		const ids = groups.flatMap((g) => g.endpoints.map((e) => e.id));
		expect(new Set(ids).size).toBe(ids.length);
		expect(groups.find((g) => g.name === 'Recommendations')!.endpoints.map((e) => e.path)).toEqual([
			'/api/v1/customers/{userId}/recommendations',
			'/api/v1/products/{sku}/similar',
			'/api/v1/products/{sku}/bought-together',
			'/api/v1/recommendations/session'
		]);
	});

	it('says which key each endpoint takes', () => {
		expect(endpoint('GET', '/api/v1/workspace').key).toBe('secret');
		expect(endpoint('POST', '/v1/batch').key).toBe('write');
		expect(endpoint('GET', '/sdk/v1/offers').key).toBe('write');
		expect(endpoint('GET', '/api/v1/openapi.json').key).toBe('none');
	});

	it('formats examples and lists every error code of a status', () => {
		const lookup = endpoint('GET', '/api/v1/customers');
		expect(lookup.responses.map((r) => r.status)).toEqual(['200', '400', '401', '403', '500']);
		expect(lookup.responses[0]!.examples[0]!.json).toContain('\n  "customers": [');
		expect(lookup.responses[2]!.examples.map((e) => e.name)).toEqual([
			'key_missing',
			'key_invalid',
			'key_revoked'
		]);
		expect(endpoint('POST', '/api/v1/products').requestExample).toContain('"sku": "SKU-00042"');
	});

	it('describes parameters for a table', () => {
		const n = endpoint('GET', '/api/v1/products/{sku}/similar').parameters[1]!;
		expect(n).toEqual({
			name: 'n',
			in: 'query',
			type: 'integer',
			constraints: '1–50 · default 10',
			required: false,
			description: 'How many products to return.'
		});
		expect(typeLabel({ type: ['string', 'null'] })).toBe('string | null');
		expect(typeLabel({ type: 'array', items: { $ref: '#/components/schemas/Product' } })).toBe(
			'Product[]'
		);
		expect(constraintsLabel({ type: 'string', enum: ['home', 'cart'], default: 'home' })).toBe(
			'home | cart · default home'
		);
	});

	it('writes a curl command per endpoint with the key from the environment', () => {
		expect(endpoint('GET', '/api/v1/customers/{userId}/recommendations').curl).toBe(
			'curl "http://127.0.0.1:3000/api/v1/customers/cust-0001/recommendations?n=5&placement=home" \\\n' +
				'  -H "Authorization: Bearer $REGULARS_SECRET_KEY"'
		);
		expect(endpoint('DELETE', '/api/v1/customers/{id}').curl).toMatch(
			/^curl -X DELETE "http:\/\/127\.0\.0\.1:3000\/api\/v1\/customers\/1"/
		);
		const session = endpoint('POST', '/api/v1/recommendations/session').curl;
		expect(session).toContain('-H "Content-Type: application/json"');
		expect(session).toContain(`-d '{"items":["SKU-00007","SKU-00042"],"n":10,"placement":"home"}'`);
		expect(endpoint('POST', '/v1/track').curl).toContain('-u "$REGULARS_WRITE_KEY:"');
		expect(endpoint('GET', '/api/v1/openapi.json').curl).toBe(
			'curl "http://127.0.0.1:3000/api/v1/openapi.json"'
		);
		expect(endpoint('GET', '/api/v1/customers').curl).toContain(
			'/api/v1/customers?email=mei.chen1%40example.com"'
		);
	});
});

describe('textParts', () => {
	it('splits backtick spans out as code', () => {
		expect(textParts('Pass `next` as `after`.')).toEqual([
			{ text: 'Pass ', code: false },
			{ text: 'next', code: true },
			{ text: ' as ', code: false },
			{ text: 'after', code: true },
			{ text: '.', code: false }
		]);
		expect(textParts('plain')).toEqual([{ text: 'plain', code: false }]);
	});
});
