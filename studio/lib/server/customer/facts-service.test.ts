import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { claimLease } from '../jobs/job-lease';
import { refreshCustomerFacts } from './facts-service';

const DAY = 86_400_000;
const now = 1_800_000_000_000;

describe.each(testDatabases())('customer facts on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let workspaceId: number;
	let otherWorkspaceId: number;

	async function customer(
		ws: number,
		name: string,
		orders: number,
		firstDaysAgo: number | null,
		lastDaysAgo: number | null,
		revenue: number
	) {
		const row = await db
			.insertInto('customer')
			.values({
				workspace_id: ws,
				external_id: name,
				email: `${name}@Example.com`,
				name: name.toUpperCase(),
				traits: '{}',
				consent: 'granted',
				first_seen_at: now - 400 * DAY,
				last_seen_at: now,
				orders_count: orders,
				revenue_minor: revenue,
				first_order_at: firstDaysAgo === null ? null : now - firstDaysAgo * DAY,
				last_order_at: lastDaysAgo === null ? null : now - lastDaysAgo * DAY,
				created_at: now,
				updated_at: now,
				facts_stale_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	}

	const facts = (id: number) =>
		db.selectFrom('customer').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		for (const [slug, target] of [
			['facts-a', 0],
			['facts-b', 1]
		] as const) {
			const ws = await db
				.insertInto('workspace')
				.values({
					slug,
					name: slug,
					currency: 'USD',
					time_zone: 'UTC',
					created_at: now,
					lifecycle_rules: null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			if (target === 0) workspaceId = ws.id;
			else otherWorkspaceId = ws.id;
		}
	});
	afterAll(async () => close?.());

	it.skipIf(skip)('classifies stages, scores RFM quintiles and derives tiers', async () => {
		const prospect = await customer(workspaceId, 'prospect', 0, null, null, 0);
		const fresh = await customer(workspaceId, 'fresh', 1, 5, 5, 5_000);
		const loyal = await customer(workspaceId, 'loyal', 8, 140, 3, 90_000);
		const lapsing = await customer(workspaceId, 'lapsing', 3, 120, 60, 12_000);
		const gone = await customer(workspaceId, 'gone', 2, 365, 300, 3_000);
		const outsider = await customer(otherWorkspaceId, 'outsider', 1, 5, 5, 5_000);

		const result = await refreshCustomerFacts(db, workspaceId, { full: true, now });
		expect(result.customers).toBe(5);

		expect((await facts(prospect)).lifecycle_stage).toBe('prospect');
		expect((await facts(fresh)).lifecycle_stage).toBe('new');
		const loyalFacts = await facts(loyal);
		expect(loyalFacts.lifecycle_stage).toBe('mature');
		expect(loyalFacts.avg_days_between_orders).toBeCloseTo(137 / 7, 5);
		expect(loyalFacts.value_tier).toBe('core');
		expect(loyalFacts.rfm_frequency).toBe(4);
		expect(loyalFacts.search_text).toBe('loyal@example.com loyal loyal');
		expect(loyalFacts.facts_stale_at).toBeNull();
		expect((await facts(lapsing)).lifecycle_stage).toBe('declining');
		const goneFacts = await facts(gone);
		expect(goneFacts.lifecycle_stage).toBe('churned');
		expect(goneFacts.value_tier).toBe('lost');
		const prospectFacts = await facts(prospect);
		expect(prospectFacts.rfm_recency).toBeNull();
		expect(prospectFacts.value_tier).toBeNull();

		// Another workspace is untouched.
		const other = await facts(outsider);
		expect(other.lifecycle_stage).toBe('prospect');
		expect(other.facts_stale_at).toBe(now);
	});

	it.skipIf(skip)(
		'derives rhythm and search text for everyone on a full run, stale or not',
		async () => {
			const quiet = await customer(workspaceId, 'Quiet', 3, 40, 0, 100);
			await db
				.updateTable('customer')
				.set({ facts_stale_at: null })
				.where('id', '=', quiet)
				.execute();
			await refreshCustomerFacts(db, workspaceId, { full: true, now });
			const row = await facts(quiet);
			expect(row.avg_days_between_orders).toBe(20);
			expect(row.search_text).toBe('quiet@example.com quiet quiet');
		}
	);

	it.skipIf(skip)(
		'refreshes only stale customers incrementally and honours workspace rules',
		async () => {
			const late = await customer(workspaceId, 'late', 1, 50, 50, 4_000);
			await db
				.updateTable('workspace')
				.set({ lifecycle_rules: JSON.stringify({ defaultGapDays: 20, minDecliningDays: 10 }) })
				.where('id', '=', workspaceId)
				.execute();
			const result = await refreshCustomerFacts(db, workspaceId, { full: false, now });
			expect(result.customers).toBe(1);
			// Too few repeat buyers for a shop rhythm: the configured default gap (20 days) applies, so
			// 50 quiet days are 2.5 gaps: declining (with the default 90-day gap it would be new).
			expect((await facts(late)).lifecycle_stage).toBe('declining');
			expect((await facts(late)).facts_stale_at).toBeNull();
			await db
				.updateTable('workspace')
				.set({ lifecycle_rules: null })
				.where('id', '=', workspaceId)
				.execute();
		}
	);

	it.skipIf(skip)('gives a job lease to one holder at a time until it expires', async () => {
		expect(await claimLease(db, 'test-job', 1000, now, 'a')).toBe(true);
		expect(await claimLease(db, 'test-job', 1000, now + 10, 'b')).toBe(false);
		expect(await claimLease(db, 'test-job', 1000, now + 20, 'a')).toBe(true);
		expect(await claimLease(db, 'test-job', 1000, now + 1021, 'b')).toBe(true);
		const claims = await Promise.all(
			['c', 'd', 'e'].map((holder) => claimLease(db, 'race-job', 1000, now, holder))
		);
		expect(claims.filter(Boolean)).toHaveLength(1);
	});
});
