import { sql } from 'kysely';
import { trainDueModels } from '../recommender/training-service';
import { refreshChurnRisk } from '../churn/churn-service';
import { allWorkspaceIds, workspacesWithStaleCustomers } from '../customer/facts-repository';
import { dialectOf } from '../db/connect';
import { refreshCustomerFacts } from '../customer/facts-service';
import { refreshDueSegments, refreshSegmentsForCustomers } from '../segment/segment-service';
import { processDueEnrollments, processNewEvents } from '../journey/engine-service';
import { processAudienceEntries, processSegmentChanges } from '../journey/entry-service';
import { deliverDueMessages } from '../messaging/outbox-service';
import { EXPOSURE_WINDOW, processExposures } from '../experiment/exposure-service';
import { refreshAllLifecycleSnapshots } from '../dashboard/snapshot-service';
import type { PeriodicJob } from './scheduler';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The studio's background work. */
export const JOBS: PeriodicJob[] = [
	{
		// Facts of customers whose events or orders just changed, within seconds of the change.
		name: 'customer-facts.stale',
		everyMs: 2 * SECOND,
		leaseMs: 5 * MINUTE,
		run: async (db, now) => {
			for (const workspaceId of await workspacesWithStaleCustomers(db)) {
				const facts = await refreshCustomerFacts(db, workspaceId, { full: false, now });
				await refreshSegmentsForCustomers(db, workspaceId, facts.changedIds, now);
			}
		}
	},
	{
		// Everyone, because stages move with the clock and RFM quintiles with everyone's orders.
		name: 'customer-facts.full',
		everyMs: 15 * MINUTE,
		leaseMs: 30 * MINUTE,
		run: async (db, now) => {
			for (const workspaceId of await allWorkspaceIds(db)) {
				const facts = await refreshCustomerFacts(db, workspaceId, { full: true, now });
				await refreshSegmentsForCustomers(db, workspaceId, facts.changedIds, now);
			}
		}
	},
	{
		// Segments with time windows ("in the last 60 days") drift as the clock moves.
		name: 'segments.due',
		everyMs: MINUTE,
		leaseMs: 30 * MINUTE,
		run: async (db, now) => {
			await refreshDueSegments(db, now);
		}
	},
	{
		// Churn risk retrains on each workspace's own last 90 days and moves with the clock; every
		// 6 hours is often enough for a 90-day horizon. Also runs at start-up (the scheduler's first
		// tick), so a freshly seeded demo shows risks at once.
		name: 'churn.refresh',
		everyMs: 6 * 60 * MINUTE,
		leaseMs: 2 * 60 * MINUTE,
		run: async (db, now) => {
			for (const workspaceId of await allWorkspaceIds(db)) {
				const churn = await refreshChurnRisk(db, workspaceId, now);
				await refreshSegmentsForCustomers(db, workspaceId, churn.changedIds, now);
			}
		}
	},
	{
		// Models are retrained daily, and at once when a marketer asks (the run is queued and this
		// job, leased to one instance, picks it up within seconds). Training itself runs in a
		// worker thread, so the instance keeps serving.
		name: 'recommender.train',
		everyMs: 5 * SECOND,
		leaseMs: 60 * MINUTE,
		run: async (db, now) => {
			await trainDueModels(db, now);
		}
	},
	{
		// Journeys react to new events (entries, waits, goals, exits) in the order they were
		// stored. One instance at a time: the stream has one cursor.
		name: 'journeys.events',
		everyMs: 250,
		leaseMs: 5 * MINUTE,
		run: async (db, now) => {
			await processSegmentChanges(db, now);
			while ((await processNewEvents(db, Date.now())) >= 1_000);
		}
	},
	{
		// Experiment exposures from the SDK's `Experiment Viewed` events, read from the event
		// stream with their own cursor; one instance at a time.
		name: 'experiments.exposures',
		everyMs: 2 * SECOND,
		leaseMs: 5 * MINUTE,
		run: async (db) => {
			while ((await processExposures(db, Date.now())) >= EXPOSURE_WINDOW);
		}
	},
	{
		// Due timers (delays, wait timeouts, quiet hours): every instance claims its own share,
		// so a wake-up fires within about a quarter of a second of its time.
		name: 'journeys.due',
		everyMs: 250,
		leaseMs: MINUTE,
		shared: true,
		run: async (db) => {
			while ((await processDueEnrollments(db, Date.now())) >= 200);
		}
	},
	{
		// The outbox: emails over SMTP and webhooks over HTTP, claimed per message, retried with
		// backoff, never sent twice.
		name: 'journeys.outbox',
		everyMs: 500,
		leaseMs: MINUTE,
		shared: true,
		run: async (db) => {
			await deliverDueMessages(db, Date.now());
		}
	},
	{
		// Inactivity, churn-risk and anniversary entries: audiences that change with the clock.
		name: 'journeys.audiences',
		everyMs: MINUTE,
		leaseMs: 30 * MINUTE,
		run: async (db, now) => {
			await processAudienceEntries(db, now);
		}
	},
	{
		// The dashboard's monthly lifecycle snapshots, derived from order history: months close
		// and late-imported orders change the past, so the last 13 months are recomputed.
		name: 'lifecycle.snapshots',
		everyMs: 6 * 60 * MINUTE,
		leaseMs: 60 * MINUTE,
		run: async (db, now) => {
			await refreshAllLifecycleSnapshots(db, now);
		}
	},
	{
		// SQLite plans from statistics it only gathers when asked; after a big import a stale plan
		// can read a whole table. PostgreSQL's autovacuum keeps its own statistics.
		name: 'sqlite.optimize',
		everyMs: 60 * MINUTE,
		leaseMs: 30 * MINUTE,
		run: async (db) => {
			if (dialectOf(db) === 'sqlite') await sql`pragma optimize`.execute(db);
		}
	}
];
