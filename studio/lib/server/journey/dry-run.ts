/**
 * A dry run: what a journey would have done over the last N days of real data. Who would have
 * entered comes from the stored events and profiles; a sample of them is run through the test-run
 * simulator with their own later events as the script, and the counts are scaled to everyone.
 * An estimate, and read-only: nothing is enrolled, logged or sent.
 */
import { monthDay, nextAnniversary, zoneOr } from '../../journey/clock';
import type { EntryNode, JourneyDefinition, ReEntry } from '../../journey/definition';
import { journeyGraph } from '../../journey/graph';
import { matchesAll } from '../../journey/match';
import type { Db } from '../db/connect';
import { simulateJourney, type ScriptedEvent, type WouldSend } from './simulate';
import { definitionToSimulate, type SimulationOutcome } from './simulate-request';
import {
	churnRiskAtLeast,
	customersWithDateValue,
	eventsNamed,
	eventsOfCustomers,
	lastEventsBetween,
	messageLimits,
	segmentMemberIds,
	workspaceTimeZone,
	type SimulationEvent
} from './simulation-repository';

const MINUTE = 60_000;
const DAY = 86_400_000;
export const MAX_DRY_RUN_DAYS = 90;
export const DEFAULT_DRY_RUN_DAYS = 30;
export const DEFAULT_SAMPLE = 500;
const MAX_SAMPLE = 5_000;
const PAGE = 5_000;

export interface DryRunInput {
	definition: JourneyDefinition;
	journeyId: number;
	/** How many days back to look, 1 to 90. */
	days: number;
	now?: number;
	/** How many entrants to simulate; the rest are scaled from them. */
	sample?: number;
}

export interface DryRunNode {
	/** Arrivals at the step. */
	entered: number;
	/** How they left it, or what it did (`timed_out`, `queued`, `skipped_consent`, `waiting`...). */
	outcomes: Record<string, number>;
}

export interface DryRunResult {
	/** Runs that would have started in the window (distinct customers when re-entry is never). */
	entrants: number;
	sampled: number;
	perNode: Record<string, DryRunNode>;
	/** What the entrants would receive, spread over the window's days. */
	messagesPerDay: Record<WouldSend['channel'], number>;
	days: number;
}

/** One run that would have started: who, when, and the entry event's properties. */
interface Entrant {
	customerId: number;
	at: number;
	entry: Record<string, unknown>;
	/** The entry event: events stored after it are what the customer did next. */
	eventId: number | null;
}

export async function dryRunJourney(
	db: Db,
	workspaceId: number,
	input: DryRunInput
): Promise<DryRunResult> {
	if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_DRY_RUN_DAYS)
		throw new RangeError(`days must be a whole number from 1 to ${MAX_DRY_RUN_DAYS}.`);
	const now = input.now ?? Date.now();
	const from = now - input.days * DAY;
	const graph = journeyGraph(input.definition);
	const entrants = await entrantsOf(db, workspaceId, graph.entry, input.definition, from, now);
	const picked = spread(
		entrants,
		Math.min(Math.max(input.sample ?? DEFAULT_SAMPLE, 1), MAX_SAMPLE)
	);

	const script = await laterEvents(db, workspaceId, input.definition, picked, now);
	const limits = await messageLimits(db, workspaceId);
	const perNode: Record<string, DryRunNode> = {};
	const sent: Record<WouldSend['channel'], number> = { email: 0, offer: 0, webhook: 0 };
	for (const [i, entrant] of picked.entries()) {
		const result = await simulateJourney(
			db,
			workspaceId,
			{
				definition: input.definition,
				journeyId: input.journeyId,
				customerId: entrant.customerId,
				entry: entrant.entry,
				start: entrant.at,
				events: script[i]
			},
			{ products: false, limits }
		);
		for (const step of result.steps) {
			const node = (perNode[step.nodeId] ??= { entered: 0, outcomes: {} });
			node.entered++;
			node.outcomes[step.outcome] = (node.outcomes[step.outcome] ?? 0) + 1;
			if (step.wouldSend) sent[step.wouldSend.channel]++;
		}
	}

	const scale = picked.length === 0 ? 0 : entrants.length / picked.length;
	const scaled = (n: number) => Math.round(n * scale);
	for (const node of Object.values(perNode)) {
		node.entered = scaled(node.entered);
		for (const key of Object.keys(node.outcomes)) node.outcomes[key] = scaled(node.outcomes[key]!);
	}
	const perDay = (n: number) => (n * scale) / input.days;
	return {
		entrants: entrants.length,
		sampled: picked.length,
		perNode,
		messagesPerDay: {
			email: perDay(sent.email),
			offer: perDay(sent.offer),
			webhook: perDay(sent.webhook)
		},
		days: input.days
	};
}

