import { describe, expect, it } from 'vitest';
import { GET, OPTIONS } from './+server';

type Event = Parameters<typeof GET>[0];
const event = (url: string) =>
	({ url: new URL(url), request: new Request(url) }) as unknown as Event;

describe('GET /api/v1/openapi.json', () => {
	it('serves the document without a key, cacheable and readable from any origin', async () => {
		const response = await GET(event('https://crm.example.com/api/v1/openapi.json'));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/json');
		expect(response.headers.get('cache-control')).toBe('public, max-age=300');
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
		const body = (await response.json()) as { openapi: string; servers: { url: string }[] };
		expect(body.openapi).toMatch(/^3\.1/);
		expect(body.servers[0]!.url).toBe('https://crm.example.com');
	});

	it('answers the CORS preflight', async () => {
		const response = await OPTIONS(event('https://crm.example.com/api/v1/openapi.json'));
		expect(response.status).toBe(204);
		expect(response.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
	});
});
