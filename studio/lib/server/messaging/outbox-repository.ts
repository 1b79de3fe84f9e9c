import type { Db } from '../db/connect';
import { dialectOf } from '../db/connect';
import { readJson } from '../db/json';
import type { MessageChannel, MessageStatus } from '../db/schema';
import { inTransaction } from '../db/transaction';

export interface NewMessage {
	workspaceId: number;
	journeyId: number | null;
	enrollmentId: number | null;
	customerId: number | null;
	nodeId: string | null;
	channel: MessageChannel;
	idempotencyKey: string;
	/** 'sent' for on-site offers, which need no delivery. */
	status: 'pending' | 'sent';
	recipient: string | null;
	subject: string | null;
	payload: unknown;
	now: number;
}

/**
 * Idempotent on (workspace, idempotency key): a journey step that runs again after a crash finds
 * the message it already made instead of queueing a second one.
 */
export async function insertMessage(
	db: Db,
	row: NewMessage
): Promise<{ id: number; created: boolean }> {
	const inserted = await db
		.insertInto('message')
		.values({
			workspace_id: row.workspaceId,
			journey_id: row.journeyId,
			enrollment_id: row.enrollmentId,
			customer_id: row.customerId,
			node_id: row.nodeId,
			channel: row.channel,
			idempotency_key: row.idempotencyKey,
			status: row.status,
			next_attempt_at: null,
			claimed_until: null,
			recipient: row.recipient,
			subject: row.subject,
			payload: JSON.stringify(row.payload),
			error: null,
			provider_id: null,
			created_at: row.now,
			sent_at: row.status === 'sent' ? row.now : null
		})
		.onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing())
		.returning('id')
		.executeTakeFirst();
	if (inserted) return { id: inserted.id, created: true };
	const existing = await db
		.selectFrom('message')
		.select('id')
		.where('workspace_id', '=', row.workspaceId)
		.where('idempotency_key', '=', row.idempotencyKey)
		.executeTakeFirstOrThrow();
	return { id: existing.id, created: false };
}

export interface ClaimedMessage {
	id: number;
	workspaceId: number;
	channel: 'email' | 'webhook';
	idempotencyKey: string;
	/** Attempts made before this one. */
	attempts: number;
	recipient: string | null;
	payload: unknown;
}

const CLAIM_COLUMNS = [
	'id',
	'workspace_id',
	'channel',
	'idempotency_key',
	'attempts',
	'recipient',
	'payload'
] as const;

/**
 * Moves up to `limit` due email/webhook messages, oldest first, to 'sending' and hands them to
 * this instance until `now + holdMs`. Two instances never get the same row.
 */
export async function claimDueMessages(
	db: Db,
	now: number,
	limit: number,
	holdMs: number
): Promise<ClaimedMessage[]> {
	const due = (d: Db) =>
		d
			.selectFrom('message')
			.select('id')
			.where('status', '=', 'pending')
			.where('channel', 'in', ['email', 'webhook'])
			.where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
			.orderBy('id')
			.limit(limit);
	const claim = { status: 'sending' as const, claimed_until: now + holdMs };

	let rows;
	if (dialectOf(db) === 'postgres') {
		// One statement: SKIP LOCKED passes over rows another instance is claiming right now
		// instead of waiting for them and then claiming them a second time. The due rows are a
		// MATERIALIZED CTE rather than a plain `id in (subquery)`: the planner may run such a
		// subquery again for every row it updates (a nested-loop semi join), and each rerun skips
		// the rows just updated and locks new ones, so `limit` stopped limiting.
		rows = await db
			.with(
				(cte) => cte('due').materialized(),
				() => due(db).forUpdate().skipLocked()
			)
			.updateTable('message')
			.set(claim)
			.where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
			.where('status', '=', 'pending')
			.returning(CLAIM_COLUMNS)
			.execute();
	} else {
		// SQLite has a single writer, so a select and update in one transaction are atomic.
		rows = await inTransaction(db, async (trx) => {
			const ids = (await due(trx).execute()).map((r) => r.id);
			if (ids.length === 0) return [];
			return trx
				.updateTable('message')
				.set(claim)
				.where('id', 'in', ids)
				.where('status', '=', 'pending')
				.returning(CLAIM_COLUMNS)
				.execute();
		});
	}
	return rows
		.sort((a, b) => a.id - b.id)
		.map((r) => ({
			id: r.id,
			workspaceId: r.workspace_id,
			channel: r.channel as 'email' | 'webhook',
			idempotencyKey: r.idempotency_key,
			attempts: r.attempts,
			recipient: r.recipient,
			payload: readJson<unknown>(r.payload, null)
		}));
}

