import { sql } from 'kysely';
import type { JourneyDefinition } from '../../journey/definition';
import { journeyGraph, type JourneyGraph } from '../../journey/graph';
import { matchesAll } from '../../journey/match';
import { inGlobalHoldout, inJourneyHoldout } from '../../journey/split';
import { parseJourney } from '../../journey/validate';
import { dialectOf, type Db } from '../db/connect';
import { inTransaction } from '../db/transaction';
import { ingestGate } from '../tracking/back-pressure';
import { getChannelSettings } from '../messaging/channel-settings-service';
import {
	activeEnrollmentsOf,
	claimDueEnrollments,
	claimEnrollment,
	insertEnrollment,
	insertSteps,
	lastEnrollment,
	readCursor,
	saveEnrollment,
	writeCursor,
	type Enrollment
} from './enrollment-repository';
import { eventsAfter, externalIdOf, maxEventId, type EngineEvent } from './engine-repository';
import { liveVersions, versionsById } from './journey-repository';
import { customerKey } from './step-content';
import { runEnrollment, type Resume } from './step-runner';

const DAY = 86_400_000;
/** How long a worker holds a run it is advancing; a crashed worker's runs come free after it. */
const HOLD_MS = 60_000;
/**
 * Events become visible to the engine this long after they are stored: PostgreSQL can commit a
 * lower id after a higher one, and a cursor that passed it would never see it.
 */
const SETTLE_MS = 1_000;

export interface LiveJourney {
	journeyId: number;
	workspaceId: number;
	versionId: number;
	graph: JourneyGraph;
}

// Published versions never change, so their graphs are kept for the life of the process.
const graphs = new Map<number, JourneyGraph | null>();
let live: { at: number; journeys: LiveJourney[] } | null = null;
const LIVE_TTL_MS = 2_000;

function graphOf(versionId: number, definition: unknown): JourneyGraph | null {
	let graph = graphs.get(versionId);
	if (graph === undefined) {
		const parsed = parseJourney(definition);
		graph = parsed.ok ? journeyGraph(parsed.definition) : null;
		graphs.set(versionId, graph);
	}
	return graph;
}

/** Live journeys with their current versions, re-read every two seconds. */
export async function liveJourneys(db: Db, now: number): Promise<LiveJourney[]> {
	if (live && now - live.at < LIVE_TTL_MS && now >= live.at) return live.journeys;
	const journeys: LiveJourney[] = [];
	for (const row of await liveVersions(db)) {
		const graph = graphOf(row.versionId, row.definition);
		if (graph) journeys.push({ ...row, graph });
	}
	live = { at: now, journeys };
	return journeys;
}

/** After publishing, pausing or archiving: the next tick reads the journeys afresh. */
export function forgetLiveJourneys(): void {
	live = null;
	// Cheap to rebuild, and tests run two databases in one process whose version ids overlap.
	graphs.clear();
}

async function graphsFor(
	db: Db,
	versionIds: readonly number[]
): Promise<Map<number, JourneyGraph>> {
	const missing = [...new Set(versionIds)].filter((id) => !graphs.has(id));
	if (missing.length)
		for (const [id, row] of await versionsById(db, missing)) graphOf(id, row.definition);
	const out = new Map<number, JourneyGraph>();
	for (const id of versionIds) {
		const graph = graphs.get(id);
		if (graph) out.set(id, graph);
	}
	return out;
}

/** The run when the customer is inside and active, else why not. */
export type EnrollResult = Enrollment | 'completed' | 'holdout' | 're_entry_blocked' | 'failed';

/**
 * Puts a customer into a journey (re-entry rules first), or into its control group, and runs
 * them as far as the journey goes without waiting. Control-group customers get a run row too,
 * so the lift against them can be measured later.
 */
