import type { Db } from '../db/connect';
import type { ExperimentStatus, Json } from '../db/schema';

export interface ExperimentRow {
	id: number;
	key: string;
	name: string;
	status: ExperimentStatus;
	variants: Json;
	coverage: number;
	seed: string;
}

export async function insertExperiment(
	db: Db,
	row: {
		workspaceId: number;
		key: string;
		name: string;
		status: ExperimentStatus;
		variants: unknown;
		coverage: number;
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
			status: row.status,
			variants: JSON.stringify(row.variants),
			coverage: row.coverage,
			seed: row.key,
			created_by: row.createdBy,
			created_at: row.now,
			updated_at: row.now,
			started_at: row.status === 'running' ? row.now : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

export async function findExperimentByKey(
	db: Db,
	workspaceId: number,
	key: string
): Promise<ExperimentRow | undefined> {
	return db
		.selectFrom('experiment')
		.select(['id', 'key', 'name', 'status', 'variants', 'coverage', 'seed'])
		.where('workspace_id', '=', workspaceId)
		.where('key', '=', key)
		.executeTakeFirst();
}

export async function listRunningExperiments(
	db: Db,
	workspaceId: number
): Promise<ExperimentRow[]> {
	return db
		.selectFrom('experiment')
		.select(['id', 'key', 'name', 'status', 'variants', 'coverage', 'seed'])
		.where('workspace_id', '=', workspaceId)
		.where('status', '=', 'running')
		.orderBy('key')
		.execute();
}
