import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { inTransaction } from '../db/transaction';

export async function findLocks(db: Db, keys: string[]) {
	return db
		.selectFrom('login_throttle')
		.select(['key', 'locked_until'])
		.where('key', 'in', keys)
		.execute();
}

/**
 * Counts one failure for `key` atomically, restarting the count when the window has passed, and
 * locks the key once `limit` failures fall in one window. Concurrent failures never lose a count.
 */
export async function addFailure(
	db: Db,
	key: string,
	now: number,
	windowMs: number,
	limit: number,
	lockMs: number
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await trx
			.updateTable('login_throttle')
			.set({ failures: 0, window_started_at: now, locked_until: null })
			.where('key', '=', key)
			.where('window_started_at', '<=', now - windowMs)
			.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
			.execute();
		await trx
			.insertInto('login_throttle')
			.values({ key, failures: 1, window_started_at: now, locked_until: null })
			.onConflict((oc) =>
				oc.column('key').doUpdateSet({ failures: sql`login_throttle.failures + 1` })
			)
			.execute();
		await trx
			.updateTable('login_throttle')
			.set({ locked_until: now + lockMs })
			.where('key', '=', key)
			.where('failures', '>=', limit)
			.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
			.execute();
	});
}

export async function clearFailures(db: Db, key: string): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
