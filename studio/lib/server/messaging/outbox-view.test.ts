import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { insertCustomer, insertWorkspace, NOW } from '../segment/segment-fixture';
import { insertMessage, type NewMessage } from './outbox-repository';
import { outboxPage, parseOutboxQuery } from './outbox-view';

describe('parseOutboxQuery', () => {
	it('keeps known filters and a positive cursor, and drops the rest', () => {
		const parse = (search: string) => parseOutboxQuery(new URLSearchParams(search));
		expect(parse('channel=email&status=unconfirmed&before=42')).toEqual({
			channel: 'email',
			status: 'unconfirmed',
			before: 42
		});
		expect(parse('channel=sms&status=lost&before=-3')).toEqual({});
		expect(parse('before=1.5')).toEqual({});
		expect(parse('before=abc&channel=')).toEqual({});
		expect(parse('before=')).toEqual({});
	});
});

describe.each(testDatabases())('the outbox view on $dialect', ({ dialect, open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
	});
	afterAll(async () => {
		await close?.();
	});

	let keys = 0;
	const message = (ws: number, fields: Partial<NewMessage>) =>
		insertMessage(db, {
			workspaceId: ws,
			journeyId: null,
			enrollmentId: null,
			customerId: null,
			nodeId: 'email-1',
			channel: 'email',
			idempotencyKey: `view-${keys++}`,
			status: 'pending',
			recipient: 'someone@example.com',
			subject: 'Hello',
			payload: {},
			now: NOW,
			...fields
		});
	const journey = async (ws: number, name: string) =>
		(
			await db
				.insertInto('journey')
				.values({
					workspace_id: ws,
					name,
					status: 'live',
					draft: '{}',
					live_version_id: null,
					created_by: null,
					created_at: NOW,
					updated_at: NOW
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;

	it.skipIf(skip)('names journeys and customers, pages, and never crosses workspaces', async () => {
		const ws = await insertWorkspace(db, `view-${dialect}`);
		const other = await insertWorkspace(db, `view-other-${dialect}`);
		const welcome = await journey(ws, 'Welcome');
		const theirJourney = await journey(other, 'Their secret journey');
		const ada = await insertCustomer(db, ws, { name: 'ada' });
		const anon = await insertCustomer(db, ws, { name: '', email: null });
		const eve = await insertCustomer(db, other, { name: 'eve' });

		const first = await message(ws, { journeyId: welcome, customerId: ada, subject: 'One' });
		// Ids from another workspace must not resolve to its names, even if a row points at them.
		const stray = await message(ws, { journeyId: theirJourney, customerId: eve, subject: 'Two' });
		const anonymous = await message(ws, { customerId: anon, channel: 'offer', status: 'sent' });
		const theirs = await message(other, { journeyId: theirJourney, customerId: eve });

		const page = await outboxPage(db, ws, {}, 2);
		expect(page.rows.map((r) => r.id)).toEqual([anonymous.id, stray.id]);
		expect(page.next).toBe(stray.id);
		// Nothing to call this customer by but the studio's own id.
		expect(page.rows[0]).toMatchObject({
			channel: 'offer',
			status: 'sent',
			customerLabel: `#${anon}`
		});
		expect(page.rows[1]).toMatchObject({ journeyName: null, customerLabel: null });

		const older = await outboxPage(db, ws, { before: page.next }, 2);
		expect(older.next).toBeUndefined();
		expect(older.rows).toHaveLength(1);
		expect(older.rows[0]).toMatchObject({
			id: first.id,
			journeyId: welcome,
			journeyName: 'Welcome',
			customerId: ada,
			customerLabel: 'ada'
		});

		const all = await outboxPage(db, ws, {});
		expect(all.rows.map((r) => r.id)).not.toContain(theirs.id);
		expect(JSON.stringify(all)).not.toContain('Their secret journey');
		expect(JSON.stringify(all)).not.toContain('eve');

		expect((await outboxPage(db, ws, { channel: 'offer' })).rows.map((r) => r.id)).toEqual([
			anonymous.id
		]);
		expect((await outboxPage(db, ws, { status: 'failed' })).rows).toEqual([]);
		const mine = await outboxPage(db, other, {});
		expect(mine.rows.map((r) => [r.id, r.journeyName, r.customerLabel])).toEqual([
			[theirs.id, 'Their secret journey', 'eve']
		]);
	});
});
