import type { Db } from '../db/connect';
import type { MessageChannel, MessageStatus } from '../db/schema';
import { listMessages, type OutboxRow } from './outbox-repository';

// The studio's outbox page: what journeys sent or are sending, with the names a person recognises
// instead of bare ids.

export const OUTBOX_PAGE_SIZE = 50;
export const OUTBOX_CHANNELS: readonly MessageChannel[] = ['email', 'webhook', 'offer'];
export const OUTBOX_STATUSES: readonly MessageStatus[] = [
	'pending',
	'sending',
	'sent',
	'unconfirmed',
	'failed'
];

export interface OutboxQuery {
	channel?: MessageChannel;
	status?: MessageStatus;
	/** The last id of the previous page. */
	before?: number;
}

/** Anything unknown in the URL is dropped rather than rejected: a stale link still opens. */
export function parseOutboxQuery(params: URLSearchParams): OutboxQuery {
	const query: OutboxQuery = {};
	const channel = params.get('channel');
	if (channel && (OUTBOX_CHANNELS as readonly string[]).includes(channel))
		query.channel = channel as MessageChannel;
	const status = params.get('status');
	if (status && (OUTBOX_STATUSES as readonly string[]).includes(status))
		query.status = status as MessageStatus;
	const before = Number(params.get('before'));
	if (params.has('before') && Number.isSafeInteger(before) && before > 0) query.before = before;
	return query;
}

export interface OutboxViewRow extends OutboxRow {
	journeyName: string | null;
	/** Name, else email, else the shop's id; null when the customer is gone. */
	customerLabel: string | null;
}

export async function outboxPage(
	db: Db,
	workspaceId: number,
	query: OutboxQuery,
	pageSize = OUTBOX_PAGE_SIZE
): Promise<{ rows: OutboxViewRow[]; next?: number }> {
	// One extra row says whether an older page exists without a count over the whole table.
	const found = await listMessages(db, workspaceId, { ...query, limit: pageSize + 1 });
	const page = found.slice(0, pageSize);
	const names = await findOutboxNames(
		db,
		workspaceId,
		page.map((m) => m.journeyId),
		page.map((m) => m.customerId)
	);
	const rows = page.map((m) => ({
		...m,
		journeyName: m.journeyId === null ? null : (names.journeys.get(m.journeyId) ?? null),
		customerLabel: m.customerId === null ? null : (names.customers.get(m.customerId) ?? null)
	}));
	return { rows, next: found.length > pageSize ? page[page.length - 1]?.id : undefined };
}

/**
 * Repository-style lookup of the journeys' names and customers' labels for one page of messages.
 * Both reads are scoped by workspace, so an id from elsewhere never resolves to another shop's name.
 */
export async function findOutboxNames(
	db: Db,
	workspaceId: number,
	journeyIds: (number | null)[],
	customerIds: (number | null)[]
): Promise<{ journeys: Map<number, string>; customers: Map<number, string> }> {
	const jIds = unique(journeyIds);
	const cIds = unique(customerIds);
	const [journeys, customers] = await Promise.all([
		jIds.length
			? db
					.selectFrom('journey')
					.select(['id', 'name'])
					.where('workspace_id', '=', workspaceId)
					.where('id', 'in', jIds)
					.execute()
			: [],
		cIds.length
			? db
					.selectFrom('customer')
					.select(['id', 'name', 'email', 'external_id'])
					.where('workspace_id', '=', workspaceId)
					.where('id', 'in', cIds)
					.execute()
			: []
	]);
	return {
		journeys: new Map(journeys.map((j) => [j.id, j.name])),
		customers: new Map(
			customers.map((c) => [c.id, c.name || c.email || c.external_id || `#${c.id}`])
		)
	};
}

function unique(ids: (number | null)[]): number[] {
	return [...new Set(ids.filter((id): id is number => id !== null))];
}
