import type { Db } from '../db/connect';
import { customerForApi } from '../shop/stats-service';
import { findCustomerIdsBy } from './customer-read-repository';

export type CustomerLookup = { userId?: string; email?: string; anonymousId?: string };

/** The customers a back office can find by its own keys, as the REST API shows them. */
export async function lookupCustomers(db: Db, workspaceId: number, by: CustomerLookup) {
	const ids = await findCustomerIdsBy(db, workspaceId, by);
	const customers = await Promise.all(ids.map((id) => customerForApi(db, workspaceId, id)));
	return customers.filter((c) => c !== null);
}
