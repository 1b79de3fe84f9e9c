/**
 * A dry run: what a journey would have done over the last N days of real data. Who could have
 * entered comes from the stored events and profiles; a sample of those customers is run through
 * the test-run simulator with their own later events as the script, one run after another as the
 * re-entry setting lets them in, and the counts are scaled to everyone.
 * An estimate, and read-only: nothing is enrolled, logged or sent.
 */
import type { JourneyDefinition } from '../../journey/definition';
import { journeyGraph } from '../../journey/graph';
import type { Db } from '../db/connect';
import { admittedRuns, candidateEntries, type DryRun, type Entrant } from './dry-run-entrants';
import {
	DEFAULT_HORIZON_MINUTES,
	simulateJourney,
	type ScriptedEvent,
	type WouldSend
} from './simulate';
import { definitionToSimulate, type SimulationOutcome } from './simulate-request';
import { eventsOfCustomers, messageLimits, type SimulationEvent } from './simulation-repository';

const MINUTE = 60_000;
const DAY = 86_400_000;
export const MAX_DRY_RUN_DAYS = 90;
export const DEFAULT_DRY_RUN_DAYS = 30;
export const DEFAULT_SAMPLE = 500;
const MAX_SAMPLE = 5_000;

export interface DryRunInput {
	definition: JourneyDefinition;
	journeyId: number;
	/** How many days back to look, 1 to 90. */
	days: number;
	now?: number;
	/** About how many runs to simulate; the rest are scaled from them. */
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
	/** Runs simulated; when fewer than `entrants`, the figures are scaled from them. */
	sampled: number;
	perNode: Record<string, DryRunNode>;
	/** What the entrants would receive, spread over the window's days. */
	messagesPerDay: Record<WouldSend['channel'], number>;
	days: number;
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
	const { definition } = input;
	const graph = journeyGraph(definition);
	const { reEntry } = definition.settings;
	let customers = await candidateEntries(db, workspaceId, graph.entry, from, now);
	if (reEntry.kind === 'never') customers = customers.map((list) => list.slice(0, 1));
	const picked = pickCustomers(
		customers,
		Math.min(Math.max(input.sample ?? DEFAULT_SAMPLE, 1), MAX_SAMPLE)
	);

	const scriptFor = await laterEvents(db, workspaceId, definition, picked.flat(), now);
	const limits = await messageLimits(db, workspaceId);
	const simulate = (entrant: Entrant) =>
		simulateJourney(
			db,
			workspaceId,
			{
				definition,
				journeyId: input.journeyId,
				customerId: entrant.customerId,
				entry: entrant.entry,
				start: entrant.at,
				events: scriptFor(entrant),
				// At least up to now: whether a run was still inside decides later entries.
				horizonMinutes: Math.max(DEFAULT_HORIZON_MINUTES, Math.ceil((now - entrant.at) / MINUTE))
			},
			{ products: false, limits }
		);
	const runs: DryRun[] = [];
	for (const candidates of picked)
		runs.push(...(await admittedRuns(candidates, reEntry, simulate)));

	const perNode: Record<string, DryRunNode> = {};
	const sent: Record<WouldSend['channel'], number> = { email: 0, offer: 0, webhook: 0 };
	for (const { result } of runs)
		for (const step of result.steps) {
			const node = (perNode[step.nodeId] ??= { entered: 0, outcomes: {} });
			node.entered++;
			node.outcomes[step.outcome] = (node.outcomes[step.outcome] ?? 0) + 1;
			if (step.wouldSend) sent[step.wouldSend.channel]++;
		}

	// Customers, not runs, are sampled: how often one re-enters depends on their own history.
	const scale = picked.length === 0 ? 0 : customers.length / picked.length;
	const scaled = (n: number) => Math.round(n * scale);
	for (const node of Object.values(perNode)) {
		node.entered = scaled(node.entered);
		for (const key of Object.keys(node.outcomes)) node.outcomes[key] = scaled(node.outcomes[key]!);
	}
	const perDay = (n: number) => (n * scale) / input.days;
	return {
		entrants: scaled(runs.length),
		sampled: runs.length,
		perNode,
		messagesPerDay: {
			email: perDay(sent.email),
			offer: perDay(sent.offer),
			webhook: perDay(sent.webhook)
		},
		days: input.days
	};
}

/**
 * Customers evenly spread over the list (it is in time order), about `runs` candidate entries in
 * all; everyone when their candidates fit. Candidates bound the runs from above, so the number
 * simulated stays near the budget even for customers who add to a cart every day.
 */
function pickCustomers(customers: Entrant[][], runs: number): Entrant[][] {
	const candidates = customers.reduce((sum, list) => sum + list.length, 0);
	if (candidates <= runs) return customers;
	const n = Math.max(1, Math.floor((runs * customers.length) / candidates));
	return Array.from({ length: n }, (_, i) => customers[Math.floor((i * customers.length) / n)]!);
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

/** What a customer did after entering (up to now), as a test-run script. */
async function laterEvents(
	db: Db,
	workspaceId: number,
	definition: JourneyDefinition,
	entrants: Entrant[],
	now: number
): Promise<(entrant: Entrant) => ScriptedEvent[]> {
	const byCustomer = new Map<number, SimulationEvent[]>();
	if (entrants.length > 0) {
		const events = await eventsOfCustomers(db, workspaceId, {
			customerIds: [...new Set(entrants.map((e) => e.customerId))],
			names: listenedNames(definition),
			// Entrants are many for a busy entry event: too many to spread into Math.min.
			from: entrants.reduce((min, e) => Math.min(min, e.at), Infinity),
			to: now
		});
		for (const event of events) {
			const list = byCustomer.get(event.customerId) ?? [];
			list.push(event);
			byCustomer.set(event.customerId, list);
		}
	}
	// Events at the very moment of entry count when they were stored after the entry event.
	const after = (entrant: Entrant, e: SimulationEvent) =>
		e.timestamp > entrant.at ||
		(e.timestamp === entrant.at && (entrant.eventId === null || e.id > entrant.eventId));
	return (entrant) =>
		(byCustomer.get(entrant.customerId) ?? [])
			.filter((e) => after(entrant, e))
			.map((e) => ({
				name: e.name,
				properties: e.properties,
				atMinutes: (e.timestamp - entrant.at) / MINUTE
			}));
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
