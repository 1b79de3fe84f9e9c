// A crash under load loses nothing that was acknowledged: the server is killed with SIGKILL while
// several clients send batches, restarted on the same data, and every event that got a 200 must
// be stored exactly once; resending the unacknowledged batches then stores them once too.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTrackingServer, type TrackingServer } from './tracking-server';

let server: TrackingServer;

beforeAll(async () => {
	server = await startTrackingServer({ port: 4540 });
});
afterAll(async () => server?.dispose());

interface Batch {
	body: string;
	ids: string[];
}

function makeBatch(worker: number, n: number): Batch {
	const ids: string[] = [];
	const batch = Array.from({ length: 50 }, (_, i) => {
		const messageId = `crash-${worker}-${n}-${i}`;
		ids.push(messageId);
		const visitor = (worker * 7 + n + i) % 40;
		return i % 10 === 0
			? {
					type: 'identify',
					messageId,
					userId: `user-${visitor}`,
					anonymousId: `anon-${visitor}`,
					traits: { plan: 'x' }
				}
			: {
					type: 'track',
					messageId,
					anonymousId: `anon-${visitor}`,
					event: 'Product Viewed',
					properties: { i }
				};
	});
	return { body: JSON.stringify({ batch }), ids };
}

it(
	'stores every acknowledged event exactly once across a SIGKILL',
	{ timeout: 60_000 },
	async () => {
		const auth = `Basic ${Buffer.from(`${server.writeKey}:`).toString('base64')}`;
		const send = (batch: Batch) =>
			fetch(`${server.url}/v1/batch`, {
				method: 'POST',
				body: batch.body,
				headers: { authorization: auth, 'content-type': 'application/json' }
			});
		const acknowledged = new Set<string>();
		const unacknowledged: Batch[] = [];
		let running = true;
		const workers = Array.from({ length: 6 }, async (_, worker) => {
			for (let n = 0; running; n++) {
				const batch = makeBatch(worker, n);
				try {
					const response = await send(batch);
					if (response.status === 200) for (const id of batch.ids) acknowledged.add(id);
					else unacknowledged.push(batch);
					await response.arrayBuffer();
				} catch {
					unacknowledged.push(batch);
					return;
				}
			}
		});
		await new Promise((r) => setTimeout(r, 2500));
		await server.stop('SIGKILL');
		running = false;
		await Promise.all(workers);
		expect(acknowledged.size).toBeGreaterThan(1000);

		await server.restart();
		const count = () => {
			const db = server.openDb();
			try {
				const ids = new Map<string, number>();
				for (const row of db.prepare(`select message_id from event`).iterate() as Iterable<{
					message_id: string;
				}>)
					ids.set(row.message_id, (ids.get(row.message_id) ?? 0) + 1);
				const orphans = db
					.prepare(
						`select count(*) as n from event e left join customer c on c.id = e.customer_id where c.id is null`
					)
					.get() as { n: number };
				return { ids, orphans: orphans.n };
			} finally {
				db.close();
			}
		};
		const afterCrash = count();
		const missing = [...acknowledged].filter((id) => afterCrash.ids.get(id) !== 1);
		expect(missing).toEqual([]);
		expect([...afterCrash.ids.values()].every((n) => n === 1)).toBe(true);
		expect(afterCrash.orphans).toBe(0);

		// Clients retry what was not acknowledged; some of it was committed before the kill.
		for (const batch of unacknowledged) expect((await send(batch)).status).toBe(200);
		const afterRetry = count();
		for (const batch of unacknowledged)
			for (const id of batch.ids) expect(afterRetry.ids.get(id)).toBe(1);
		expect(afterRetry.ids.size).toBe(
			afterCrash.ids.size +
				unacknowledged.reduce(
					(sum, b) => sum + b.ids.filter((id) => !afterCrash.ids.has(id)).length,
					0
				)
		);
	}
);
