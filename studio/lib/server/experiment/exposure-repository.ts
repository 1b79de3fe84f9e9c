import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { ExposureSource } from '../db/schema';

export interface ExposureInput {
	workspaceId: number;
	experimentId: number;
	unit: string;
	customerId: number | null;
	variant: string;
	source: ExposureSource;
	exposedAt: number;
}

/**
 * Stores exposures once per (experiment, unit, variant), whatever order they arrive in: a later
 * duplicate changes nothing, an earlier one (an event that arrived late) moves the time back, and
 * a customer learned later fills a gap. Both dialects speak this `on conflict ... do update where`.
 */
export async function upsertExposures(db: Db, input: readonly ExposureInput[]): Promise<number> {
	// PostgreSQL refuses one statement that touches a row twice: repeats in the batch fold first.
	const folded = new Map<string, ExposureInput>();
	for (const row of input) {
		const key = `${row.experimentId}\u0000${row.unit}\u0000${row.variant}`;
		const seen = folded.get(key);
		if (!seen) folded.set(key, row);
		else
			folded.set(key, {
				...seen,
				exposedAt: Math.min(seen.exposedAt, row.exposedAt),
				customerId: seen.customerId ?? row.customerId
			});
	}
	const rows = [...folded.values()];
	let changed = 0;
	for (let i = 0; i < rows.length; i += 500) {
		const chunk = rows.slice(i, i + 500);
		const result = await db
			.insertInto('exposure')
			.values(
				chunk.map((r) => ({
					workspace_id: r.workspaceId,
					experiment_id: r.experimentId,
					unit: r.unit,
					customer_id: r.customerId,
					variant: r.variant,
					source: r.source,
					exposed_at: r.exposedAt
				}))
			)
			.onConflict((oc) =>
				oc
					.columns(['experiment_id', 'unit', 'variant'])
					.doUpdateSet({
						exposed_at: sql`case when excluded.exposed_at < exposure.exposed_at then excluded.exposed_at else exposure.exposed_at end`,
						customer_id: sql`coalesce(exposure.customer_id, excluded.customer_id)`
					})
					.where((eb) =>
						eb.or([
							eb('excluded.exposed_at', '<', eb.ref('exposure.exposed_at')),
							eb.and([
								eb('exposure.customer_id', 'is', null),
								eb('excluded.customer_id', 'is not', null)
							])
						])
					)
			)
			.executeTakeFirst();
		changed += Number(result.numInsertedOrUpdatedRows ?? 0);
	}
	return changed;
}

/** Distinct units per experiment and variant, for the list. */
export async function exposureCounts(
	db: Db,
	workspaceId: number,
	experimentIds?: readonly number[]
): Promise<{
	byVariant: Map<number, Record<string, number>>;
	total: Map<number, number>;
}> {
	const byVariant = new Map<number, Record<string, number>>();
	const total = new Map<number, number>();
	if (experimentIds && experimentIds.length === 0) return { byVariant, total };
	let perVariant = db
		.selectFrom('exposure')
		.select((eb) => ['experiment_id', 'variant', eb.fn.countAll<number>().as('units')])
		.where('workspace_id', '=', workspaceId)
		.groupBy(['experiment_id', 'variant']);
	let distinct = db
		.selectFrom('exposure')
		.select((eb) => ['experiment_id', eb.fn.count<number>('unit').distinct().as('units')])
		.where('workspace_id', '=', workspaceId)
		.groupBy('experiment_id');
	if (experimentIds) {
		perVariant = perVariant.where('experiment_id', 'in', [...experimentIds]);
		distinct = distinct.where('experiment_id', 'in', [...experimentIds]);
	}
	for (const row of await perVariant.execute()) {
		const id = Number(row.experiment_id);
		const counts = byVariant.get(id) ?? {};
		// A plain record keyed by variant keys; the keys are validated, but `__proto__` must
		// still never reach a prototype, hence defineProperty.
		Object.defineProperty(counts, row.variant, {
			value: Number(row.units),
			enumerable: true,
			writable: true,
			configurable: true
		});
		byVariant.set(id, counts);
	}
	for (const row of await distinct.execute())
		total.set(Number(row.experiment_id), Number(row.units));
	return { byVariant, total };
}

export interface ViewedEvent {
	id: number;
	workspaceId: number;
	customerId: number | null;
	anonymousId: string | null;
	properties: unknown;
	timestamp: number;
}

/**
 * The next window of the event stream for the exposures job: up to `limit` ids after the cursor,
 * stopping before the first event that has not settled (received within the last moment, so an
 * earlier id may still be committing). Walking ids on the primary key keeps each step cheap even
 * when nearly no event is an exposure. Null when nothing new has settled.
 */
export async function nextEventWindow(
	db: Db,
	cursor: number,
	settledBefore: number,
	limit: number
): Promise<{ last: number; count: number } | null> {
	const rows = await db
		.selectFrom('event')
		.select(['id', 'received_at'])
		.where('id', '>', cursor)
		.orderBy('id')
		.limit(limit)
		.execute();
	let count = 0;
	while (count < rows.length && Number(rows[count]!.received_at) <= settledBefore) count++;
	if (count === 0) return null;
	return { last: Number(rows[count - 1]!.id), count };
}

/** `Experiment Viewed` events with ids in (from, to]. */
export async function viewedEventsBetween(
	db: Db,
	from: number,
	to: number
): Promise<ViewedEvent[]> {
	const rows = await db
		.selectFrom('event')
		.select([
			'id',
			'workspace_id as workspaceId',
			'customer_id as customerId',
			'anonymous_id as anonymousId',
			'properties',
			'timestamp'
		])
		.where('id', '>', from)
		.where('id', '<=', to)
		.where('type', '=', 'track')
		.where('name', '=', 'Experiment Viewed')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		...r,
		id: Number(r.id),
		workspaceId: Number(r.workspaceId),
		customerId: r.customerId === null ? null : Number(r.customerId),
		timestamp: Number(r.timestamp)
	}));
}

export interface ExposableExperiment {
	id: number;
	workspaceId: number;
	key: string;
	variants: unknown;
	startedAt: number | null;
	stoppedAt: number | null;
}

/** Site experiments with these keys in these workspaces (started at some point). */
export async function siteExperimentsByKeys(
	db: Db,
	pairs: readonly { workspaceId: number; key: string }[]
): Promise<ExposableExperiment[]> {
	if (pairs.length === 0) return [];
	const keys = [...new Set(pairs.map((p) => p.key))];
	const workspaces = [...new Set(pairs.map((p) => p.workspaceId))];
	const rows = await db
		.selectFrom('experiment')
		.select([
			'id',
			'workspace_id as workspaceId',
			'key',
			'variants',
			'started_at as startedAt',
			'stopped_at as stoppedAt'
		])
		.where('workspace_id', 'in', workspaces)
		.where('key', 'in', keys)
		.where('journey_id', 'is', null)
		.where('started_at', 'is not', null)
		.execute();
	return rows.map((r) => ({ ...r, id: Number(r.id), workspaceId: Number(r.workspaceId) }));
}
