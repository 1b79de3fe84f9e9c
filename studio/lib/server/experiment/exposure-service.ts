import type { ExperimentVariantDetail } from '../../experiment/model';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { inTransaction } from '../db/transaction';
import { maxEventId } from '../journey/engine-repository';
import { readCursor, writeCursor } from '../journey/enrollment-repository';
import {
	nextEventWindow,
	siteExperimentsByKeys,
	upsertExposures,
	viewedEventsBetween,
	type ExposableExperiment,
	type ExposureInput,
	type ViewedEvent
} from './exposure-repository';

/** The exposures job's position in the event stream (engine_cursor). */
export const EXPOSURES_CURSOR = 'exposures';
/** Events this young may still have an earlier id committing; the journeys engine waits too. */
const SETTLE_MS = 1_000;
export const EXPOSURE_WINDOW = 2_000;

const own = (value: unknown, key: string): unknown =>
	value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key)
		? (value as Record<string, unknown>)[key]
		: undefined;

/**
 * What one `Experiment Viewed` event says, or null when it names no experiment of ours: the SDK
 * sends `{ experiment_id: key, variation_id: variantKey }`. Only the event's own properties count
 * (never anything reachable through a prototype), and only events between the experiment's start
 * and stop: after a rollout the SDK keeps sending them for the winner, which is not a test.
 */
export function exposureOf(
	event: ViewedEvent,
	experiments: ReadonlyMap<string, ExposableExperiment>
): ExposureInput | null {
	if (!event.anonymousId) return null;
	const properties = readJson<unknown>(event.properties, {});
	const key = own(properties, 'experiment_id');
	const variant = own(properties, 'variation_id');
	if (typeof key !== 'string' || typeof variant !== 'string') return null;
	const experiment = experiments.get(`${event.workspaceId}\u0000${key}`);
	if (!experiment || experiment.startedAt === null) return null;
	if (event.timestamp < experiment.startedAt) return null;
	if (experiment.stoppedAt !== null && event.timestamp > experiment.stoppedAt) return null;
	const variants = readJson<ExperimentVariantDetail[]>(experiment.variants, []);
	if (!Array.isArray(variants) || !variants.some((v) => v && v.key === variant)) return null;
	return {
		workspaceId: event.workspaceId,
		experimentId: experiment.id,
		unit: event.anonymousId,
		customerId: event.customerId,
		variant,
		source: 'sdk',
		exposedAt: event.timestamp
	};
}

/**
 * Reads the next settled stretch of the event stream and stores the exposures in it; the rows and
 * the cursor move in one transaction, so a crash replays the stretch (which the unique index makes
 * harmless). Returns how many events the stretch held (the job repeats while it is full).
 */
export async function processExposures(
	db: Db,
	now = Date.now(),
	limit = EXPOSURE_WINDOW
): Promise<number> {
	const cursor = await readCursor(db, EXPOSURES_CURSOR);
	if (cursor === null) {
		// First start: the history matters only if some site experiment ever ran.
		const started = await db
			.selectFrom('experiment')
			.select('id')
			.where('journey_id', 'is', null)
			.where('started_at', 'is not', null)
			.limit(1)
			.executeTakeFirst();
		await writeCursor(db, EXPOSURES_CURSOR, started ? 0 : await maxEventId(db));
		return started ? limit : 0;
	}
	const window = await nextEventWindow(db, cursor, now - SETTLE_MS, limit);
	if (!window) return 0;
	await inTransaction(db, async (trx) => {
		const events = await viewedEventsBetween(trx, cursor, window.last);
		const wanted: { workspaceId: number; key: string }[] = [];
		for (const event of events) {
			const key = own(readJson<unknown>(event.properties, {}), 'experiment_id');
			if (typeof key === 'string' && key.length <= 64)
				wanted.push({ workspaceId: event.workspaceId, key });
		}
		const experiments = new Map<string, ExposableExperiment>();
		for (const e of await siteExperimentsByKeys(trx, wanted))
			experiments.set(`${e.workspaceId}\u0000${e.key}`, e);
		const rows: ExposureInput[] = [];
		for (const event of events) {
			const row = exposureOf(event, experiments);
			if (row) rows.push(row);
		}
		await upsertExposures(trx, rows);
		await writeCursor(trx, EXPOSURES_CURSOR, window.last);
	});
	return window.count;
}
