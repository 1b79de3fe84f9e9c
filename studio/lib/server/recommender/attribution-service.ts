import type { Db } from '../db/connect';
import { insertInteractions, placementStats, type PlacementStats } from './attribution-repository';
import { parseInteraction, type InteractionInput } from './interactions';

const DAY = 86_400_000;
/** A purchase within a week of clicking a recommended product counts for that recommendation. */
export const ATTRIBUTION_WINDOW_MS = 7 * DAY;
export const STATS_PERIOD_MS = 30 * DAY;

/**
 * Records the recommendation impressions and clicks among newly ingested events. Called inside
 * the ingestion transaction, so an event and its interaction are stored together or not at all.
 */
export async function recordRecommendationInteractions(
	db: Db,
	workspaceId: number,
	events: readonly (InteractionInput & { messageId: string; timestamp: number })[],
	customerIds: readonly (number | null)[]
): Promise<void> {
	const rows = [];
	for (const [i, event] of events.entries()) {
		const parsed = parseInteraction(event);
		if (parsed)
			rows.push({
				...parsed,
				messageId: event.messageId,
				customerId: customerIds[i] ?? null,
				at: event.timestamp
			});
	}
	await insertInteractions(db, workspaceId, rows);
}

export interface PlacementReport extends PlacementStats {
	ctr: number | null;
	conversion: number | null;
}

/** The online side of the Recommendations page: how each placement did over the last 30 days. */
export async function recommendationReport(
	db: Db,
	workspaceId: number,
	now = Date.now()
): Promise<PlacementReport[]> {
	const stats = await placementStats(db, workspaceId, now - STATS_PERIOD_MS, ATTRIBUTION_WINDOW_MS);
	return stats.map((s) => ({
		...s,
		ctr: s.impressions ? s.clicks / s.impressions : null,
		conversion: s.clicks ? s.orders / s.clicks : null
	}));
}
