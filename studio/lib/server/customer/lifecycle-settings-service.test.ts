import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { lifecycleRules, updateLifecycleRules } from './lifecycle-settings-service';

const DAY = 86_400_000;

describe.each(testDatabases())('lifecycle settings on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let workspaceId: number;
	let customerId: number;

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		const now = Date.now();
		workspaceId = (
			await db
				.insertInto('workspace')
				.values({
					slug: 'rules',
					name: 'Rules',
					currency: 'USD',
					time_zone: 'UTC',
					created_at: now,
					lifecycle_rules: null
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		const owner = await db
			.insertInto('app_user')
			.values({
				email: 'o@example.com',
				name: 'O',
				password_hash: 'x',
				locale: null,
				last_workspace_id: null,
				created_at: now,
				password_changed_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		void owner;
		customerId = (
			await db
				.insertInto('customer')
				.values({
					workspace_id: workspaceId,
					external_id: 'c1',
					email: null,
					name: null,
					traits: '{}',
					consent: 'granted',
					first_seen_at: now - 100 * DAY,
					last_seen_at: now,
					orders_count: 5,
					revenue_minor: 1000,
					first_order_at: now - 80 * DAY,
					last_order_at: now - DAY,
					created_at: now,
					updated_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	});
	afterAll(async () => close?.());

	it.skipIf(skip)(
		'starts from the defaults, refuses nonsense, and reclassifies on save',
		async () => {
			expect((await lifecycleRules(db, workspaceId)).matureMinOrders).toBe(4);
			const refused = await updateLifecycleRules(db, {
				workspaceId,
				actorUserId: 1,
				ip: null,
				values: { churnedGapRatio: '1.2', decliningGapRatio: '2' }
			});
			expect(refused).toEqual({
				ok: false,
				problems: [{ field: 'churnedGapRatio', code: 'out_of_range' }]
			});

			const first = await updateLifecycleRules(db, {
				workspaceId,
				actorUserId: 1,
				ip: null,
				values: {}
			});
			expect(first.ok).toBe(true);
			const stage = async () =>
				(
					await db
						.selectFrom('customer')
						.select('lifecycle_stage')
						.where('id', '=', customerId)
						.executeTakeFirstOrThrow()
				).lifecycle_stage;
			expect(await stage()).toBe('mature');

			const saved = await updateLifecycleRules(db, {
				workspaceId,
				actorUserId: 1,
				ip: '10.0.0.1',
				values: { matureMinOrders: '10' }
			});
			expect(saved).toEqual({ ok: true, changed: 1 });
			expect(await stage()).toBe('growing');
			expect((await lifecycleRules(db, workspaceId)).matureMinOrders).toBe(10);
			const audit = await db
				.selectFrom('audit_log')
				.select(['action', 'target'])
				.where('workspace_id', '=', workspaceId)
				.execute();
			expect(audit).toContainEqual({ action: 'workspace.updated', target: 'lifecycle rules' });
		}
	);
});
