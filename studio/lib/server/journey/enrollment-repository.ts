import { sql } from 'kysely';
import { dialectOf, type Db } from '../db/connect';
import { readJson } from '../db/json';
import type { EnrollmentStatus } from '../db/schema';

/** What a run keeps between steps. */
export interface EnrollmentContext {
	/** The properties of the event that brought the customer in (for `{{entry.x}}`, branches). */
	entry: Record<string, unknown>;
	/** Arrivals per node, so a loop's second pass gets its own idempotency keys. */
	visits: Record<string, number>;
}

export interface Enrollment {
	id: number;
	workspaceId: number;
	journeyId: number;
	versionId: number;
	customerId: number;
	status: EnrollmentStatus;
	nodeId: string;
	wakeAt: number | null;
	waitingFor: string | null;
	context: EnrollmentContext;
	enteredAt: number;
}

const COLUMNS = [
	'id',
	'workspace_id as workspaceId',
	'journey_id as journeyId',
	'version_id as versionId',
	'customer_id as customerId',
	'status',
	'node_id as nodeId',
	'wake_at as wakeAt',
	'waiting_for as waitingFor',
	'context',
	'entered_at as enteredAt'
] as const;

function toEnrollment<T extends { context: unknown }>(row: T): T & { context: EnrollmentContext } {
	const context = readJson<Partial<EnrollmentContext>>(row.context, {});
	return { ...row, context: { entry: context.entry ?? {}, visits: context.visits ?? {} } };
}

