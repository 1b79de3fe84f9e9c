import type { Db } from '../db/connect';
import type { ExperimentStatus, Json } from '../db/schema';

/** An experiment row as the services read it (JSON columns still raw). */
export interface ExperimentRow {
	id: number;
	key: string;
	name: string;
	description: string;
	status: ExperimentStatus;
	variants: Json;
	coverage: number;
	seed: string;
	segmentId: number | null;
	metric: Json | null;
	journeyId: number | null;
	nodeId: string | null;
	winner: string | null;
	createdAt: number;
	updatedAt: number;
	startedAt: number | null;
	stoppedAt: number | null;
}

/** With the names the list shows next to it. */
export interface ExperimentListRow extends ExperimentRow {
	segmentName: string | null;
	journeyName: string | null;
}

const COLUMNS = [
	'experiment.id',
	'experiment.key',
	'experiment.name',
	'experiment.description',
	'experiment.status',
	'experiment.variants',
	'experiment.coverage',
	'experiment.seed',
	'experiment.segment_id as segmentId',
	'experiment.metric',
	'experiment.journey_id as journeyId',
	'experiment.node_id as nodeId',
	'experiment.winner',
	'experiment.created_at as createdAt',
	'experiment.updated_at as updatedAt',
	'experiment.started_at as startedAt',
	'experiment.stopped_at as stoppedAt'
] as const;

/** PostgreSQL returns `real` as a number and int8 as a number (see connect); SQLite the same. */
function toRow<T extends ExperimentRow>(row: T): T {
	return { ...row, id: Number(row.id), coverage: Number(row.coverage) };
}

