/**
 * Reads for the live views: who is at a node (waiting there now, or recently through it) and a
 * customer's runs with their step logs and messages. Every query names its workspace, even where
 * an id alone would find the row, so an id from another shop never resolves here.
 */
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import type { EnrollmentStatus, MessageChannel, MessageStatus } from '../db/schema';

export interface NodeCustomerBase {
	customerId: number;
	name: string | null;
	email: string | null;
	externalId: string | null;
	enrollmentId: number;
	status: EnrollmentStatus;
}

export interface WaitingRow extends NodeCustomerBase {
	/** When the run last arrived at the node; null when the log has no arrival there. */
	since: number | null;
	wakeAt: number | null;
	waitingFor: string | null;
}

export interface PassedRow extends NodeCustomerBase {
	stepId: number;
	outcome: string;
	at: number;
}

/** Runs waiting at a node now, newest run first; `beforeId` is the last run id of the page before. */
export async function waitingAtNode(
	db: Db,
	workspaceId: number,
	journeyId: number,
	nodeId: string,
	limit: number,
	beforeId?: number
): Promise<WaitingRow[]> {
	let q = db
		.selectFrom('enrollment')
		.innerJoin('customer', (join) =>
			join
				.onRef('customer.id', '=', 'enrollment.customer_id')
				.on('customer.workspace_id', '=', workspaceId)
		)
		.select((eb) => [
			'enrollment.id as enrollmentId',
			'enrollment.customer_id as customerId',
			'enrollment.status',
			'enrollment.wake_at as wakeAt',
			'enrollment.waiting_for as waitingFor',
			'customer.name',
			'customer.email',
			'customer.external_id as externalId',
			eb
				.selectFrom('journey_step')
				.select((s) => s.fn.max('journey_step.at').as('at'))
				.whereRef('journey_step.enrollment_id', '=', 'enrollment.id')
				.where('journey_step.workspace_id', '=', workspaceId)
				.where('journey_step.node_id', '=', nodeId)
				.where('journey_step.outcome', '=', 'entered')
				.as('since')
		])
		.where('enrollment.workspace_id', '=', workspaceId)
		.where('enrollment.journey_id', '=', journeyId)
		.where('enrollment.status', '=', 'active')
		.where('enrollment.node_id', '=', nodeId);
	if (beforeId !== undefined) q = q.where('enrollment.id', '<', beforeId);
	const rows = await q.orderBy('enrollment.id', 'desc').limit(limit).execute();
	return rows.map((r) => ({
		...r,
		since: r.since === null || r.since === undefined ? null : Number(r.since)
	}));
}

/**
 * What came out of a node, newest first: every outcome but the arrival, so a customer who passed
 * twice (a loop, or a second run) is listed twice. `beforeId` is the last step id of the page before.
 */
export async function passedNode(
	db: Db,
	workspaceId: number,
	journeyId: number,
	nodeId: string,
	limit: number,
	beforeId?: number
): Promise<PassedRow[]> {
	let q = db
		.selectFrom('journey_step')
		.innerJoin('enrollment', (join) =>
			join
				.onRef('enrollment.id', '=', 'journey_step.enrollment_id')
				.on('enrollment.workspace_id', '=', workspaceId)
		)
		.innerJoin('customer', (join) =>
			join
				.onRef('customer.id', '=', 'journey_step.customer_id')
				.on('customer.workspace_id', '=', workspaceId)
		)
		.select([
			'journey_step.id as stepId',
			'journey_step.outcome',
			'journey_step.at',
			'enrollment.id as enrollmentId',
			'enrollment.customer_id as customerId',
			'enrollment.status',
			'customer.name',
			'customer.email',
			'customer.external_id as externalId'
		])
		.where('journey_step.workspace_id', '=', workspaceId)
		.where('journey_step.journey_id', '=', journeyId)
		.where('journey_step.node_id', '=', nodeId)
		.where('journey_step.outcome', '<>', 'entered');
	if (beforeId !== undefined) q = q.where('journey_step.id', '<', beforeId);
	return q.orderBy('journey_step.id', 'desc').limit(limit).execute();
}

export interface RunRow {
	id: number;
	journeyId: number;
	journeyName: string;
	versionId: number;
	version: number;
	status: EnrollmentStatus;
	nodeId: string;
	wakeAt: number | null;
	waitingFor: string | null;
	enteredAt: number;
	endedAt: number | null;
	error: string | null;
	context: unknown;
}

