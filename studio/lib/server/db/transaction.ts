import type { Db } from './connect';

/**
 * Runs `work` in a transaction, joining the caller's when there is one. Services call each other
 * (signing up accepts an invitation), and kysely refuses to nest transactions.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}
