import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { testDatabases } from '../db/testing';
import { GroupCommitQueue } from '../tracking/group-commit';
import { mergeInto, resolveCustomers, type IdentityCall } from './identity-service';

const NOW = Date.UTC(2026, 10, 22, 12);
let seq = 0;

function call(partial: Partial<IdentityCall>): IdentityCall {
	return {
		userId: null,
		anonymousId: null,
		previousId: null,
		timestamp: NOW,
		traits: null,
		consent: null,
		...partial
	};
}

describe.each(testDatabases())('identity resolution on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws: number;

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
	});
	afterAll(async () => close?.());
	beforeEach(async () => {
		if (skip) return;
		ws = (
			await db
				.insertInto('workspace')
				.values({
					slug: `id-${seq++}`,
					name: 'S',
					currency: 'EUR',
					time_zone: 'UTC',
					created_at: NOW
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	});

	it.skipIf(skip)('returns one customer id per call and creates each person once', async () => {
		const result = await db
			.transaction()
			.execute((trx) =>
				resolveCustomers(
					trx,
					ws,
					[
						call({ anonymousId: 'a' }),
						call({ anonymousId: 'b', timestamp: NOW + 5 }),
						call({ userId: 'u', anonymousId: 'a', timestamp: NOW + 10, traits: { name: 'U' } }),
						call({ anonymousId: 'a', timestamp: NOW + 20 })
					],
					NOW
				)
			);
		const [a, b, u, a2] = result.customerIds;
		expect(a).toBe(u);
		expect(a2).toBe(u);
		expect(b).not.toBe(u);
		const rows = await db
			.selectFrom('customer')
			.selectAll()
			.where('workspace_id', '=', ws)
			.orderBy('id')
			.execute();
		expect(rows.map((r) => [r.external_id, r.name, r.first_seen_at, r.last_seen_at])).toEqual([
			['u', 'U', NOW, NOW + 20],
			[null, null, NOW + 5, NOW + 5]
		]);
	});

	it.skipIf(skip)('merges two customers: counts add up and the survivor’s traits win', async () => {
		const insert = (
			externalId: string | null,
			traits: object,
			orders: number,
			revenue: number,
			seen: number
		) =>
			db
				.insertInto('customer')
				.values({
					workspace_id: ws,
					external_id: externalId,
					email: externalId ? `${externalId}@x.y` : null,
					name: null,
					traits: JSON.stringify(traits),
					consent: externalId ? 'unknown' : 'denied',
					first_seen_at: seen,
					last_seen_at: seen,
					orders_count: orders,
					revenue_minor: revenue,
					first_order_at: orders ? seen : null,
					last_order_at: orders ? seen : null,
					created_at: NOW,
					updated_at: NOW
				})
				.returning('id')
				.executeTakeFirstOrThrow();
		const known = await insert('k', { plan: 'pro', city: 'Oslo' }, 2, 5000, NOW);
		const anon = await insert(null, { plan: 'free', referrer: 'ad' }, 1, 700, NOW - 1000);
		await db.transaction().execute((trx) => mergeInto(trx, ws, anon.id, known.id, NOW));
		const rows = await db
			.selectFrom('customer')
			.selectAll()
			.where('workspace_id', '=', ws)
			.execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			id: known.id,
			orders_count: 3,
			revenue_minor: 5700,
			first_seen_at: NOW - 1000,
			first_order_at: NOW - 1000,
			last_order_at: NOW,
			consent: 'denied',
			search_text: 'k@x.y k'
		});
		expect(readJson(rows[0]!.traits, {})).toEqual({ plan: 'pro', city: 'Oslo', referrer: 'ad' });
	});
});

describe('group commit (SQLite)', () => {
	it('rolls back only the failing request of a shared transaction', async () => {
		const { db, close } = await testDatabases()[0]!.open();
		try {
			const queue = new GroupCommitQueue(db);
			const write = (slug: string, fail = false) =>
				queue.run(async (trx) => {
					await trx
						.insertInto('workspace')
						.values({ slug, name: slug, currency: 'EUR', time_zone: 'UTC', created_at: NOW })
						.execute();
					if (fail) throw new Error('boom');
					return slug;
				}, 1);
			const results = await Promise.allSettled([
				write('one'),
				write('two'),
				write('bad', true),
				write('three')
			]);
			expect(results.map((r) => r.status)).toEqual([
				'fulfilled',
				'fulfilled',
				'rejected',
				'fulfilled'
			]);
			const slugs = await db.selectFrom('workspace').select('slug').orderBy('slug').execute();
			expect(slugs.map((s) => s.slug)).toEqual(['one', 'three', 'two']);
		} finally {
			await close();
		}
	});
});
