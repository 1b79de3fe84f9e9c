// Bad input at the tracking API: every answer is a 2xx, or a 4xx with a JSON error, and the
// server keeps serving. Starts the built server.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTrackingServer, type TrackingServer } from './tracking-server';

let server: TrackingServer;

beforeAll(async () => {
	server = await startTrackingServer({ port: 4530 });
});
afterAll(async () => server?.dispose());

function nested(depth: number, leaf: unknown = 1): unknown {
	let value = leaf;
	for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { n: value };
	return value;
}

/** A small deterministic generator, so a failure replays. */
function generator(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

const WEIRD_VALUES: unknown[] = [
	null,
	true,
	0,
	-1,
	1e308,
	Number.MAX_SAFE_INTEGER,
	'',
	' ',
	'\u0000',
	'\ud800',
	'常客 👩‍👩‍👧',
	'x'.repeat(300),
	[],
	{},
	[1, 'a', null],
	{ __proto__: 1 },
	nested(40),
	nested(10)
];

function bodies(): { name: string; body: string | Buffer; headers?: Record<string, string> }[] {
	const random = generator(7);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
	const cases: { name: string; body: string | Buffer; headers?: Record<string, string> }[] = [
		{ name: 'empty', body: '' },
		{ name: 'not json', body: 'hello' },
		{ name: 'truncated json', body: '{"batch":[{"type":"track"' },
		{ name: 'json array', body: '[1,2,3]' },
		{ name: 'json string', body: '"track"' },
		{ name: 'json null', body: 'null' },
		{ name: 'invalid utf-8', body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
		{ name: 'bom', body: '\ufeff{"userId":"u","event":"x"}' },
		{ name: 'batch not array', body: '{"batch":"nope"}' },
		{ name: 'batch of junk', body: '{"batch":[1,"a",null,[],{}]}' },
		{
			name: 'huge numbers',
			body: '{"userId":1e999,"event":"x","properties":{"n":-1e999,"m":123456789012345678901234567890}}'
		},
		{ name: 'huge number id', body: '{"userId":123456789012345678901234567890,"event":"x"}' },
		{
			name: 'proto keys',
			body: '{"userId":"u","event":"x","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"properties":{"__proto__":{"polluted":1}},"context":{"constructor":{"prototype":{"polluted":1}}}}'
		},
		{
			name: 'proto batch',
			body: '{"__proto__":{"batch":[]},"batch":[{"type":"identify","userId":"p","traits":{"__proto__":{"admin":true}}}]}'
		},
		{
			name: 'deep nesting',
			body: `{"userId":"u","event":"x","properties":${'{"n":'.repeat(5000)}1${'}'.repeat(5000)}}`
		},
		{ name: 'deep raw nesting', body: '['.repeat(100_000) + ']'.repeat(100_000) },
		{
			name: 'unicode everywhere',
			body: JSON.stringify({
				userId: '用户\u0000',
				event: '下单 ✓ \ud83d',
				properties: { '\u0000键': '\ud800值' }
			})
		},
		{
			name: 'oversize',
			body: JSON.stringify({
				batch: [{ type: 'track', userId: 'u', event: 'x', properties: { s: 'x'.repeat(600_000) } }]
			})
		},
		{
			name: 'gzip bomb',
			body: gzipSync(Buffer.alloc(20_000_000, 32)),
			headers: { 'content-encoding': 'gzip' }
		},
		{ name: 'bad gzip', body: 'not gzip', headers: { 'content-encoding': 'gzip' } },
		{ name: 'unknown encoding', body: '{}', headers: { 'content-encoding': 'br' } },
		{ name: 'wrong writeKey type', body: '{"writeKey":{"a":1},"userId":"u","event":"x"}' },
		{
			name: 'timestamps',
			body: '{"userId":"u","event":"x","timestamp":"not a date","sentAt":1e300,"originalTimestamp":{}}'
		}
	];
	for (let i = 0; i < 60; i++) {
		const event: Record<string, unknown> = {};
		for (const key of [
			'type',
			'userId',
			'anonymousId',
			'event',
			'name',
			'properties',
			'traits',
			'context',
			'messageId',
			'timestamp',
			'previousId'
		])
			if (random() < 0.6)
				event[key] =
					random() < 0.3
						? pick(['track', 'identify', 'page', 'alias', 'u1', 'Order Completed'])
						: pick(WEIRD_VALUES);
		cases.push({
			name: `random ${i}`,
			body: JSON.stringify(random() < 0.5 ? { batch: [event, event] } : event)
		});
	}
	return cases;
}

it(
	'answers every bad request with a 2xx or a 4xx JSON error, and keeps serving',
	{ timeout: 60_000 },
	async () => {
		const auth = `Basic ${Buffer.from(`${server.writeKey}:`).toString('base64')}`;
		const paths = ['/v1/batch', '/v1/track', '/v1/identify', '/v1/b', '/v1/a'];
		const cases = bodies();
		for (const [i, testCase] of cases.entries()) {
			const path = paths[i % paths.length]!;
			for (const contentType of ['application/json', 'text/plain']) {
				const response = await fetch(`${server.url}${path}`, {
					method: 'POST',
					body: typeof testCase.body === 'string' ? testCase.body : new Uint8Array(testCase.body),
					headers: { authorization: auth, 'content-type': contentType, ...testCase.headers }
				});
				const label = `${testCase.name} -> ${path} (${contentType}): ${response.status}`;
				expect(response.status, label).toBeGreaterThanOrEqual(200);
				expect(response.status, label).toBeLessThan(500);
				const text = await response.text();
				const body = JSON.parse(text) as {
					error?: { code: string; message: string };
					success?: boolean;
				};
				if (response.status >= 400) {
					expect(typeof body.error?.code, label).toBe('string');
					expect(typeof body.error?.message, label).toBe('string');
				} else expect(body.success, label).toBe(true);
			}
		}
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(200);
		const after = await fetch(`${server.url}/v1/track`, {
			method: 'POST',
			body: JSON.stringify({ userId: 'still-here', event: 'Works' }),
			headers: { authorization: auth, 'content-type': 'application/json' }
		});
		expect(after.status).toBe(200);
		const db = server.openDb();
		try {
			const row = db
				.prepare(`select count(*) as n from event where user_id = 'still-here'`)
				.get() as { n: number };
			expect(row.n).toBe(1);
			const polluted = db
				.prepare(`select count(*) as n from customer where traits like '%admin%'`)
				.get() as { n: number };
			expect(polluted.n).toBe(0);
		} finally {
			db.close();
		}
		expect(server.output()).not.toMatch(/RangeError|Maximum call stack/);
	}
);