/** A customer's runs, newest first. */
export async function runsOfCustomer(
	db: Db,
	workspaceId: number,
	customerId: number,
	limit: number
): Promise<RunRow[]> {
	const rows = await db
		.selectFrom('enrollment')
		.innerJoin('journey', (join) =>
			join
				.onRef('journey.id', '=', 'enrollment.journey_id')
				.on('journey.workspace_id', '=', workspaceId)
		)
		.innerJoin('journey_version', (join) =>
			join
				.onRef('journey_version.id', '=', 'enrollment.version_id')
				.on('journey_version.workspace_id', '=', workspaceId)
		)
		.select([
			'enrollment.id',
			'enrollment.journey_id as journeyId',
			'journey.name as journeyName',
			'enrollment.version_id as versionId',
			'journey_version.number as version',
			'enrollment.status',
			'enrollment.node_id as nodeId',
			'enrollment.wake_at as wakeAt',
			'enrollment.waiting_for as waitingFor',
			'enrollment.entered_at as enteredAt',
			'enrollment.ended_at as endedAt',
			'enrollment.error',
			'enrollment.context'
		])
		.where('enrollment.workspace_id', '=', workspaceId)
		.where('enrollment.customer_id', '=', customerId)
		.orderBy('enrollment.entered_at', 'desc')
		.orderBy('enrollment.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		...r,
		version: Number(r.version),
		context: readJson<unknown>(r.context, null)
	}));
}

export interface StepLogRow {
	id: number;
	enrollmentId: number;
	nodeId: string;
	outcome: string;
	detail: unknown;
	at: number;
}

/** The step logs of these runs, oldest first. */
export async function stepsOfRuns(
	db: Db,
	workspaceId: number,
	enrollmentIds: readonly number[]
): Promise<StepLogRow[]> {
	if (enrollmentIds.length === 0) return [];
	const rows = await db
		.selectFrom('journey_step')
		.select(['id', 'enrollment_id as enrollmentId', 'node_id as nodeId', 'outcome', 'detail', 'at'])
		.where('workspace_id', '=', workspaceId)
		.where('enrollment_id', 'in', [...enrollmentIds])
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ ...r, detail: readJson<unknown>(r.detail, null) }));
}

export interface RunMessageRow {
	id: number;
	enrollmentId: number;
	nodeId: string | null;
	channel: MessageChannel;
	status: MessageStatus;
	subject: string | null;
	recipient: string | null;
	error: string | null;
	attempts: number;
	createdAt: number;
	sentAt: number | null;
}

/** The messages these runs queued, oldest first (the payload stays out: it can be large). */
export async function messagesOfRuns(
	db: Db,
	workspaceId: number,
	enrollmentIds: readonly number[]
): Promise<RunMessageRow[]> {
	if (enrollmentIds.length === 0) return [];
	const rows = await db
		.selectFrom('message')
		.select([
			'id',
			'enrollment_id as enrollmentId',
			'node_id as nodeId',
			'channel',
			'status',
			'subject',
			'recipient',
			'error',
			'attempts',
			'created_at as createdAt',
			'sent_at as sentAt'
		])
		.where('workspace_id', '=', workspaceId)
		.where('enrollment_id', 'in', [...enrollmentIds])
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		...r,
		enrollmentId: Number(r.enrollmentId),
		attempts: Number(r.attempts)
	}));
}

/** Published definitions by version id, parsed from JSON but not yet validated. */
export async function versionDefinitions(
	db: Db,
	workspaceId: number,
	versionIds: readonly number[]
): Promise<Map<number, unknown>> {
	if (versionIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('journey_version')
		.select(['id', 'definition'])
		.where('workspace_id', '=', workspaceId)
		.where('id', 'in', [...new Set(versionIds)])
		.execute();
	return new Map(rows.map((r) => [r.id, readJson<unknown>(r.definition, null)]));
}

export async function segmentNames(
	db: Db,
	workspaceId: number,
	segmentIds: readonly number[]
): Promise<Map<number, string>> {
	if (segmentIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('segment')
		.select(['id', 'name'])
		.where('workspace_id', '=', workspaceId)
		.where('id', 'in', [...new Set(segmentIds)])
		.execute();
	return new Map(rows.map((r) => [r.id, r.name]));
}
