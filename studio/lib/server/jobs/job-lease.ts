import { hostname } from 'node:os';
import type { Db } from '../db/connect';
import { generateToken } from '../auth/tokens';

/** This process, as named in leases. */
export const PROCESS_ID = `${hostname()}:${process.pid}:${generateToken(4)}`;

/**
 * Claims the named job for `ttlMs` unless another live process holds it. With several instances
 * behind a load balancer, each periodic job then runs on one of them at a time.
 */
export async function claimLease(
	db: Db,
	name: string,
	ttlMs: number,
	now = Date.now(),
	holder = PROCESS_ID
): Promise<boolean> {
	await db
		.insertInto('job_lease')
		.values({ name, holder: '', until: 0 })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
	const result = await db
		.updateTable('job_lease')
		.set({ holder, until: now + ttlMs })
		.where('name', '=', name)
		.where((eb) => eb.or([eb('until', '<=', now), eb('holder', '=', holder)]))
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Db, name: string, holder = PROCESS_ID): Promise<void> {
	await db
		.updateTable('job_lease')
		.set({ until: 0 })
		.where('name', '=', name)
		.where('holder', '=', holder)
		.execute();
}
