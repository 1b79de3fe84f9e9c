import type { Db } from '../db/connect';
import {
	historyEnd,
	insertModel,
	pruneModels,
	readCatalogue,
	readTrainingEvents
} from './training-repository';
import {
	failStaleRuns,
	insertRun,
	latestRuns,
	queuedRuns,
	updateRun,
	workspacesDueForTraining
} from './run-repository';
import { forgetCachedModels } from './model-cache';
import { trainInWorker } from './training-worker';

const DAY = 86_400_000;
/** A year of behaviour: enough for seasonal shops, bounded for big ones. */
export const TRAINING_WINDOW_MS = 365 * DAY;
export const MAX_TRAINING_EVENTS = 3_000_000;
/** Models are retrained daily; fresh behaviour counts at request time in between. */
export const RETRAIN_AFTER_MS = DAY;
/** Old interactions fade: a purchase half a year ago counts half. */
const HALF_LIFE_DAYS = 180;
const MODELS_KEPT = 3;
/** No training run takes this long; one still "running" after it died with its instance. */
const STALE_RUN_MS = 60 * 60_000;

export type TrainingRequest =
	{ ok: true; runId: number } | { ok: false; error: { code: 'already_running'; runId: number } };

/** Queues a training run for the job to pick up, unless one is already queued or running. */
export async function requestTraining(
	db: Db,
	workspaceId: number,
	input: { trigger: 'schedule' | 'manual'; requestedBy: number | null },
	now = Date.now()
): Promise<TrainingRequest> {
	const [latest] = await latestRuns(db, workspaceId, 1);
	if (latest && (latest.status === 'queued' || latest.status === 'running'))
		return { ok: false, error: { code: 'already_running', runId: latest.id } };
	const runId = await insertRun(db, { workspaceId, ...input, now });
	return { ok: true, runId };
}

/**
 * Runs one queued training: reads the workspace's history, trains and evaluates in a worker
 * thread, stores the snapshot every instance then serves. Failures end the run with the reason
 * rather than throw, so the job goes on to the next workspace.
 */
export async function runTraining(db: Db, workspaceId: number, runId: number): Promise<void> {
	const started = Date.now();
	await updateRun(db, workspaceId, runId, {
		status: 'running',
		stage: 'reading',
		progress: 0.05,
		started_at: started
	});
	try {
		// Time runs from the end of the history: for a live shop that is now; for one that imported
		// an old history, the window and the fading of old behaviour count back from its last day.
		const anchor = Math.min(started, (await historyEnd(db, workspaceId)) ?? started);
		const [events, catalogue] = await Promise.all([
			readTrainingEvents(db, workspaceId, anchor - TRAINING_WINDOW_MS, MAX_TRAINING_EVENTS),
			readCatalogue(db, workspaceId)
		]);
		if (!events.length)
			throw new Error('no purchases, product views or cart adds to learn from yet');
		const categories = new Map<string, string>();
		for (const p of catalogue) if (p.category) categories.set(p.sku, p.category);
		let lastWrite = Promise.resolve();
		const result = await trainInWorker(
			events,
			{
				categories,
				items: catalogue.map((p) => p.sku),
				halfLifeDays: HALF_LIFE_DAYS,
				now: anchor
			},
			(stage, share) => {
				// Progress writes are best effort and in order; a lost one only makes the bar lag.
				lastWrite = lastWrite
					.then(() => updateRun(db, workspaceId, runId, { stage, progress: 0.1 + share * 0.85 }))
					.catch(() => undefined);
			}
		);
		await lastWrite;
		const modelId = await insertModel(db, {
			workspaceId,
			trainedAt: started,
			snapshot: result.snapshot,
			metrics: result.metrics,
			stats: { ...result.stats, readMs: 0, totalMs: Date.now() - started }
		});
		await pruneModels(db, workspaceId, MODELS_KEPT);
		// This instance serves the new model at once; the others notice it within half a minute.
		forgetCachedModels(workspaceId);
		await updateRun(db, workspaceId, runId, {
			status: 'done',
			stage: 'done',
			progress: 1,
			model_id: modelId,
			finished_at: Date.now()
		});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		console.error(`Recommender training failed for workspace ${workspaceId}:`, error);
		await updateRun(db, workspaceId, runId, {
			status: 'failed',
			error: message.slice(0, 500),
			finished_at: Date.now()
		});
	}
}

/** The training job: queue daily retraining where due, then run what is queued, in order. */
export async function trainDueModels(db: Db, now = Date.now()): Promise<number> {
	await failStaleRuns(db, now - STALE_RUN_MS, now);
	for (const workspaceId of await workspacesDueForTraining(db, now - RETRAIN_AFTER_MS)) {
		// A new, empty workspace has nothing to learn from; it is tried again once data arrives.
		if ((await historyEnd(db, workspaceId)) === null) continue;
		const [latest] = await latestRuns(db, workspaceId, 1);
		// A workspace whose last scheduled try failed (say, no data yet) waits a day too.
		if (latest && now - latest.createdAt < RETRAIN_AFTER_MS) continue;
		await requestTraining(db, workspaceId, { trigger: 'schedule', requestedBy: null }, now);
	}
	const queued = await queuedRuns(db);
	for (const run of queued) await runTraining(db, run.workspaceId, run.id);
	return queued.length;
}
