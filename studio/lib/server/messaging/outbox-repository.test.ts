import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { DAY, insertCustomer, insertWorkspace, NOW } from '../segment/segment-fixture';
import { messageRow, queueEmail, queueWebhook } from './outbox-fixture';
import {
	claimDueMessages,
	countMessagesSince,
	listMessages,
	markFailed,
	markSent
} from './outbox-repository';

describe.each(testDatabases())('the outbox repository on $dialect', ({ dialect, open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
	});
	afterAll(async () => {
		await close?.();
	});

	it.skipIf(skip)('lists a workspace’s messages newest first and nobody else’s', async () => {
		const ws = await insertWorkspace(db, `list-${dialect}`);
		const other = await insertWorkspace(db, `list-other-${dialect}`);
		const ada = await insertCustomer(db, ws, { name: 'ada' });
		const eve = await insertCustomer(db, other, { name: 'eve' });
		const mine = [];
		for (let i = 0; i < 3; i++)
			mine.push(
				await queueEmail(db, ws, ada, { to: 'ada@example.com', subject: `Mine ${i}` }, NOW)
			);
		const hook = await queueWebhook(db, ws, ada, { url: 'https://example.com/h', body: '{}' }, NOW);
		const theirs = await queueEmail(
			db,
			other,
			eve,
			{ to: 'eve@example.com', subject: 'Theirs' },
			NOW
		);
		await queueWebhook(db, other, eve, { url: 'https://example.com/h', body: '{}' }, NOW);

		const all = await listMessages(db, ws, { limit: 50 });
		expect(all.map((m) => m.id)).toEqual([hook.id, ...mine.map((m) => m.id).reverse()]);
		expect(all[1]).toMatchObject({
			channel: 'email',
			status: 'pending',
			recipient: 'ada@example.com',
			subject: 'Mine 2',
			attempts: 0,
			error: null,
			createdAt: NOW,
			sentAt: null,
			journeyId: null,
			nodeId: 'email-1',
			customerId: ada
		});
		expect(all.some((m) => m.id === theirs.id || m.customerId === eve)).toBe(false);

		const emails = await listMessages(db, ws, { channel: 'email', limit: 2 });
		expect(emails.map((m) => m.subject)).toEqual(['Mine 2', 'Mine 1']);
		const nextPage = await listMessages(db, ws, {
			channel: 'email',
			before: emails[1]!.id,
			limit: 2
		});
		expect(nextPage.map((m) => m.subject)).toEqual(['Mine 0']);
		expect(await listMessages(db, ws, { status: 'failed', limit: 10 })).toEqual([]);
		expect((await listMessages(db, other, { limit: 10 })).map((m) => m.customerId)).toEqual([
			eve,
			eve
		]);
	});

	it.skipIf(skip)(
		'claims due messages once and only records outcomes of rows in flight',
		async () => {
			const ws = await insertWorkspace(db, `claim-${dialect}`);
			const later = NOW + 10 * DAY;
			// Leftovers of the previous test are due too; claim them out of the way first.
			await claimDueMessages(db, later, 1000, 60_000);
			const a = await queueEmail(db, ws, null, { to: 'a@example.com', subject: 'A' }, later);
			const b = await queueEmail(db, ws, null, { to: 'b@example.com', subject: 'B' }, later);
			const claimed = await claimDueMessages(db, later, 1, 60_000);
			expect(claimed.map((m) => m.id)).toEqual([a.id]);
			expect(claimed[0]).toMatchObject({
				workspaceId: ws,
				channel: 'email',
				idempotencyKey: a.key,
				attempts: 0,
				recipient: 'a@example.com',
				payload: { to: 'a@example.com', subject: 'A' }
			});
			expect(await messageRow(db, a.id)).toMatchObject({
				status: 'sending',
				claimed_until: later + 60_000
			});
			expect((await claimDueMessages(db, later, 5, 60_000)).map((m) => m.id)).toEqual([b.id]);
			expect(await claimDueMessages(db, later, 5, 60_000)).toEqual([]);

			await markFailed(db, a.id, { attempts: 1, error: 'nope', now: later });
			// A finished row is never rewritten by a late outcome.
			await markSent(db, a.id, { providerId: 'late', now: later });
			expect(await messageRow(db, a.id)).toMatchObject({ status: 'failed', provider_id: null });
		}
	);

	it.skipIf(skip)('counts messages toward the frequency cap', async () => {
		const ws = await insertWorkspace(db, `cap-${dialect}`);
		const ada = await insertCustomer(db, ws, { name: 'ada' });
		const bob = await insertCustomer(db, ws, { name: 'bob' });
		await queueEmail(db, ws, ada, { to: 'ada@example.com', subject: 'old' }, NOW - 2 * DAY);
		await queueEmail(db, ws, ada, { to: 'ada@example.com', subject: 'new' }, NOW - 1000);
		await queueWebhook(db, ws, ada, { url: 'https://example.com/h', body: '{}' }, NOW);
		const failed = await queueEmail(db, ws, ada, { to: 'ada@example.com', subject: 'x' }, NOW);
		await db.updateTable('message').set({ status: 'failed' }).where('id', '=', failed.id).execute();
		await queueEmail(db, ws, bob, { to: 'bob@example.com', subject: 'bob' }, NOW);

		expect(await countMessagesSince(db, ws, ada, NOW - DAY, ['email'])).toBe(1);
		expect(await countMessagesSince(db, ws, ada, NOW - DAY, ['email', 'webhook'])).toBe(2);
		expect(await countMessagesSince(db, ws, ada, NOW - 7 * DAY, ['email', 'webhook'])).toBe(3);
		expect(await countMessagesSince(db, ws, ada, NOW - DAY, [])).toBe(0);
		expect(await countMessagesSince(db, ws, bob, NOW - DAY, ['email'])).toBe(1);
	});
});
