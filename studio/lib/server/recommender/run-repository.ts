import type { Db } from '../db/connect';
import type { RecommenderRunStatus } from '../db/schema';

export interface RunRow {
	id: number;
	trigger: 'schedule' | 'manual';
	status: RecommenderRunStatus;
	stage: string;
	progress: number;
	error: string | null;
	modelId: number | null;
	createdAt: number;
	startedAt: number | null;
	finishedAt: number | null;
}

const RUN_COLUMNS = [
	'id',
	'trigger',
	'status',
	'stage',
	'progress',
	'error',
	'model_id as modelId',
	'created_at as createdAt',
	'started_at as startedAt',
	'finished_at as finishedAt'
] as const;

export async function insertRun(
	db: Db,
	row: {
		workspaceId: number;
		trigger: 'schedule' | 'manual';
		requestedBy: number | null;
		now: number;
	}
): Promise<number> {
	const inserted = await db
		.insertInto('recommender_run')
		.values({
			workspace_id: row.workspaceId,
			trigger: row.trigger,
			status: 'queued',
			requested_by: row.requestedBy,
			created_at: row.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

export async function updateRun(
	db: Db,
	workspaceId: number,
	id: number,
	set: Partial<{
		status: RecommenderRunStatus;
		stage: string;
		progress: number;
		error: string | null;
		model_id: number | null;
		started_at: number;
		finished_at: number;
	}>
): Promise<void> {
	await db
		.updateTable('recommender_run')
		.set(set)
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.execute();
}

export async function latestRuns(db: Db, workspaceId: number, limit: number): Promise<RunRow[]> {
	return db
		.selectFrom('recommender_run')
		.select(RUN_COLUMNS)
		.where('workspace_id', '=', workspaceId)
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

/** Queued runs of every workspace, oldest first: what the training job picks up. */
export async function queuedRuns(db: Db): Promise<{ id: number; workspaceId: number }[]> {
	return db
		.selectFrom('recommender_run')
		.select(['id', 'workspace_id as workspaceId'])
		.where('status', '=', 'queued')
		.orderBy('id')
		.execute();
}

/**
 * A run left "running" by an instance that died mid-training would block the next one forever;
 * runs older than `before` that never finished are marked failed.
 */
export async function failStaleRuns(db: Db, before: number, now: number): Promise<void> {
	await db
		.updateTable('recommender_run')
		.set({
			status: 'failed',
			error: 'interrupted (the instance stopped during training)',
			finished_at: now
		})
		.where('status', '=', 'running')
		.where('started_at', '<', before)
		.execute();
}

/** Workspaces whose newest model is older than `before` (or that have none). */
export async function workspacesDueForTraining(db: Db, before: number): Promise<number[]> {
	const rows = await db
		.selectFrom('workspace')
		.leftJoin('recommender_model', 'recommender_model.workspace_id', 'workspace.id')
		.select(['workspace.id as id'])
		.select((eb) => eb.fn.max('recommender_model.trained_at').as('last'))
		.groupBy('workspace.id')
		.execute();
	return rows.filter((r) => r.last === null || Number(r.last) < before).map((r) => r.id);
}
