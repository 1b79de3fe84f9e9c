import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { eventTime, parseTime } from './clock';
import { MAX_EVENT_BYTES, MAX_REQUEST_BYTES } from './limits';
import { fractionDigits, toMinor } from './money';
import { orderEffectOf } from './order-events';
import { isRejection, parseEvent, type ParseContext, type TrackedEvent } from './payload';
import { decodeBody, parseJsonBody, parseTrackingBody, readBody, RequestError } from './request';

const NOW = Date.UTC(2026, 10, 22, 12);
const ctx: ParseContext = { receivedAt: NOW, sentAt: null, anonymousIdHeader: null };

function accepted(value: ReturnType<typeof parseEvent>): TrackedEvent {
	if (isRejection(value)) throw new Error(`rejected: ${value.code}`);
	return value;
}

function code(value: ReturnType<typeof parseEvent>): string | null {
	return isRejection(value) ? value.code : null;
}

describe('event validation', () => {
	it('accepts string and number ids, storing them as strings', () => {
		const event = accepted(parseEvent({ userId: 42, event: 'Signed Up' }, 0, 'track', ctx));
		expect(event.userId).toBe('42');
		expect(event.anonymousId).toBeNull();
		expect(event.name).toBe('Signed Up');
	});

	it('needs a userId or an anonymousId', () => {
		expect(code(parseEvent({ event: 'x' }, 0, 'track', ctx))).toBe('missing_identity');
		expect(code(parseEvent({ event: 'x', userId: '  ' }, 0, 'track', ctx))).toBe(
			'missing_identity'
		);
		const withHeader = parseEvent({ event: 'x' }, 0, 'track', { ...ctx, anonymousIdHeader: 'h' });
		expect(accepted(withHeader).anonymousId).toBe('h');
	});

	it('refuses ids of the wrong type or length', () => {
		expect(code(parseEvent({ userId: { a: 1 }, event: 'x' }, 0, 'track', ctx))).toBe(
			'invalid_user_id'
		);
		expect(code(parseEvent({ anonymousId: ['a'], event: 'x' }, 0, 'track', ctx))).toBe(
			'invalid_anonymous_id'
		);
		expect(code(parseEvent({ userId: 'u'.repeat(256), event: 'x' }, 0, 'track', ctx))).toBe(
			'invalid_user_id'
		);
		expect(code(parseEvent({ userId: Infinity, event: 'x' }, 0, 'track', ctx))).toBe(
			'invalid_user_id'
		);
	});

	it('needs a non-empty event name of at most 200 characters on track', () => {
		expect(code(parseEvent({ userId: 'u' }, 0, 'track', ctx))).toBe('invalid_event_name');
		expect(code(parseEvent({ userId: 'u', event: ' ' }, 0, 'track', ctx))).toBe(
			'invalid_event_name'
		);
		expect(code(parseEvent({ userId: 'u', event: 5 }, 0, 'track', ctx))).toBe('invalid_event_name');
		expect(code(parseEvent({ userId: 'u', event: 'e'.repeat(201) }, 0, 'track', ctx))).toBe(
			'invalid_event_name'
		);
		expect(
			accepted(parseEvent({ userId: 'u', event: 'e'.repeat(200) }, 0, 'track', ctx)).name
		).toHaveLength(200);
	});

	it('refuses properties, traits and context that are not objects', () => {
		expect(code(parseEvent({ userId: 'u', event: 'x', properties: [1] }, 0, 'track', ctx))).toBe(
			'invalid_properties'
		);
		expect(code(parseEvent({ userId: 'u', traits: 'x' }, 0, 'identify', ctx))).toBe(
			'invalid_traits'
		);
		expect(code(parseEvent({ userId: 'u', event: 'x', context: 3 }, 0, 'track', ctx))).toBe(
			'invalid_context'
		);
		expect(
			accepted(parseEvent({ userId: 'u', event: 'x', properties: null }, 0, 'track', ctx))
				.properties
		).toEqual({});
	});

	it('takes the type from the event inside a batch and refuses unknown ones', () => {
		expect(code(parseEvent({ userId: 'u', type: 'purchase' }, 0, null, ctx))).toBe('invalid_type');
		expect(code(parseEvent({ userId: 'u' }, 0, null, ctx))).toBe('invalid_type');
		expect(code(parseEvent('track', 0, null, ctx))).toBe('invalid_event');
		expect(code(parseEvent(null, 0, null, ctx))).toBe('invalid_event');
		expect(accepted(parseEvent({ userId: 'u', type: 'page' }, 0, null, ctx)).type).toBe('page');
	});

	it('needs previousId and userId on alias', () => {
		expect(code(parseEvent({ userId: 'u' }, 0, 'alias', ctx))).toBe('invalid_previous_id');
		expect(code(parseEvent({ anonymousId: 'a', previousId: 'p' }, 0, 'alias', ctx))).toBe(
			'invalid_user_id'
		);
		const alias = accepted(parseEvent({ userId: 'u', previousId: 7 }, 0, 'alias', ctx));
		expect(alias.previousId).toBe('7');
		expect(JSON.parse(alias.json)).toEqual({ previousId: '7' });
	});

	it('drops __proto__, constructor and prototype keys without polluting anything', () => {
		const raw = JSON.parse(
			'{"userId":"u","event":"x","properties":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"nested":{"__proto__":{"polluted":true},"ok":1}}}'
		) as unknown;
		const event = accepted(parseEvent(raw, 0, 'track', ctx));
		expect(event.properties).toEqual({ nested: { ok: 1 } });
		expect(Object.getPrototypeOf(event.properties)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(JSON.parse(event.json)).toEqual({ nested: { ok: 1 } });
	});

	it('stores huge numbers as null and keeps big ones', () => {
		const raw = JSON.parse(
			'{"userId":"u","event":"x","properties":{"a":1e400,"b":-1e400,"c":12345678901234567890}}'
		) as unknown;
		const event = accepted(parseEvent(raw, 0, 'track', ctx));
		expect(JSON.parse(event.json)).toEqual({ a: null, b: null, c: 12345678901234567000 });
	});

	it('refuses nesting deeper than 32 levels', () => {
		let deep: unknown = 'bottom';
		for (let i = 0; i < 40; i++) deep = { d: deep };
		expect(code(parseEvent({ userId: 'u', event: 'x', properties: deep }, 0, 'track', ctx))).toBe(
			'too_deep'
		);
		let ok: unknown = 'bottom';
		for (let i = 0; i < 20; i++) ok = [ok];
		expect(
			code(parseEvent({ userId: 'u', event: 'x', properties: { ok } }, 0, 'track', ctx))
		).toBeNull();
	});

	it('cleans text both databases can store: no NUL, no lone surrogates', () => {
		const event = accepted(
			parseEvent(
				{
					userId: 'u\u0000v',
					event: 'caf\u00e9 \ud83d\ude00',
					properties: { k: 'a\u0000b\ud800' }
				},
				0,
				'track',
				ctx
			)
		);
		expect(event.userId).toBe('uv');
		expect(event.name).toBe('caf\u00e9 \ud83d\ude00');
		expect(event.properties.k).toBe('ab\ufffd');
	});

	it('refuses an event over 32 KB, counting bytes not characters', () => {
		const big = parseEvent(
			{ userId: 'u', event: 'x', properties: { s: 'x'.repeat(MAX_EVENT_BYTES) } },
			0,
			'track',
			ctx
		);
		expect(code(big)).toBe('event_too_large');
		// 12,000 three-byte characters are 36,000 bytes.
		const wide = parseEvent(
			{ userId: 'u', event: 'x', properties: { s: '常'.repeat(12_000) } },
			0,
			'track',
			ctx
		);
		expect(code(wide)).toBe('event_too_large');
	});

	it('derives the same messageId for the same event when none is sent', () => {
		const a = accepted(parseEvent({ userId: 'u', event: 'x', sentAt: '1' }, 0, 'track', ctx));
		const b = accepted(parseEvent({ event: 'x', userId: 'u', sentAt: '2' }, 0, 'track', ctx));
		const c = accepted(parseEvent({ userId: 'u', event: 'y' }, 0, 'track', ctx));
		expect(a.messageId).toBe(b.messageId);
		expect(a.messageId).not.toBe(c.messageId);
	});

	it('reads consent from traits or context', () => {
		const identify = accepted(
			parseEvent({ userId: 'u', traits: { consent: 'Denied' } }, 0, 'identify', ctx)
		);
		expect(identify.consent).toBe('denied');
		const track = accepted(
			parseEvent({ userId: 'u', event: 'x', context: { consent: true } }, 0, 'track', ctx)
		);
		expect(track.consent).toBe('granted');
		expect(accepted(parseEvent({ userId: 'u', event: 'x' }, 0, 'track', ctx)).consent).toBeNull();
	});
});

describe('clock skew', () => {
	it('takes the client clock offset back out using sentAt', () => {
		// The client's clock is 1 h fast: it says the event happened 5 s before it sent it.
		const sentAt = NOW + 3_600_000;
		expect(eventTime(NOW, sentAt, sentAt - 5000)).toBe(NOW - 5000);
	});

	it('uses the client time as is without sentAt, and arrival time without any time', () => {
		expect(eventTime(NOW, null, NOW - 60_000)).toBe(NOW - 60_000);
		expect(eventTime(NOW, null, null)).toBe(NOW);
	});

	it('clamps absurd times', () => {
		expect(eventTime(NOW, null, NOW + 86_400_000)).toBe(NOW);
		expect(eventTime(NOW, null, 1000)).toBe(NOW);
		expect(eventTime(NOW, 1e300, 0)).toBe(NOW);
	});

	it('parses ISO strings and epoch milliseconds, nothing else', () => {
		expect(parseTime('2026-11-22T12:00:00.000Z')).toBe(NOW);
		expect(parseTime(NOW)).toBe(NOW);
		expect(parseTime('yesterday')).toBeNull();
		expect(parseTime({})).toBeNull();
	});

	it('prefers timestamp, then originalTimestamp (RudderStack), and a batch-level sentAt', () => {
		const body = {
			sentAt: new Date(NOW + 10_000).toISOString(),
			batch: [
				{ type: 'track', userId: 'u', event: 'a', timestamp: new Date(NOW + 9_000).toISOString() },
				{
					type: 'track',
					userId: 'u',
					event: 'b',
					originalTimestamp: new Date(NOW + 8_000).toISOString()
				}
			]
		};
		const parsed = parseTrackingBody(
			body,
			'batch',
			{ receivedAt: NOW, sentAtHeader: null, anonymousIdHeader: null },
			100
		);
		expect(parsed.events.map((e) => e.timestamp)).toEqual([NOW - 1000, NOW - 2000]);
	});
});

describe('request bodies', () => {
	it('parses JSON whatever the content type and refuses anything else', () => {
		expect(parseJsonBody(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
		expect(() => parseJsonBody(Buffer.from('{"a":'))).toThrow(RequestError);
		expect(() => parseJsonBody(Buffer.from('[1]'))).toThrow(/JSON object/);
		expect(() => parseJsonBody(Buffer.alloc(0))).toThrow(/empty/);
	});

	it('gunzips bodies and stops gzip bombs at the request limit', () => {
		const body = gzipSync(Buffer.from('{"a":1}'));
		expect(decodeBody(body, 'gzip').toString()).toBe('{"a":1}');
		const bomb = gzipSync(Buffer.alloc(MAX_REQUEST_BYTES * 20, 32));
		expect(bomb.length).toBeLessThan(20_000);
		expect(() => decodeBody(bomb, 'gzip')).toThrow(/decompressed request body is larger/);
		expect(() => decodeBody(Buffer.from('not gzip'), 'gzip')).toThrow(/not valid gzip/);
		expect(() => decodeBody(body, 'br')).toThrow(/not supported/);
	});

	it('stops reading a body past 500 KB', async () => {
		const big = new Request('http://x/v1/batch', {
			method: 'POST',
			body: new ReadableStream({
				pull(controller) {
					controller.enqueue(new Uint8Array(64 * 1024));
				}
			}),
			duplex: 'half'
		} as RequestInit);
		await expect(readBody(big)).rejects.toThrow(/500 KB/);
		const declared = new Request('http://x/v1/batch', {
			method: 'POST',
			body: 'x',
			headers: { 'content-length': String(MAX_REQUEST_BYTES + 1) }
		});
		await expect(readBody(declared)).rejects.toThrow(/500 KB/);
	});

	it('keeps the valid events of a batch and lists the others by index', () => {
		const parsed = parseTrackingBody(
			{
				batch: [
					{ type: 'track', userId: 'u', event: 'ok' },
					{ type: 'track', event: 'no id' },
					'junk',
					{ type: 'identify', anonymousId: 'a', traits: { email: 'x@y.z' } }
				]
			},
			'batch',
			{ receivedAt: NOW, sentAtHeader: null, anonymousIdHeader: null },
			200
		);
		expect(parsed.events.map((e) => e.index)).toEqual([0, 3]);
		expect(parsed.rejected.map((r) => [r.index, r.code])).toEqual([
			[1, 'missing_identity'],
			[2, 'invalid_event']
		]);
		expect(() =>
			parseTrackingBody(
				{ batch: {} },
				'batch',
				{ receivedAt: NOW, sentAtHeader: null, anonymousIdHeader: null },
				10
			)
		).toThrow(/array/);
	});

	it('refuses a bad single event whole', () => {
		expect(() =>
			parseTrackingBody(
				{ event: 'x' },
				'track',
				{ receivedAt: NOW, sentAtHeader: null, anonymousIdHeader: null },
				10
			)
		).toThrow(/userId or an anonymousId/);
	});
});

describe('money and orders', () => {
	it('converts major units with the currency’s own digits', () => {
		expect(fractionDigits('EUR')).toBe(2);
		expect(fractionDigits('JPY')).toBe(0);
		expect(fractionDigits('KWD')).toBe(3);
		expect(toMinor(19.99, 'EUR')).toBe(1999);
		expect(toMinor(1.005, 'EUR')).toBe(100);
		expect(toMinor(1200, 'JPY')).toBe(1200);
		expect(toMinor(1.2345, 'KWD')).toBe(1235);
		expect(toMinor(-1, 'EUR')).toBeNull();
		expect(toMinor(1e300, 'EUR')).toBeNull();
	});

	it('reads Order Completed with products, falling back to the lines’ sum', () => {
		const effect = orderEffectOf(
			'Order Completed',
			{
				order_id: 'o-1',
				currency: 'usd',
				products: [
					{ sku: 'A', name: 'Mug', price: '9.50', quantity: 2 },
					{ product_id: 'B', price: 1 },
					'junk'
				]
			},
			NOW,
			'EUR'
		);
		expect(effect).toEqual({
			kind: 'completed',
			order: {
				externalId: 'o-1',
				source: 'web',
				totalMinor: 2000,
				currency: 'USD',
				placedAt: NOW,
				lines: [
					{ productKeys: ['A'], sku: 'A', name: 'Mug', quantity: 2, priceMinor: 950 },
					{ productKeys: ['B'], sku: 'B', name: '', quantity: 1, priceMinor: 100 }
				]
			}
		});
		expect(orderEffectOf('Order Completed', { total: 5 }, NOW, 'EUR')).toBeNull();
		expect(
			orderEffectOf('Order Completed', { order_id: 'x', currency: 'XXXX', revenue: 5 }, NOW, 'JPY')
		).toMatchObject({ order: { currency: 'JPY', totalMinor: 5 } });
		expect(orderEffectOf('Order Refunded', { order_id: 7 }, NOW, 'EUR')).toEqual({
			kind: 'refunded',
			externalId: '7'
		});
		expect(orderEffectOf('Product Viewed', { order_id: 7 }, NOW, 'EUR')).toBeNull();
	});
});
