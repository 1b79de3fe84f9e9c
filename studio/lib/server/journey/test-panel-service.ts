/**
 * The journey page's test panel and live view, behind the studio's session-authenticated
 * endpoints: a test run (a stored or a described customer), a dry run, and the live counts. The
 * REST routes (secret keys) call the same simulate-request / dry-run functions; the studio adds
 * described customers and a sample size. Nothing here writes.
 */
import type { JourneyProblem } from '../../journey/validate';
import type { Db } from '../db/connect';
import type { JourneyStatus } from '../db/schema';
import { dryRunById, dryRunJourney, readDryRunRequest, type DryRunResult } from './dry-run';
import { goalWindowDays, journeyStats, type JourneyStats } from './journey-stats';
import { findJourney } from './journey-repository';
import type { SimulationResult } from './simulate';
import { definitionToSimulate, readTestRequest, testJourney } from './simulate-request';

/** dry-run.ts clamps the sample too; this bound answers a wrong one with a clear error instead. */
export const MAX_STUDIO_SAMPLE = 5_000;

export type PanelErrorCode =
	| 'not_found'
	| 'customer_not_found'
	| 'definition_invalid'
	| 'invalid_body'
	| 'days_invalid'
	| 'sample_invalid';

export type PanelOutcome<T> =
	| { ok: true; value: T }
	| {
			ok: false;
			error: { code: PanelErrorCode; message: string; problems?: JourneyProblem[] };
	  };

const invalid = (code: PanelErrorCode, message: string) =>
	({ ok: false, error: { code, message } }) as const;

/**
 * A test run of `definition` (the canvas's current one, saved or not; the draft when absent) for
 * a stored customer (`{ id }` or the shop's user id) or a described one (`{ traits }`).
 */
export async function runTest(
	db: Db,
	workspaceId: number,
	journeyId: number,
	body: unknown,
	now = Date.now()
): Promise<PanelOutcome<SimulationResult>> {
	const request = readTestRequest(body, { described: true });
	if (!request.ok) return invalid('invalid_body', request.message);
	return testJourney(db, workspaceId, journeyId, request.value, now);
}

/** `{ days?, sample?, definition? }`: what the journey would have done over recent history. */
export async function runDryRun(
	db: Db,
	workspaceId: number,
	journeyId: number,
	body: unknown,
	now = Date.now()
): Promise<PanelOutcome<DryRunResult>> {
	const request = readDryRunRequest(body);
	if (!request.ok) return invalid(request.code, request.message);
	const sample = (body as { sample?: unknown }).sample;
	if (sample === undefined) return dryRunById(db, workspaceId, journeyId, request.value, now);
	if (
		typeof sample !== 'number' ||
		!Number.isInteger(sample) ||
		sample < 1 ||
		sample > MAX_STUDIO_SAMPLE
	)
		return invalid(
			'sample_invalid',
			`sample must be a whole number from 1 to ${MAX_STUDIO_SAMPLE}.`
		);
	const definition = await definitionToSimulate(
		db,
		workspaceId,
		journeyId,
		request.value.definition
	);
	if (!definition.ok) return definition;
	const value = await dryRunJourney(db, workspaceId, {
		definition: definition.value,
		journeyId,
		days: request.value.days,
		sample,
		now
	});
	return { ok: true, value };
}

export interface LiveStats {
	status: JourneyStatus;
	stats: JourneyStats;
	goalWindowDays: number;
}

/** The live counts the journey page polls; null when the journey is not in the workspace. */
export async function liveStats(
	db: Db,
	workspaceId: number,
	journeyId: number
): Promise<LiveStats | null> {
	const journey = await findJourney(db, workspaceId, journeyId);
	if (!journey) return null;
	const windowDays = await goalWindowDays(db, workspaceId, journeyId);
	return {
		status: journey.status,
		stats: await journeyStats(db, workspaceId, journeyId, windowDays),
		goalWindowDays: windowDays
	};
}
