import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from './csrf';

function post(headers: Record<string, string>) {
	return new Request('http://127.0.0.1:3000/sign-in', { method: 'POST', headers });
}
const url = new URL('http://127.0.0.1:3000/sign-in');

describe('isCrossSiteWrite', () => {
	it('lets reads through', () => {
		expect(isCrossSiteWrite(new Request(url, { method: 'GET' }), url)).toBe(false);
	});
	it('accepts the configured origin and the host the browser addressed', () => {
		expect(isCrossSiteWrite(post({ origin: 'http://127.0.0.1:3000' }), url)).toBe(false);
		expect(
			isCrossSiteWrite(post({ origin: 'http://localhost:3000', host: 'localhost:3000' }), url)
		).toBe(false);
	});
	it('refuses other sites, a missing origin and garbage', () => {
		expect(
			isCrossSiteWrite(post({ origin: 'https://evil.example', host: '127.0.0.1:3000' }), url)
		).toBe(true);
		expect(isCrossSiteWrite(post({ host: '127.0.0.1:3000' }), url)).toBe(true);
		expect(isCrossSiteWrite(post({ origin: 'null', host: '127.0.0.1:3000' }), url)).toBe(true);
		expect(
			isCrossSiteWrite(post({ origin: 'http://localhost:3001', host: 'localhost:3000' }), url)
		).toBe(true);
	});
});