/** `n` of the list, evenly spread over it (it is in time order), or all of it. */
function spread<T>(list: readonly T[], n: number): T[] {
	if (list.length <= n) return [...list];
	return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]!);
}

/**
 * Who would have entered in [from, now]: each matching entry event, thinned by the re-entry
 * setting (once per customer for never, a cooldown apart, or every time for always, which
 * over-counts customers who enter again while still inside); for audience entries, who crossed the
 * line in the window (inactivity, anniversaries) or qualifies now (segment members, churn risk).
 */
async function entrantsOf(
	db: Db,
	workspaceId: number,
	entry: EntryNode,
	definition: JourneyDefinition,
	from: number,
	now: number
): Promise<Entrant[]> {
	const byTime = (list: Entrant[]) =>
		list.sort((a, b) => a.at - b.at || a.customerId - b.customerId);
	switch (entry.type) {
		case 'entry_event': {
			const perCustomer = new Map<number, Entrant[]>();
			for (let after = 0; ;) {
				const page = await eventsNamed(db, workspaceId, {
					name: entry.event,
					from,
					to: now,
					afterId: after,
					limit: PAGE
				});
				for (const event of page) {
					if (!matchesAll(event.properties, entry.filters)) continue;
					const list = perCustomer.get(event.customerId) ?? [];
					list.push({
						customerId: event.customerId,
						at: event.timestamp,
						entry: event.properties,
						eventId: event.id
					});
					perCustomer.set(event.customerId, list);
				}
				if (page.length < PAGE) break;
				after = page[page.length - 1]!.id;
			}
			const out: Entrant[] = [];
			for (const list of perCustomer.values())
				out.push(...reEntries(byTime(list), definition.settings.reEntry));
			return byTime(out);
		}
		case 'entry_segment':
			return (await segmentMemberIds(db, workspaceId, entry.segmentId)).map((customerId) => ({
				customerId,
				at: now,
				entry: { segment_id: entry.segmentId },
				eventId: null
			}));
		case 'entry_churn':
			return (await churnRiskAtLeast(db, workspaceId, entry.threshold)).map((customerId) => ({
				customerId,
				at: now,
				entry: { churn_threshold: entry.threshold },
				eventId: null
			}));
		case 'entry_inactivity': {
			const span = entry.days * DAY;
			const rows = await lastEventsBetween(db, workspaceId, {
				event: entry.event,
				from: from - span,
				to: now - span
			});
			return byTime(
				rows.map((r) => ({
					customerId: r.customerId,
					at: r.last + span,
					entry: { inactive_days: entry.days, event: entry.event },
					eventId: null
				}))
			);
		}
		case 'entry_date': {
			const fallback = await workspaceTimeZone(db, workspaceId);
			const out: Entrant[] = [];
			for (const row of await customersWithDateValue(db, workspaceId, entry.trait)) {
				const date = monthDay(row.value);
				if (!date) continue;
				const own = row.traits.timezone;
				const zone = zoneOr(typeof own === 'string' ? own : null, fallback);
				const at = nextAnniversary(from, zone, date, entry.offsetDays, entry.hour);
				if (at <= now)
					out.push({ customerId: row.id, at, entry: { trait: entry.trait }, eventId: null });
			}
			return byTime(out);
		}
	}
}

