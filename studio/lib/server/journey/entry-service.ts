import { monthDay, nextAnniversary, zoneOr } from '../../journey/clock';
import type { Db } from '../db/connect';
import { activeEnrollmentsOf, readCursor, writeCursor } from './enrollment-repository';
import { enroll, finish, liveJourneys } from './engine-service';
import {
	churningCustomers,
	customersWithDate,
	inactiveCustomers,
	maxSegmentChangeId,
	segmentChangesAfter
} from './entry-repository';
import { journeyCustomer } from './journey-customer-repository';

const DAY = 86_400_000;
/** Customers who crossed an inactivity line this long ago still enter (a server that was down). */
const CATCH_UP_MS = 7 * DAY;
/**
 * Audience entries (inactivity, churn risk, dates) are checked every minute against the same
 * customers; whatever the journey's re-entry setting, a customer enters at most once in this
 * long from them, so "always" cannot mean "every minute".
 */
const AUDIENCE_REENTRY_MS = 30 * DAY;
const BATCH = 1_000;

/** Segment entries and "left the segment" exits, from the segment-change stream. */
export async function processSegmentChanges(db: Db, now = Date.now()): Promise<number> {
	const cursor = await readCursor(db, 'segments');
	if (cursor === null) {
		await writeCursor(db, 'segments', await maxSegmentChangeId(db));
		return 0;
	}
	const changes = await segmentChangesAfter(db, cursor, BATCH);
	if (changes.length === 0) return 0;
	const journeys = await liveJourneys(db, now);
	for (const [i, change] of changes.entries()) {
		if (i % 50 === 49) await new Promise((r) => setImmediate(r));
		const inWorkspace = journeys.filter((j) => j.workspaceId === change.workspaceId);
		if (change.change === 'entered') {
			for (const journey of inWorkspace) {
				const entry = journey.graph.entry;
				if (entry.type === 'entry_segment' && entry.segmentId === change.segmentId)
					await enroll(db, journey, change.customerId, { segment_id: change.segmentId }, now);
			}
			continue;
		}
		const leaving = inWorkspace.filter(
			(j) => j.graph.definition.settings.exit.leftSegmentId === change.segmentId
		);
		if (leaving.length === 0) continue;
		for (const run of await activeEnrollmentsOf(db, change.workspaceId, [change.customerId]))
			if (leaving.some((j) => j.journeyId === run.journeyId))
				await finish(db, run, 'exited', { left_segment: change.segmentId }, now);
	}
	await writeCursor(db, 'segments', changes[changes.length - 1]!.id);
	return changes.length;
}

/** Inactivity, churn-risk and date entries: who qualifies now and has not entered lately. */
export async function processAudienceEntries(db: Db, now = Date.now()): Promise<number> {
	let entered = 0;
	for (const journey of await liveJourneys(db, now)) {
		const entry = journey.graph.entry;
		const base = {
			workspaceId: journey.workspaceId,
			journeyId: journey.journeyId,
			notEnteredSince: now - AUDIENCE_REENTRY_MS,
			limit: BATCH
		};
		let ids: number[] = [];
		let context: Record<string, unknown> = {};
		if (entry.type === 'entry_inactivity') {
			const line = now - entry.days * DAY;
			ids = await inactiveCustomers(db, {
				...base,
				event: entry.event,
				from: line - CATCH_UP_MS,
				to: line
			});
			context = { inactive_days: entry.days, event: entry.event };
		} else if (entry.type === 'entry_churn') {
			ids = await churningCustomers(db, { ...base, threshold: entry.threshold });
			context = { churn_threshold: entry.threshold };
		} else if (entry.type === 'entry_date') {
			ids = await dueAnniversaries(db, journey.journeyId, journey.workspaceId, entry, now);
			context = { trait: entry.trait };
		} else continue;
		for (const [i, customerId] of ids.entries()) {
			const result = await enroll(db, journey, customerId, context, now);
			if (result !== 're_entry_blocked') entered++;
			// SQLite answers synchronously: let requests in between, or a big audience holds them.
			if (i % 50 === 49) await new Promise((r) => setImmediate(r));
		}
	}
	return entered;
}

/** Customers whose anniversary moment (date + offset, at the entry hour, local) passed today. */
async function dueAnniversaries(
	db: Db,
	journeyId: number,
	workspaceId: number,
	entry: { trait: string; offsetDays: number; hour: number },
	now: number
): Promise<number[]> {
	const due: number[] = [];
	let after = 0;
	for (;;) {
		const rows = await customersWithDate(db, {
			workspaceId,
			journeyId,
			trait: entry.trait,
			notEnteredSince: now - 300 * DAY,
			after,
			limit: BATCH
		});
		if (rows.length === 0) break;
		after = rows[rows.length - 1]!.id;
		let zoneFallback: string | null = null;
		for (const row of rows) {
			const date = monthDay(row.value);
			if (!date) continue;
			const traits = row.traits as Record<string, unknown>;
			if (zoneFallback === null)
				zoneFallback = (await journeyCustomer(db, workspaceId, row.id))?.workspaceTimeZone ?? 'UTC';
			const zone = zoneOr(
				typeof traits?.timezone === 'string' ? traits.timezone : null,
				zoneFallback
			);
			// The moment after a day ago: when it is already behind us, today is the day.
			const moment = nextAnniversary(now - DAY, zone, date, entry.offsetDays, entry.hour);
			if (moment <= now) due.push(row.id);
		}
		if (rows.length < BATCH) break;
	}
	return due;
}