export async function insertExperiment(
	db: Db,
	row: {
		workspaceId: number;
		key: string;
		name: string;
		description?: string;
		status: ExperimentStatus;
		variants: unknown;
		coverage: number;
		segmentId?: number | null;
		metric?: unknown;
		journeyId?: number | null;
		nodeId?: string | null;
		createdBy: number | null;
		now: number;
	}
): Promise<number> {
	const inserted = await db
		.insertInto('experiment')
		.values({
			workspace_id: row.workspaceId,
			key: row.key,
			name: row.name,
			description: row.description ?? '',
			status: row.status,
			variants: JSON.stringify(row.variants),
			coverage: row.coverage,
			seed: row.key,
			segment_id: row.segmentId ?? null,
			metric: row.metric ? JSON.stringify(row.metric) : null,
			journey_id: row.journeyId ?? null,
			node_id: row.nodeId ?? null,
			created_by: row.createdBy,
			created_at: row.now,
			updated_at: row.now,
			started_at: row.status === 'running' ? row.now : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return Number(inserted.id);
}

export async function findExperimentByKey(
	db: Db,
	workspaceId: number,
	key: string
): Promise<ExperimentRow | undefined> {
	const row = await db
		.selectFrom('experiment')
		.select(COLUMNS)
		.where('experiment.workspace_id', '=', workspaceId)
		.where('experiment.key', '=', key)
		.executeTakeFirst();
	return row && toRow(row);
}

export async function findExperiment(
	db: Db,
	workspaceId: number,
	id: number
): Promise<ExperimentListRow | undefined> {
	const row = await listQuery(db, workspaceId).where('experiment.id', '=', id).executeTakeFirst();
	return row && toRow(row);
}

function listQuery(db: Db, workspaceId: number) {
	return db
		.selectFrom('experiment')
		.leftJoin('segment', (join) =>
			join
				.onRef('segment.id', '=', 'experiment.segment_id')
				.on('segment.workspace_id', '=', workspaceId)
		)
		.leftJoin('journey', (join) =>
			join
				.onRef('journey.id', '=', 'experiment.journey_id')
				.on('journey.workspace_id', '=', workspaceId)
		)
		.select(COLUMNS)
		.select(['segment.name as segmentName', 'journey.name as journeyName'])
		.where('experiment.workspace_id', '=', workspaceId);
}

/** Newest first: what people are working on now is at the top. */
export async function listExperimentRows(
	db: Db,
	workspaceId: number
): Promise<ExperimentListRow[]> {
	const rows = await listQuery(db, workspaceId)
		.orderBy('experiment.created_at', 'desc')
		.orderBy('experiment.id', 'desc')
		.execute();
	return rows.map(toRow);
}

/**
 * What the storefront reads: running site experiments and those whose winner was rolled out.
 * Journey splits never reach the SDK.
 */
export async function listSdkExperimentRows(db: Db, workspaceId: number): Promise<ExperimentRow[]> {
	const rows = await db
		.selectFrom('experiment')
		.select(COLUMNS)
		.where('experiment.workspace_id', '=', workspaceId)
		.where('experiment.journey_id', 'is', null)
		.where((eb) =>
			eb.or([
				eb('experiment.status', '=', 'running'),
				eb.and([eb('experiment.status', '=', 'stopped'), eb('experiment.winner', 'is not', null)])
			])
		)
		.orderBy('experiment.key')
		.execute();
	return rows.map(toRow);
}

/** Kept for callers that only want the running ones (site and journey). */
export async function listRunningExperiments(
	db: Db,
	workspaceId: number
): Promise<ExperimentRow[]> {
	const rows = await db
		.selectFrom('experiment')
		.select(COLUMNS)
		.where('experiment.workspace_id', '=', workspaceId)
		.where('experiment.status', '=', 'running')
		.orderBy('experiment.key')
		.execute();
	return rows.map(toRow);
}

export interface ExperimentUpdate {
	name?: string;
	description?: string;
	metric?: unknown;
	variants?: unknown;
	coverage?: number;
	segmentId?: number | null;
	status?: ExperimentStatus;
	startedAt?: number | null;
	stoppedAt?: number | null;
	winner?: string | null;
}

/**
 * Applies a change, optionally only while the row is in `whenStatus` (so two people starting or
 * stopping at once cannot both win). Returns whether a row changed.
 */
export async function updateExperimentRow(
	db: Db,
	workspaceId: number,
	id: number,
	patch: ExperimentUpdate,
	now: number,
	whenStatus?: ExperimentStatus[]
): Promise<boolean> {
	let query = db
		.updateTable('experiment')
		.set({
			...(patch.name !== undefined && { name: patch.name }),
			...(patch.description !== undefined && { description: patch.description }),
			...(patch.metric !== undefined && {
				metric: patch.metric === null ? null : JSON.stringify(patch.metric)
			}),
			...(patch.variants !== undefined && { variants: JSON.stringify(patch.variants) }),
			...(patch.coverage !== undefined && { coverage: patch.coverage }),
			...(patch.segmentId !== undefined && { segment_id: patch.segmentId }),
			...(patch.status !== undefined && { status: patch.status }),
			...(patch.startedAt !== undefined && { started_at: patch.startedAt }),
			...(patch.stoppedAt !== undefined && { stopped_at: patch.stoppedAt }),
			...(patch.winner !== undefined && { winner: patch.winner }),
			updated_at: now
		})
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id);
	if (whenStatus) query = query.where('status', 'in', whenStatus);
	const result = await query.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function deleteExperimentRow(
	db: Db,
	workspaceId: number,
	id: number,
	whenStatus: ExperimentStatus
): Promise<boolean> {
	const result = await db
		.deleteFrom('experiment')
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.where('status', '=', whenStatus)
		.where('journey_id', 'is', null)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

export async function segmentExists(
	db: Db,
	workspaceId: number,
	segmentId: number
): Promise<boolean> {
	const row = await db
		.selectFrom('segment')
		.select('id')
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', segmentId)
		.executeTakeFirst();
	return row !== undefined;
}

/** Of these segments, the ones the customer is a member of. */
export async function segmentsOfCustomer(
	db: Db,
	workspaceId: number,
	customerId: number,
	segmentIds: readonly number[]
): Promise<Set<number>> {
	if (segmentIds.length === 0) return new Set();
	const rows = await db
		.selectFrom('segment_membership')
		.select('segment_id')
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', '=', customerId)
		.where('segment_id', 'in', [...segmentIds])
		.execute();
	return new Set(rows.map((r) => Number(r.segment_id)));
}
