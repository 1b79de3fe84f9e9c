import { sql } from 'kysely';
import type { GroupNode } from '../../segment/definition';
import { dialectOf, type Db } from '../db/connect';
import { readJson } from '../db/json';
import { compileSegment } from '../segment/segment-compiler';

/** What a step needs to know about the customer it runs for. */
export interface JourneyCustomer {
	id: number;
	externalId: string | null;
	email: string | null;
	name: string | null;
	consent: 'unknown' | 'granted' | 'denied';
	traits: Record<string, unknown>;
	loyaltyPoints: number;
	/** The workspace's zone; a customer's own `timezone` trait wins (see timeZoneOf). */
	workspaceTimeZone: string;
}

export async function journeyCustomer(
	db: Db,
	workspaceId: number,
	customerId: number
): Promise<JourneyCustomer | null> {
	const row = await db
		.selectFrom('customer')
		.innerJoin('workspace', 'workspace.id', 'customer.workspace_id')
		.select([
			'customer.id',
			'customer.external_id as externalId',
			'customer.email',
			'customer.name',
			'customer.consent',
			'customer.traits',
			'customer.loyalty_points as loyaltyPoints',
			'workspace.time_zone as workspaceTimeZone'
		])
		.where('customer.workspace_id', '=', workspaceId)
		.where('customer.id', '=', customerId)
		.executeTakeFirst();
	if (!row) return null;
	const traits = readJson<unknown>(row.traits, {});
	return {
		...row,
		loyaltyPoints: Number(row.loyaltyPoints),
		traits:
			traits && typeof traits === 'object' && !Array.isArray(traits)
				? (traits as Record<string, unknown>)
				: {}
	};
}

/** Whether the customer matches a condition written in the segment language, evaluated now. */
export async function customerMatches(
	db: Db,
	workspaceId: number,
	customerId: number,
	root: GroupNode,
	now: number
): Promise<boolean> {
	const condition = compileSegment(
		{ version: 1, marketing: false, root },
		{ dialect: dialectOf(db), workspaceId, now }
	);
	const row = await db
		.selectFrom('customer')
		.select('customer.id')
		.where('customer.id', '=', customerId)
		.where(condition)
		.executeTakeFirst();
	return row !== undefined;
}

export async function isSegmentMember(
	db: Db,
	workspaceId: number,
	segmentId: number,
	customerId: number
): Promise<boolean> {
	const row = await db
		.selectFrom('segment_membership')
		.select('customer_id')
		.where('workspace_id', '=', workspaceId)
		.where('segment_id', '=', segmentId)
		.where('customer_id', '=', customerId)
		.executeTakeFirst();
	return row !== undefined;
}

/** Replaces the customer's traits (the step computed the new document from the old one). */
export async function writeTraits(
	db: Db,
	workspaceId: number,
	customerId: number,
	traits: Record<string, unknown>,
	now: number
): Promise<void> {
	await db
		.updateTable('customer')
		.set({ traits: JSON.stringify(traits), updated_at: now })
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', customerId)
		.execute();
}

/**
 * Credits points once per idempotency key: the ledger row and the balance change together, and a
 * repeated step finds its row and changes nothing.
 */
export async function creditPoints(
	db: Db,
	row: {
		workspaceId: number;
		customerId: number;
		points: number;
		reason: string;
		idempotencyKey: string;
		now: number;
	}
): Promise<boolean> {
	const inserted = await db
		.insertInto('loyalty_ledger')
		.values({
			workspace_id: row.workspaceId,
			customer_id: row.customerId,
			points: row.points,
			reason: row.reason,
			idempotency_key: row.idempotencyKey,
			created_at: row.now
		})
		.onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing())
		.executeTakeFirst();
	if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
	await db
		.updateTable('customer')
		.set({ loyalty_points: sql`loyalty_points + ${row.points}`, updated_at: row.now })
		.where('workspace_id', '=', row.workspaceId)
		.where('id', '=', row.customerId)
		.execute();
	return true;
}

export async function insertJourneyOffer(
	db: Db,
	row: {
		workspaceId: number;
		customerId: number;
		messageId: number;
		placement: string;
		content: unknown;
		expiresAt: number;
		now: number;
	}
): Promise<void> {
	await db
		.insertInto('journey_offer')
		.values({
			workspace_id: row.workspaceId,
			customer_id: row.customerId,
			message_id: row.messageId,
			placement: row.placement,
			content: JSON.stringify(row.content),
			expires_at: row.expiresAt,
			created_at: row.now
		})
		.execute();
}