// The outcomes below touch only rows still in flight: a finished row is never rewritten. A row
// that went 'unconfirmed' because its send outlived the claim does get its real outcome.
const IN_FLIGHT: MessageStatus[] = ['sending', 'unconfirmed'];

export async function markSent(
	db: Db,
	id: number,
	outcome: { providerId: string | null; now: number }
): Promise<void> {
	await db
		.updateTable('message')
		.set((eb) => ({
			status: 'sent',
			attempts: eb('attempts', '+', 1),
			provider_id: outcome.providerId,
			sent_at: outcome.now,
			claimed_until: null,
			next_attempt_at: null,
			error: null
		}))
		.where('id', '=', id)
		.where('status', 'in', IN_FLIGHT)
		.execute();
}

export async function markRetry(
	db: Db,
	id: number,
	outcome: { attempts: number; nextAttemptAt: number; error: string }
): Promise<void> {
	await db
		.updateTable('message')
		.set({
			status: 'pending',
			attempts: outcome.attempts,
			next_attempt_at: outcome.nextAttemptAt,
			claimed_until: null,
			error: outcome.error
		})
		.where('id', '=', id)
		.where('status', 'in', IN_FLIGHT)
		.execute();
}

/** The table has no failure time; `now` is accepted so callers record every outcome alike. */
export async function markFailed(
	db: Db,
	id: number,
	outcome: { attempts: number; error: string; now: number }
): Promise<void> {
	await db
		.updateTable('message')
		.set({
			status: 'failed',
			attempts: outcome.attempts,
			next_attempt_at: null,
			claimed_until: null,
			error: outcome.error
		})
		.where('id', '=', id)
		.where('status', 'in', IN_FLIGHT)
		.execute();
}

/**
 * Rows still 'sending' after their claim ran out belong to an instance that died mid-send. They
 * become 'unconfirmed' and are NOT sent again: the SMTP server or webhook target may already have
 * accepted them, and the promise is "never sent twice", so in that narrow window delivery is
 * at most once. The outbox page shows them for a person to decide.
 */
export async function recoverInterrupted(db: Db, now: number): Promise<number> {
	const result = await db
		.updateTable('message')
		.set({
			status: 'unconfirmed',
			claimed_until: null,
			error: 'interrupted while sending; not resent because it may have been delivered'
		})
		.where('status', '=', 'sending')
		.where('claimed_until', '<', now)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export interface OutboxRow {
	id: number;
	channel: MessageChannel;
	status: MessageStatus;
	recipient: string | null;
	subject: string | null;
	attempts: number;
	error: string | null;
	createdAt: number;
	sentAt: number | null;
	journeyId: number | null;
	nodeId: string | null;
	customerId: number | null;
}

/** Newest first, for the studio's outbox page; `before` is the last id of the previous page. */
export async function listMessages(
	db: Db,
	workspaceId: number,
	filter: { channel?: MessageChannel; status?: MessageStatus; before?: number; limit: number }
): Promise<OutboxRow[]> {
	let query = db
		.selectFrom('message')
		.select([
			'id',
			'channel',
			'status',
			'recipient',
			'subject',
			'attempts',
			'error',
			'created_at',
			'sent_at',
			'journey_id',
			'node_id',
			'customer_id'
		])
		.where('workspace_id', '=', workspaceId);
	if (filter.channel) query = query.where('channel', '=', filter.channel);
	if (filter.status) query = query.where('status', '=', filter.status);
	if (filter.before !== undefined) query = query.where('id', '<', filter.before);
	const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
	return rows.map((r) => ({
		id: r.id,
		channel: r.channel,
		status: r.status,
		recipient: r.recipient,
		subject: r.subject,
		attempts: r.attempts,
		error: r.error,
		createdAt: r.created_at,
		sentAt: r.sent_at,
		journeyId: r.journey_id,
		nodeId: r.node_id,
		customerId: r.customer_id
	}));
}

/** For the frequency cap: messages queued, in flight or sent (failed ones reached nobody). */
export async function countMessagesSince(
	db: Db,
	workspaceId: number,
	customerId: number,
	since: number,
	channels: MessageChannel[]
): Promise<number> {
	if (channels.length === 0) return 0;
	const row = await db
		.selectFrom('message')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', customerId)
		.where('channel', 'in', channels)
		.where('status', 'in', ['pending', 'sending', 'sent', 'unconfirmed'])
		.where('created_at', '>=', since)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}
