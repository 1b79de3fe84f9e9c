// Back-pressure: past its in-flight limit the tracking API answers 429 with Retry-After (never a
// 5xx), and clients that retry as told lose nothing and store nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrackingServer, type TrackingServer } from './tracking-server';

let server: TrackingServer;

beforeAll(async () => {
	server = await startTrackingServer({ port: 4525, env: { INGEST_MAX_IN_FLIGHT: '1' } });
});
afterAll(async () => server?.dispose());

function batch(request: number) {
	return JSON.stringify({
		writeKey: server.writeKey,
		batch: Array.from({ length: 100 }, (_, i) => ({
			type: 'track',
			event: 'Product Viewed',
			messageId: `bp-${request}-${i}`,
			anonymousId: `bp-anon-${(request * 100 + i) % 37}`,
			properties: { sku: `SKU-${i}` }
		}))
	});
}

describe('back-pressure', () => {
	it('turns a burst away with 429 and Retry-After, and retries land exactly once', async () => {
		const send = (request: number) =>
			fetch(`${server.url}/v1/batch`, {
				method: 'POST',
				body: batch(request),
				headers: { 'content-type': 'application/json' }
			});
		const requests = Array.from({ length: 40 }, (_, i) => i);
		const first = await Promise.all(requests.map(send));
		const statuses = first.map((r) => r.status);
		expect(new Set(statuses).size).toBeLessThanOrEqual(2);
		expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
		const refused = first.filter((r) => r.status === 429);
		expect(refused.length).toBeGreaterThan(0);
		expect(refused[0]!.headers.get('retry-after')).toBe('1');
		expect(((await refused[0]!.json()) as { error: { code: string } }).error.code).toBe(
			'overloaded'
		);

		// Retry the refused ones, one at a time as a polite client would.
		let pending = requests.filter((i) => first[i]!.status === 429);
		for (let round = 0; pending.length && round < 20; round++) {
			const next: number[] = [];
			for (const i of pending) if ((await send(i)).status !== 200) next.push(i);
			pending = next;
		}
		expect(pending).toEqual([]);

		const db = server.openDb();
		try {
			const row = db
				.prepare(
					`select count(*) as n, count(distinct message_id) as d from event where message_id like 'bp-%'`
				)
				.get() as { n: number; d: number };
			expect(row).toEqual({ n: 4000, d: 4000 });
		} finally {
			db.close();
		}
	});
});