/** One customer's entries (in time order) that the re-entry setting lets through. */
function reEntries(list: Entrant[], reEntry: ReEntry): Entrant[] {
	if (reEntry.kind === 'always') return list;
	if (reEntry.kind === 'never') return list.slice(0, 1);
	const out: Entrant[] = [];
	for (const entrant of list)
		if (out.length === 0 || entrant.at - out[out.length - 1]!.at >= reEntry.days * DAY)
			out.push(entrant);
	return out;
}

/** The events a run listens to: what its waits and goals wait for, the journey's goal and exit. */
function listenedNames(definition: JourneyDefinition): string[] {
	const names = new Set<string>();
	for (const node of definition.nodes)
		if (node.type === 'wait_event' || node.type === 'goal') names.add(node.event);
	if (definition.settings.goal) names.add(definition.settings.goal.event);
	if (definition.settings.exit.event) names.add(definition.settings.exit.event);
	return [...names];
}

/** For each entrant, what they did after entering (up to now), as a test-run script. */
async function laterEvents(
	db: Db,
	workspaceId: number,
	definition: JourneyDefinition,
	entrants: Entrant[],
	now: number
): Promise<ScriptedEvent[][]> {
	if (entrants.length === 0) return [];
	const events = await eventsOfCustomers(db, workspaceId, {
		customerIds: entrants.map((e) => e.customerId),
		names: listenedNames(definition),
		from: Math.min(...entrants.map((e) => e.at)),
		to: now
	});
	const byCustomer = new Map<number, SimulationEvent[]>();
	for (const event of events) {
		const list = byCustomer.get(event.customerId) ?? [];
		list.push(event);
		byCustomer.set(event.customerId, list);
	}
	// Events at the very moment of entry count when they were stored after the entry event.
	const after = (entrant: Entrant, e: SimulationEvent) =>
		e.timestamp > entrant.at ||
		(e.timestamp === entrant.at && (entrant.eventId === null || e.id > entrant.eventId));
	return entrants.map((entrant) =>
		(byCustomer.get(entrant.customerId) ?? [])
			.filter((e) => after(entrant, e))
			.map((e) => ({
				name: e.name,
				properties: e.properties,
				atMinutes: (e.timestamp - entrant.at) / MINUTE
			}))
	);
}

// --- The dry-run request, as the REST API takes it -----------------------------------------------

export interface DryRunRequest {
	days: number;
	definition?: unknown;
}

export function readDryRunRequest(
	body: unknown
):
	| { ok: true; value: DryRunRequest }
	| { ok: false; code: 'invalid_body' | 'days_invalid'; message: string } {
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		return { ok: false, code: 'invalid_body', message: 'Send a JSON object (it may be empty).' };
	const input = body as Record<string, unknown>;
	const days = input.days ?? DEFAULT_DRY_RUN_DAYS;
	if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DRY_RUN_DAYS)
		return {
			ok: false,
			code: 'days_invalid',
			message: `days must be a whole number from 1 to ${MAX_DRY_RUN_DAYS}.`
		};
	return {
		ok: true,
		value: { days, ...(input.definition !== undefined ? { definition: input.definition } : {}) }
	};
}

/** The dry run behind `POST /api/v1/journeys/{id}/dry-run`: the draft, or the definition sent. */
export async function dryRunById(
	db: Db,
	workspaceId: number,
	journeyId: number,
	request: DryRunRequest,
	now = Date.now()
): Promise<SimulationOutcome<DryRunResult>> {
	const definition = await definitionToSimulate(db, workspaceId, journeyId, request.definition);
	if (!definition.ok) return definition;
	return {
		ok: true,
		value: await dryRunJourney(db, workspaceId, {
			definition: definition.value,
			journeyId,
			days: request.days,
			now
		})
	};
}
