import type { HoldoutMetrics } from '@regulars/recommender';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { recommendationReport } from './attribution-service';
import { latestRuns } from './run-repository';
import { latestModelMeta } from './training-repository';

/** Everything the Recommendations page shows: the model, its training runs, how it does online. */
export async function recommenderOverview(db: Db, workspaceId: number, now = Date.now()) {
	const [meta, runs, placements] = await Promise.all([
		latestModelMeta(db, workspaceId),
		latestRuns(db, workspaceId, 5),
		recommendationReport(db, workspaceId, now)
	]);
	const model = meta
		? {
				id: meta.id,
				trainedAt: meta.trainedAt,
				snapshotBytes: meta.snapshotBytes,
				metrics: readJson<HoldoutMetrics | null>(meta.metrics, null),
				stats: readJson<{
					events: number;
					users: number;
					items: number;
					fitMs: number;
					evaluateMs: number;
					totalMs: number;
				} | null>(meta.stats, null)
			}
		: null;
	const active = runs.find((r) => r.status === 'queued' || r.status === 'running') ?? null;
	return { model, runs, active, placements };
}