export async function enroll(
	db: Db,
	journey: LiveJourney,
	customerId: number,
	entry: Record<string, unknown>,
	now: number
): Promise<EnrollResult> {
	const { settings } = journey.graph.definition;
	const last = await lastEnrollment(db, journey.journeyId, customerId);
	if (last) {
		const reEntry = settings.reEntry;
		if (reEntry.kind === 'never') return 're_entry_blocked';
		if (last.status === 'active') return 're_entry_blocked';
		if (reEntry.kind === 'cooldown' && now - last.enteredAt < reEntry.days * DAY)
			return 're_entry_blocked';
	}
	const key = customerKey({ id: customerId, externalId: await externalIdOf(db, customerId) });
	const channel = await getChannelSettings(db, journey.workspaceId, now);
	const heldOut =
		inGlobalHoldout(channel.globalHoldout, journey.workspaceId, key) ||
		inJourneyHoldout(settings.holdout, journey.journeyId, key);
	return inTransaction(db, async (trx) => {
		const run = await insertEnrollment(trx, {
			workspaceId: journey.workspaceId,
			journeyId: journey.journeyId,
			versionId: journey.versionId,
			customerId,
			status: heldOut ? 'holdout' : 'active',
			nodeId: journey.graph.entry.id,
			context: { entry, visits: {} },
			now
		});
		if (heldOut) {
			await insertSteps(trx, [
				{
					workspaceId: run.workspaceId,
					journeyId: run.journeyId,
					versionId: run.versionId,
					enrollmentId: run.id,
					customerId,
					nodeId: journey.graph.entry.id,
					outcome: 'holdout',
					detail: null,
					at: now
				}
			]);
			return 'holdout';
		}
		const after = await runEnrollment({ db: trx, graph: journey.graph, now }, run, {
			kind: 'arrive'
		});
		return after.status === 'active' ? after : 'completed';
	});
}

/**
 * Tracking comes first. SQLite has one writer, so while shops are sending events the engine
 * takes at most this share of the database's time, pausing after each chunk for the rest; its
 * backlog waits in the event stream and catches up when traffic eases. PostgreSQL needs no pause.
 */
const SHARE_WHILE_INGESTING = 0.15;

async function yieldToIngestion(db: Db, chunkMs: number): Promise<void> {
	// better-sqlite3 answers synchronously, so a loop of awaits never lets the event loop reach
	// the sockets: without this turn, requests would not even be read while the engine runs.
	await new Promise((r) => setImmediate(r));
	if (dialectOf(db) !== 'sqlite' || !ingestGate.busy()) return;
	const pause = (chunkMs * (1 - SHARE_WHILE_INGESTING)) / SHARE_WHILE_INGESTING;
	await new Promise((r) => setTimeout(r, Math.min(pause, 2_000)));
}

/**
 * Work on many runs shares one transaction (on SQLite a commit is the expensive part of a step),
 * and each run gets a savepoint: a run that throws rolls back alone and is left visibly failed.
 */
const CHUNK = 50;

async function atomically<T>(
	trx: Db,
	work: () => Promise<T>,
	onError: (error: unknown) => Promise<T>
): Promise<T> {
	await sql`savepoint engine_step`.execute(trx);
	try {
		const result = await work();
		await sql`release savepoint engine_step`.execute(trx);
		return result;
	} catch (error) {
		await sql`rollback to savepoint engine_step`.execute(trx);
		await sql`release savepoint engine_step`.execute(trx);
		return onError(error);
	}
}

async function advance(
	trx: Db,
	graph: JourneyGraph,
	run: Enrollment,
	resume: Resume,
	now: number
): Promise<Enrollment> {
	return atomically(
		trx,
		() => runEnrollment({ db: trx, graph, now }, run, resume),
		async (error) => {
			console.error(`Journey run ${run.id} failed at ${run.nodeId}`, error);
			const failed = { ...run, status: 'failed' as const };
			await saveEnrollment(
				trx,
				failed,
				now,
				error instanceof Error ? error.message : String(error)
			);
			return failed;
		}
	);
}

/** Ends a run from outside its graph: a conversion or an exit criterion. */
export async function finish(
	db: Db,
	run: Enrollment,
	status: 'converted' | 'exited',
	detail: unknown,
	now: number
): Promise<Enrollment> {
	const done = { ...run, status };
	await inTransaction(db, async (trx) => {
		await insertSteps(trx, [
			{
				workspaceId: run.workspaceId,
				journeyId: run.journeyId,
				versionId: run.versionId,
				enrollmentId: run.id,
				customerId: run.customerId,
				nodeId: run.nodeId,
				outcome: status,
				detail,
				at: now
			}
		]);
		await saveEnrollment(trx, done, now);
	});
	return done;
}

/** Runs whose timer is due, claimed so that no other instance advances them at the same time. */
export async function processDueEnrollments(
	db: Db,
	now = Date.now(),
	limit = 200
): Promise<number> {
	const due = await claimDueEnrollments(db, now, limit, HOLD_MS);
	if (due.length === 0) return 0;
	const graphs = await graphsFor(
		db,
		due.map((r) => r.versionId)
	);
	for (let i = 0; i < due.length; i += CHUNK) {
		const started = performance.now();
		await inTransaction(db, async (trx) => {
			for (const run of due.slice(i, i + CHUNK)) {
				const graph = graphs.get(run.versionId);
				if (!graph)
					await saveEnrollment(trx, { ...run, status: 'failed' }, now, 'version unreadable');
				else await advance(trx, graph, run, { kind: 'timer' }, now);
			}
		});
		await yieldToIngestion(db, performance.now() - started);
	}
	return due.length;
}

