/**
 * Campaign ROI per journey, against its holdout. Incremental revenue comes from the experiments'
 * journeyIncrementality (treated runs against holdout runs over every run since the journey
 * started), so the cost is counted over the same span: every message the journey sent, every
 * point it awarded, every run that converted, and the fixed costs entered for it up to the month
 * in progress. ROI = (incremental revenue - cost) / cost.
 */
import type { JourneyRoiRow, JourneyState, RoiSummary } from '../../dashboard/model';
import type { MonthKey } from '../../dashboard/months';
import { journeyCost, roiOf, sumEstimates } from '../../dashboard/value-metrics';
import type { Db } from '../db/connect';
import { journeyIncrementality } from '../experiment/incrementality';
import { fixedCostsByJourney } from './cost-repository';
import { unitCosts } from './cost-service';
import {
	convertedRunsByJourney,
	pointsAwardedByJourney,
	publishedJourneys,
	sentMessagesByJourney
} from './metrics-repository';

export async function roiSummary(
	db: Db,
	workspaceId: number,
	currentMonth: MonthKey,
	now = Date.now()
): Promise<RoiSummary> {
	const [journeys, unit, messages, converted, fixed] = await Promise.all([
		publishedJourneys(db, workspaceId),
		unitCosts(db, workspaceId),
		sentMessagesByJourney(db, workspaceId),
		convertedRunsByJourney(db, workspaceId),
		fixedCostsByJourney(db, workspaceId, currentMonth)
	]);
	const rows: JourneyRoiRow[] = [];
	for (const journey of journeys) {
		const [incrementality, points] = await Promise.all([
			journeyIncrementality(db, workspaceId, journey.id, now),
			pointsAwardedByJourney(db, workspaceId, journey.id)
		]);
		const sent = messages.get(journey.id) ?? { email: 0, webhook: 0, offer: 0 };
		const fixedCost = fixed.get(journey.id) ?? { milli: 0, months: 0 };
		const cost = journeyCost(
			{
				emails: sent.email,
				webhooks: sent.webhook,
				offers: sent.offer,
				points,
				conversions: converted.get(journey.id) ?? 0,
				fixedMonths: fixedCost.months,
				fixedMilli: fixedCost.milli
			},
			unit
		);
		const incrementalRevenueMinor = incrementality?.incrementalRevenueMinor ?? null;
		rows.push({
			journeyId: journey.id,
			name: journey.name,
			status: journey.status as JourneyState,
			incrementality,
			incrementalConversions: incrementality?.incrementalConversions ?? null,
			incrementalRevenueMinor,
			cost,
			roi: roiOf(incrementalRevenueMinor, cost.totalMinor)
		});
	}
	// By name in the reader's alphabet; SQL collations differ between the two databases.
	rows.sort((a, b) => a.name.localeCompare(b.name) || a.journeyId - b.journeyId);
	const measured = rows.filter((r) => r.incrementalRevenueMinor !== null);
	const incremental = sumEstimates(measured.map((r) => r.incrementalRevenueMinor!));
	const costMinor = measured.reduce((sum, r) => sum + r.cost.totalMinor, 0);
	return {
		rows,
		overall: {
			incrementalRevenueMinor: incremental,
			costMinor,
			roi: roiOf(incremental, costMinor),
			measured: measured.length
		}
	};
}