export async function insertEnrollment(
	db: Db,
	row: {
		workspaceId: number;
		journeyId: number;
		versionId: number;
		customerId: number;
		status: EnrollmentStatus;
		nodeId: string;
		context: EnrollmentContext;
		now: number;
	}
): Promise<Enrollment> {
	const inserted = await db
		.insertInto('enrollment')
		.values({
			workspace_id: row.workspaceId,
			journey_id: row.journeyId,
			version_id: row.versionId,
			customer_id: row.customerId,
			status: row.status,
			node_id: row.nodeId,
			context: JSON.stringify(row.context),
			entered_at: row.now,
			updated_at: row.now,
			ended_at: row.status === 'active' ? null : row.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return {
		id: inserted.id,
		workspaceId: row.workspaceId,
		journeyId: row.journeyId,
		versionId: row.versionId,
		customerId: row.customerId,
		status: row.status,
		nodeId: row.nodeId,
		wakeAt: null,
		waitingFor: null,
		context: row.context,
		enteredAt: row.now
	};
}

/** Where a run stands after a step; releases the claim. */
export async function saveEnrollment(
	db: Db,
	enrollment: Enrollment,
	now: number,
	error: string | null = null
): Promise<void> {
	await db
		.updateTable('enrollment')
		.set({
			status: enrollment.status,
			node_id: enrollment.nodeId,
			wake_at: enrollment.status === 'active' ? enrollment.wakeAt : null,
			waiting_for: enrollment.status === 'active' ? enrollment.waitingFor : null,
			context: JSON.stringify(enrollment.context),
			claimed_until: null,
			updated_at: now,
			ended_at: enrollment.status === 'active' ? null : now,
			error
		})
		.where('id', '=', enrollment.id)
		.execute();
}

export interface StepRow {
	workspaceId: number;
	journeyId: number;
	versionId: number;
	enrollmentId: number;
	customerId: number;
	nodeId: string;
	outcome: string;
	detail: unknown;
	at: number;
}

export async function insertSteps(db: Db, steps: readonly StepRow[]): Promise<void> {
	if (steps.length === 0) return;
	await db
		.insertInto('journey_step')
		.values(
			steps.map((s) => ({
				workspace_id: s.workspaceId,
				journey_id: s.journeyId,
				version_id: s.versionId,
				enrollment_id: s.enrollmentId,
				customer_id: s.customerId,
				node_id: s.nodeId,
				outcome: s.outcome,
				detail: s.detail === undefined || s.detail === null ? null : JSON.stringify(s.detail),
				at: s.at
			}))
		)
		.execute();
}

/** The latest run of a journey for a customer, for the re-entry rule. */
export async function lastEnrollment(
	db: Db,
	journeyId: number,
	customerId: number
): Promise<{ status: EnrollmentStatus; enteredAt: number } | null> {
	const row = await db
		.selectFrom('enrollment')
		.select(['status', 'entered_at as enteredAt'])
		.where('journey_id', '=', journeyId)
		.where('customer_id', '=', customerId)
		.orderBy('entered_at', 'desc')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ?? null;
}

/**
 * Claims runs whose timer is due: at most `limit`, held until `now + holdMs` so a crashed
 * instance's claims lapse by themselves. PostgreSQL skips rows another instance is claiming
 * (SKIP LOCKED); SQLite has one writer, so the select and update in one transaction are atomic.
 */
export async function claimDueEnrollments(
	db: Db,
	now: number,
	limit: number,
	holdMs: number
): Promise<Enrollment[]> {
	const until = now + holdMs;
	if (dialectOf(db) === 'postgres') {
		const rows = await sql<Record<string, unknown>>`
			update enrollment set claimed_until = ${until}
			where id in (
				select id from enrollment
				where status = 'active' and wake_at <= ${now}
					and (claimed_until is null or claimed_until < ${now})
					and journey_id in (select id from journey where status = 'live')
				order by wake_at
				limit ${limit}
				for update skip locked
			)
			returning id`.execute(db);
		return enrollmentsById(
			db,
			rows.rows.map((r) => Number(r.id))
		);
	}
	return db.transaction().execute(async (trx) => {
		const due = await trx
			.selectFrom('enrollment')
			.select('id')
			.where('status', '=', 'active')
			.where('wake_at', '<=', now)
			.where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
			// A paused journey's runs hold where they are until it resumes.
			.where('journey_id', 'in', (eb) =>
				eb.selectFrom('journey').select('id').where('status', '=', 'live')
			)
			.orderBy('wake_at')
			.limit(limit)
			.execute();
		const ids = due.map((r) => r.id);
		if (ids.length === 0) return [];
		await trx
			.updateTable('enrollment')
			.set({ claimed_until: until })
			.where('id', 'in', ids)
			.execute();
		return enrollmentsById(trx, ids);
	});
}

/** Claims one run for an event; false when another worker holds it right now. */
export async function claimEnrollment(
	db: Db,
	id: number,
	now: number,
	holdMs: number
): Promise<boolean> {
	const result = await db
		.updateTable('enrollment')
		.set({ claimed_until: now + holdMs })
		.where('id', '=', id)
		.where('status', '=', 'active')
		.where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function enrollmentsById(db: Db, ids: readonly number[]): Promise<Enrollment[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('enrollment')
		.select(COLUMNS)
		.where('id', 'in', [...ids])
		.execute();
	return rows.map(toEnrollment);
}

/** Active runs of these customers that listen for an event name (waits and goals). */
export async function activeEnrollmentsOf(
	db: Db,
	workspaceId: number,
	customerIds: readonly number[]
): Promise<Enrollment[]> {
	if (customerIds.length === 0) return [];
	const rows = await db
		.selectFrom('enrollment')
		.select(COLUMNS)
		.where('workspace_id', '=', workspaceId)
		.where('customer_id', 'in', [...customerIds])
		.where('status', '=', 'active')
		.execute();
	return rows.map(toEnrollment);
}

/** Engine cursors over the event and segment-change streams. */
export async function readCursor(db: Db, name: string): Promise<number | null> {
	const row = await db
		.selectFrom('engine_cursor')
		.select('position')
		.where('name', '=', name)
		.executeTakeFirst();
	return row ? Number(row.position) : null;
}

export async function writeCursor(db: Db, name: string, position: number): Promise<void> {
	await db
		.insertInto('engine_cursor')
		.values({ name, position })
		.onConflict((oc) => oc.column('name').doUpdateSet({ position }))
		.execute();
}