/**
 * New events, in the order they were stored: they end runs (exit criteria, conversions), wake
 * runs waiting for them, and bring customers into journeys. One instance at a time runs this (a
 * leased job), reading from a cursor that moves only after the batch is done, so a crash replays
 * the batch and the re-entry rules and idempotency keys keep that harmless.
 */
export async function processNewEvents(db: Db, now = Date.now(), limit = 1_000): Promise<number> {
	const cursor = await readCursor(db, 'events');
	if (cursor === null) {
		// First start: journeys react to what happens from now on, not to the whole history.
		await writeCursor(db, 'events', await maxEventId(db));
		return 0;
	}
	const events = await eventsAfter(db, cursor, now - SETTLE_MS, limit);
	if (events.length === 0) return 0;
	const journeys = await liveJourneys(db, now);
	// Each chunk and the cursor move in one transaction: a crash replays exactly the chunk.
	for (let i = 0; i < events.length; i += EVENT_CHUNK) {
		const chunk = events.slice(i, i + EVENT_CHUNK);
		const started = performance.now();
		await inTransaction(db, async (trx) => {
			await routeEvents(trx, journeys, chunk, now);
			await writeCursor(trx, 'events', chunk[chunk.length - 1]!.id);
		});
		await yieldToIngestion(db, performance.now() - started);
	}
	return events.length;
}

const EVENT_CHUNK = 100;

async function routeEvents(
	trx: Db,
	journeys: LiveJourney[],
	events: EngineEvent[],
	now: number
): Promise<void> {
	const byWorkspace = new Map<number, EngineEvent[]>();
	for (const event of events) {
		if (event.customerId === null || event.name === null) continue;
		const list = byWorkspace.get(event.workspaceId) ?? [];
		list.push(event);
		byWorkspace.set(event.workspaceId, list);
	}
	for (const [workspaceId, list] of byWorkspace) {
		const entries = journeys.filter((j) => j.workspaceId === workspaceId);
		const runs = await activeEnrollmentsOf(trx, workspaceId, [
			...new Set(list.map((e) => e.customerId!))
		]);
		const graphs = await graphsFor(
			trx,
			runs.map((r) => r.versionId)
		);
		const live = new Set(entries.map((j) => j.journeyId));
		for (const event of list) {
			for (let r = 0; r < runs.length; r++) {
				const run = runs[r]!;
				if (run.customerId !== event.customerId || run.status !== 'active') continue;
				// A paused journey's runs hold where they are.
				if (!live.has(run.journeyId)) continue;
				const graph = graphs.get(run.versionId);
				if (graph) runs[r] = await onEvent(trx, graph, run, event, now);
			}
			for (const journey of entries) {
				const entry = journey.graph.entry;
				if (entry.type !== 'entry_event' || entry.event !== event.name) continue;
				if (!matchesAll(event.properties, entry.filters)) continue;
				const entered = await atomically(
					trx,
					() => enroll(trx, journey, event.customerId!, event.properties, now),
					(error): Promise<EnrollResult> => {
						console.error(
							`Journey ${journey.journeyId}: entering customer ${event.customerId} failed`,
							error
						);
						return Promise.resolve('failed');
					}
				);
				// It listens from the next event on.
				if (typeof entered === 'object') {
					runs.push(entered);
					graphs.set(entered.versionId, journey.graph);
				}
			}
		}
	}
}

async function onEvent(
	db: Db,
	graph: JourneyGraph,
	run: Enrollment,
	event: { name: string | null; properties: Record<string, unknown>; timestamp: number },
	now: number
): Promise<Enrollment> {
	const name = event.name!;
	const { settings }: JourneyDefinition = graph.definition;
	const listens =
		settings.exit.event === name || settings.goal?.event === name || run.waitingFor === name;
	if (!listens) return run;
	if (!(await claimEnrollment(db, run.id, now, HOLD_MS))) return run;
	if (settings.exit.event === name) return finish(db, run, 'exited', { event: name }, now);
	const goal = settings.goal;
	if (
		goal &&
		goal.event === name &&
		event.timestamp - run.enteredAt <= goal.windowDays * DAY &&
		matchesAll(event.properties, goal.filters)
	)
		return finish(db, run, 'converted', { event: name }, now);
	if (run.waitingFor === name)
		return advance(db, graph, run, { kind: 'event', name, properties: event.properties }, now);
	await saveEnrollment(db, run, now);
	return run;
}
