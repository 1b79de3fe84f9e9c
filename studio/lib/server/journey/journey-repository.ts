import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import type { JourneyStatus } from '../db/schema';

export interface JourneyRow {
	id: number;
	workspaceId: number;
	name: string;
	status: JourneyStatus;
	draft: unknown;
	liveVersionId: number | null;
	createdAt: number;
	updatedAt: number;
}

const COLUMNS = [
	'id',
	'workspace_id as workspaceId',
	'name',
	'status',
	'draft',
	'live_version_id as liveVersionId',
	'created_at as createdAt',
	'updated_at as updatedAt'
] as const;

function toRow<T extends { draft: unknown }>(row: T): T {
	return { ...row, draft: readJson(row.draft, null) };
}

export async function insertJourney(
	db: Db,
	row: { workspaceId: number; name: string; draft: unknown; createdBy: number | null; now: number }
): Promise<number> {
	const inserted = await db
		.insertInto('journey')
		.values({
			workspace_id: row.workspaceId,
			name: row.name,
			status: 'draft',
			draft: JSON.stringify(row.draft),
			live_version_id: null,
			created_by: row.createdBy,
			created_at: row.now,
			updated_at: row.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

export async function findJourney(
	db: Db,
	workspaceId: number,
	journeyId: number
): Promise<JourneyRow | null> {
	const row = await db
		.selectFrom('journey')
		.select(COLUMNS)
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', journeyId)
		.executeTakeFirst();
	return row ? toRow(row) : null;
}

export async function listJourneys(db: Db, workspaceId: number): Promise<JourneyRow[]> {
	const rows = await db
		.selectFrom('journey')
		.select(COLUMNS)
		.where('workspace_id', '=', workspaceId)
		.orderBy('id', 'desc')
		.execute();
	return rows.map(toRow);
}

export async function updateJourney(
	db: Db,
	workspaceId: number,
	journeyId: number,
	changes: {
		name?: string;
		draft?: unknown;
		status?: JourneyStatus;
		liveVersionId?: number | null;
		now: number;
	}
): Promise<void> {
	await db
		.updateTable('journey')
		.set({
			...(changes.name !== undefined ? { name: changes.name } : {}),
			...(changes.draft !== undefined ? { draft: JSON.stringify(changes.draft) } : {}),
			...(changes.status !== undefined ? { status: changes.status } : {}),
			...(changes.liveVersionId !== undefined ? { live_version_id: changes.liveVersionId } : {}),
			updated_at: changes.now
		})
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', journeyId)
		.execute();
}

export async function insertVersion(
	db: Db,
	row: {
		workspaceId: number;
		journeyId: number;
		definition: unknown;
		publishedBy: number | null;
		now: number;
	}
): Promise<{ id: number; number: number }> {
	const last = await db
		.selectFrom('journey_version')
		.select((eb) => eb.fn.max('number').as('number'))
		.where('journey_id', '=', row.journeyId)
		.executeTakeFirst();
	const number = Number(last?.number ?? 0) + 1;
	const inserted = await db
		.insertInto('journey_version')
		.values({
			workspace_id: row.workspaceId,
			journey_id: row.journeyId,
			number,
			definition: JSON.stringify(row.definition),
			published_by: row.publishedBy,
			published_at: row.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: inserted.id, number };
}

export interface VersionRow {
	id: number;
	journeyId: number;
	workspaceId: number;
	number: number;
	definition: unknown;
	publishedAt: number;
	publishedBy: string | null;
}

export async function listVersions(
	db: Db,
	workspaceId: number,
	journeyId: number
): Promise<VersionRow[]> {
	const rows = await db
		.selectFrom('journey_version')
		.leftJoin('app_user', 'app_user.id', 'journey_version.published_by')
		.select([
			'journey_version.id',
			'journey_version.journey_id as journeyId',
			'journey_version.workspace_id as workspaceId',
			'journey_version.number',
			'journey_version.definition',
			'journey_version.published_at as publishedAt',
			'app_user.email as publishedBy'
		])
		.where('journey_version.workspace_id', '=', workspaceId)
		.where('journey_version.journey_id', '=', journeyId)
		.orderBy('journey_version.number', 'desc')
		.execute();
	return rows.map((r) => ({ ...r, definition: readJson(r.definition, null) }));
}

/** Every live journey's current version, for the engine (all workspaces). */
export async function liveVersions(db: Db): Promise<
	{
		journeyId: number;
		workspaceId: number;
		versionId: number;
		definition: unknown;
	}[]
> {
	const rows = await db
		.selectFrom('journey')
		.innerJoin('journey_version', 'journey_version.id', 'journey.live_version_id')
		.select([
			'journey.id as journeyId',
			'journey.workspace_id as workspaceId',
			'journey_version.id as versionId',
			'journey_version.definition'
		])
		.where('journey.status', '=', 'live')
		.execute();
	return rows.map((r) => ({ ...r, definition: readJson(r.definition, null) }));
}

/** Versions by id, for enrollments that keep an older version after a republish or a pause. */
export async function versionsById(
	db: Db,
	ids: readonly number[]
): Promise<
	Map<
		number,
		{ journeyId: number; workspaceId: number; definition: unknown; status: JourneyStatus }
	>
> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.selectFrom('journey_version')
		.innerJoin('journey', 'journey.id', 'journey_version.journey_id')
		.select([
			'journey_version.id',
			'journey_version.journey_id as journeyId',
			'journey_version.workspace_id as workspaceId',
			'journey_version.definition',
			'journey.status'
		])
		.where('journey_version.id', 'in', [...ids])
		.execute();
	return new Map(
		rows.map((r) => [
			r.id,
			{
				journeyId: r.journeyId,
				workspaceId: r.workspaceId,
				definition: readJson(r.definition, null),
				status: r.status
			}
		])
	);
}

/** A published version by its number (1, 2...), as people name versions. */
export async function findVersionByNumber(
	db: Db,
	workspaceId: number,
	journeyId: number,
	number: number
): Promise<{ id: number; definition: unknown } | null> {
	const row = await db
		.selectFrom('journey_version')
		.select(['id', 'definition'])
		.where('workspace_id', '=', workspaceId)
		.where('journey_id', '=', journeyId)
		.where('number', '=', number)
		.executeTakeFirst();
	return row ? { id: Number(row.id), definition: readJson(row.definition, null) } : null;
}
