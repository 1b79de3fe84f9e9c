import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { installCheck } from './install-service';

const now = 1_800_000_000_000;
const minute = 60_000;

describe.each(testDatabases())('install check on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let shop = 0;
	let other = 0;
	let quiet = 0;
	let n = 0;

	async function workspace(slug: string) {
		const row = await db
			.insertInto('workspace')
			.values({ slug, name: slug, currency: 'EUR', time_zone: 'UTC', created_at: now })
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	}

	async function event(workspaceId: number, receivedAt: number, timestamp = receivedAt) {
		await db
			.insertInto('event')
			.values({
				workspace_id: workspaceId,
				message_id: `m-${++n}`,
				anonymous_id: 'a',
				type: 'page',
				properties: '{}',
				timestamp,
				received_at: receivedAt
			})
			.execute();
	}

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		shop = await workspace('install-shop');
		other = await workspace('install-other');
		quiet = await workspace('install-quiet');
		await event(shop, now - 10 * minute);
		await event(shop, now - 5 * minute);
		await event(shop, now - minute);
		// Sent long ago (a replayed offline queue) but received now: it proves the script works.
		await event(shop, now - 1, now - 30 * 24 * 60 * minute);
		await event(other, now - minute);
		await event(other, now - minute);
		await event(quiet, now - 6 * minute);
	});
	afterAll(async () => close?.());

	it.skipIf(skip)('counts events received in the last five minutes of one workspace', async () => {
		expect(await installCheck(db, shop, now)).toEqual({
			windowMinutes: 5,
			eventsReceived: 3,
			checkedAt: now
		});
		expect((await installCheck(db, other, now)).eventsReceived).toBe(2);
		expect((await installCheck(db, quiet, now)).eventsReceived).toBe(0);
		expect((await installCheck(db, 999_999, now)).eventsReceived).toBe(0);
	});
});
