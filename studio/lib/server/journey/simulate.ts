/**
 * A test run: one real customer through a journey on a virtual clock. It reads what the engine
 * reads (consent, email, traits, facts, segment membership, message counts, recommendations) and
 * takes the steps the engine takes (step-runner.ts), but writes nothing: profile changes and points
 * land on an in-memory copy of the customer, so later steps see them, and sends are reported as
 * what would go out. Scripted events stand in for what the customer does meanwhile.
 *
 * The customer may also be described instead of stored (`profile`): a new shopper with no row and
 * no history, whose conditions and segments are evaluated on the description itself.
 */
import { quietUntil } from '../../journey/clock';
import {
	MAX_MINUTES,
	type EmailNode,
	type JourneyDefinition,
	type JourneyNode,
	type NodeType,
	type OfferNode,
	type WebhookNode
} from '../../journey/definition';
import { journeyGraph, targetOf, type JourneyGraph } from '../../journey/graph';
import { matchesAll, matchesFilter, propertyAt } from '../../journey/match';
import { chooseSplitOutput, inGlobalHoldout, inJourneyHoldout } from '../../journey/split';
import type { Db } from '../db/connect';
import { countMessagesSince } from '../messaging/outbox-repository';
import {
	isSegmentMember,
	journeyCustomer,
	type JourneyCustomer
} from './journey-customer-repository';
import {
	blockProducts,
	customerKey,
	delayEnd,
	renderEmail,
	renderOffer,
	renderWebhookBody,
	sameValue,
	templateVars,
	timeZoneOf
} from './step-content';
import {
	customerMatchesWithTraits,
	describedCustomerMatches,
	describedInSegment,
	messageLimits,
	workspaceTimeZone,
	type DescribedCustomer
} from './simulation-repository';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** As the engine: a definition that loops without waiting is refused by lint; this stops one. */
const MAX_STEPS = 200;
export const DEFAULT_HORIZON_MINUTES = 60 * 24 * 60;
export const MAX_SCRIPTED_EVENTS = 200;

export interface ScriptedEvent {
	name: string;
	properties?: Record<string, unknown>;
	/** Minutes after the customer entered. */
	atMinutes: number;
}

interface SimulationBase {
	definition: JourneyDefinition;
	journeyId: number;
	events?: ScriptedEvent[];
	/** The properties of the event that brought the customer in (`{{entry.x}}`, matchKey). */
	entry?: Record<string, unknown>;
	/** When the customer enters, in ms; now by default. */
	start?: number;
	horizonMinutes?: number;
}

/** A stored customer (`customerId`) or a described one (`profile`) who exists only in this run. */
export type SimulationInput = SimulationBase &
	(
		| { customerId: number; profile?: undefined }
		| { customerId?: undefined; profile: DescribedCustomer }
	);

export interface WouldSend {
	channel: 'email' | 'offer' | 'webhook';
	/** The email address, the offers slot, or the webhook's URL. */
	recipient: string | null;
	subject?: string;
	body?: string;
	skus?: string[];
}

export interface SimulationStep {
	/** When the step's outcome happened on the virtual clock, in ms. */
	at: number;
	nodeId: string;
	type: NodeType;
	/** The output taken (`next`, `timed_out`, `yes`...) or what the step did (`queued`...). */
	outcome: string;
	detail?: unknown;
	wouldSend?: WouldSend;
}

/** `holdout`: the customer falls in the journey's or the workspace's control group. */
export type SimulationStatus =
	'completed' | 'converted' | 'exited' | 'waiting' | 'failed' | 'holdout';

export interface SimulationResult {
	steps: SimulationStep[];
	status: SimulationStatus;
	/** When the run ended; for `waiting`, the end of the horizon. */
	endedAt: number;
	messages: number;
}

export type MessageLimits = Awaited<ReturnType<typeof messageLimits>>;

export interface SimulationOptions {
	/** Ask the recommender for product blocks (default true); a dry run needs only the counts. */
	products?: boolean;
	/** The workspace's caps and global holdout, when the caller has read them already. */
	limits?: MessageLimits;
}

interface TimedEvent {
	name: string;
	properties: Record<string, unknown>;
	at: number;
}

interface Run {
	db: Db;
	workspaceId: number;
	journeyId: number;
	graph: JourneyGraph;
	customer: JourneyCustomer;
	/** A described customer: nothing about them is stored, so nothing is read by their id. */
	described: boolean;
	/** Set once a step changed them: conditions then read these instead of the stored ones. */
	changedTraits: boolean;
	entry: Record<string, unknown>;
	events: TimedEvent[];
	cursor: number;
	start: number;
	end: number;
	now: number;
	sent: { channel: WouldSend['channel']; at: number }[];
	limits: MessageLimits;
	products: boolean;
}

type Result =
	| {
			kind: 'next';
			output: string;
			outcome?: string;
			at: number;
			detail?: unknown;
			wouldSend?: WouldSend;
	  }
	| { kind: 'end'; status: SimulationStatus; outcome: string; at: number; detail?: unknown };

export async function simulateJourney(
	db: Db,
	workspaceId: number,
	input: SimulationInput,
	options: SimulationOptions = {}
): Promise<SimulationResult> {
	const graph = journeyGraph(input.definition);
	const start = input.start ?? Date.now();
	const horizon = Math.min(
		Math.max(input.horizonMinutes ?? DEFAULT_HORIZON_MINUTES, 0),
		MAX_MINUTES
	);
	const stored = input.profile
		? await describedAsCustomer(db, workspaceId, input.profile)
		: await journeyCustomer(db, workspaceId, input.customerId);
	if (!stored) {
		const step = { at: start, nodeId: graph.entry.id, type: graph.entry.type, outcome: 'failed' };
		return {
			steps: [{ ...step, detail: { error: 'no such customer' } }],
			status: 'failed',
			endedAt: start,
			messages: 0
		};
	}
	const run: Run = {
		db,
		workspaceId,
		journeyId: input.journeyId,
		graph,
		customer: { ...stored, traits: structuredClone(stored.traits) },
		described: input.profile !== undefined,
		changedTraits: false,
		entry: input.entry ?? {},
		events: (input.events ?? [])
			.map((e) => ({
				name: e.name,
				properties: e.properties ?? {},
				at: start + Math.round(e.atMinutes * MINUTE)
			}))
			.sort((a, b) => a.at - b.at),
		cursor: 0,
		start,
		end: start + horizon * MINUTE,
		now: start,
		sent: [],
		limits: options.limits ?? (await messageLimits(db, workspaceId)),
		products: options.products ?? true
	};
	const steps: SimulationStep[] = [];
	const finish = (status: SimulationStatus, endedAt: number): SimulationResult => ({
		steps,
		status,
		endedAt,
		messages: steps.filter((s) => s.wouldSend).length
	});

	// The engine decides the control groups when the customer enters, on the same hashes.
	const key = customerKey(run.customer);
	const global = inGlobalHoldout(run.limits.globalHoldout, workspaceId, key);
	if (global || inJourneyHoldout(graph.definition.settings.holdout, input.journeyId, key)) {
		steps.push({
			at: start,
			nodeId: graph.entry.id,
			type: graph.entry.type,
			outcome: 'holdout',
			detail: { group: global ? 'workspace' : 'journey' }
		});
		return finish('holdout', start);
	}

	let node: JourneyNode | null = graph.entry;
	for (let i = 0; ; i++) {
		if (i >= MAX_STEPS) {
			steps.push({
				at: run.now,
				nodeId: node.id,
				type: node.type,
				outcome: 'failed',
				detail: { error: 'too many steps without a wait' }
			});
			return finish('failed', run.now);
		}
		const result = await execute(run, node);
		const step: SimulationStep = {
			at: result.at,
			nodeId: node.id,
			type: node.type,
			outcome: result.kind === 'next' ? (result.outcome ?? result.output) : result.outcome
		};
		if (result.detail !== undefined) step.detail = result.detail;
		if (result.kind === 'next' && result.wouldSend) {
			step.wouldSend = result.wouldSend;
			run.sent.push({ channel: result.wouldSend.channel, at: result.at });
		}
		steps.push(step);
		if (result.kind === 'end')
			return finish(result.status, result.status === 'waiting' ? run.end : result.at);
		run.now = result.at;
		node = targetOf(graph, node.id, result.output);
		// An unconnected output (only an unfinished draft has one) ends the run, as in the engine.
		if (!node) return finish('completed', run.now);
	}
}

/**
 * A described customer as the steps see one. Id 0 belongs to no stored customer (ids start at 1);
 * the run never reads by it anyway (see `Run.described`).
 */
async function describedAsCustomer(
	db: Db,
	workspaceId: number,
	profile: DescribedCustomer
): Promise<JourneyCustomer> {
	return { ...profile, id: 0, workspaceTimeZone: await workspaceTimeZone(db, workspaceId) };
}

/** The key splits and control groups hash, as the engine forms it. */
type Waited =
	| { kind: 'timeout'; at: number }
	| { kind: 'event'; at: number; name: string }
	| { kind: 'end'; at: number; status: 'converted' | 'exited'; name: string }
	| { kind: 'horizon' };

/**
 * Lets virtual time pass from `run.now` to `deadline`, reading the scripted events in between as
 * the engine reads live ones: the journey's exit event first, then its goal (within the window
 * after entering), then what this step waits for. Events nobody listens to are passed over.
 */
function waitUntil(
	run: Run,
	deadline: number,
	listen: ((e: TimedEvent) => boolean) | null
): Waited {
	const { exit, goal } = run.graph.definition.settings;
	const limit = Math.min(deadline, run.end);
	while (run.cursor < run.events.length) {
		const event = run.events[run.cursor]!;
		// Before now: it happened while nothing listened (only instant steps run between waits).
		if (event.at < run.now) {
			run.cursor++;
			continue;
		}
		if (event.at >= limit) break;
		run.cursor++;
		if (exit.event === event.name)
			return { kind: 'end', at: event.at, status: 'exited', name: event.name };
		if (
			goal &&
			goal.event === event.name &&
			event.at - run.start <= goal.windowDays * DAY &&
			matchesAll(event.properties, goal.filters)
		)
			return { kind: 'end', at: event.at, status: 'converted', name: event.name };
		if (listen?.(event)) return { kind: 'event', at: event.at, name: event.name };
	}
	return deadline > run.end ? { kind: 'horizon' } : { kind: 'timeout', at: deadline };
}

/** A wait's result as a step: `onEvent` and `onTimeout` are the outputs to take. */
function afterWait(run: Run, waited: Waited, deadline: number, onTimeout: string): Result {
	const waitedMinutes = (at: number) => Math.round((at - run.now) / MINUTE);
	switch (waited.kind) {
		case 'end':
			return {
				kind: 'end',
				status: waited.status,
				outcome: waited.status,
				at: waited.at,
				detail: { event: waited.name }
			};
		case 'horizon':
			return {
				kind: 'end',
				status: 'waiting',
				outcome: 'waiting',
				at: run.now,
				detail: { until: deadline }
			};
		case 'timeout':
			return {
				kind: 'next',
				output: onTimeout,
				at: waited.at,
				detail: { waitedMinutes: waitedMinutes(waited.at) }
			};
		case 'event':
			return {
				kind: 'next',
				output: 'happened',
				at: waited.at,
				detail: { event: waited.name, waitedMinutes: waitedMinutes(waited.at) }
			};
	}
}

async function execute(run: Run, node: JourneyNode): Promise<Result> {
	const at = run.now;
	switch (node.type) {
		case 'entry_event':
		case 'entry_segment':
		case 'entry_date':
		case 'entry_inactivity':
		case 'entry_churn':
			return { kind: 'next', output: 'next', at };
		case 'exit':
			return { kind: 'end', status: 'completed', outcome: 'completed', at };
		case 'delay': {
			const deadline = delayEnd(run.now, run.customer, node.delay);
			return afterWait(run, waitUntil(run, deadline, null), deadline, 'next');
		}
		case 'wait_event': {
			const deadline = at + node.timeoutMinutes * MINUTE;
			const waited = waitUntil(
				run,
				deadline,
				(e) =>
					e.name === node.event &&
					matchesAll(e.properties, node.filters) &&
					(!node.matchKey ||
						sameValue(
							propertyAt(e.properties, node.matchKey),
							propertyAt(run.entry, node.matchKey)
						))
			);
			return afterWait(run, waited, deadline, 'timed_out');
		}
		case 'goal': {
			const deadline = at + node.windowMinutes * MINUTE;
			const waited = waitUntil(
				run,
				deadline,
				(e) => e.name === node.event && matchesAll(e.properties, node.filters)
			);
			// Reaching the step's own event is a conversion, not an output.
			if (waited.kind === 'event')
				return {
					kind: 'end',
					status: 'converted',
					outcome: 'converted',
					at: waited.at,
					detail: { event: waited.name }
				};
			return afterWait(run, waited, deadline, 'not_converted');
		}
		case 'condition': {
			const results: boolean[] = [];
			for (const check of node.checks) {
				let ok: boolean;
				if (check.kind === 'customer')
					ok = run.described
						? await describedCustomerMatches(run.db, run.workspaceId, run.customer, check.root, at)
						: await customerMatchesWithTraits(
								run.db,
								run.workspaceId,
								run.customer.id,
								run.changedTraits ? run.customer.traits : null,
								check.root,
								at
							);
				else if (check.kind === 'segment')
					ok = (await inSegment(run, check.segmentId, at)) === check.member;
				else ok = matchesFilter(run.entry, check.filter);
				results.push(ok);
				if (node.match === 'all' ? !ok : ok) break;
			}
			const yes = node.match === 'all' ? results.every(Boolean) : results.some(Boolean);
			return { kind: 'next', output: yes ? 'yes' : 'no', at, detail: { checks: results } };
		}
		case 'split': {
			const output = chooseSplitOutput(node, run.journeyId, customerKey(run.customer));
			return { kind: 'next', output, at, detail: { mode: node.mode, bucket: output } };
		}
		case 'update_profile': {
			const traits = run.customer.traits;
			const change = node.change;
			if (change.kind === 'set_trait') traits[change.key] = change.value;
			else {
				const tags = Array.isArray(traits.tags)
					? traits.tags.filter((t): t is string => typeof t === 'string')
					: [];
				traits.tags =
					change.kind === 'add_tag'
						? [...new Set([...tags, change.tag])]
						: tags.filter((t) => t !== change.tag);
			}
			run.changedTraits = true;
			return { kind: 'next', output: 'next', outcome: 'updated', at, detail: change };
		}
		case 'award_points':
			run.customer.loyaltyPoints += node.points;
			return {
				kind: 'next',
				output: 'next',
				outcome: 'awarded',
				at,
				detail: { points: node.points }
			};
		case 'email':
		case 'offer':
		case 'webhook':
			return send(run, node);
	}
}

async function inSegment(run: Run, segmentId: number, at: number): Promise<boolean> {
	if (run.described)
		return describedInSegment(run.db, run.workspaceId, segmentId, run.customer, at);
	return isSegmentMember(run.db, run.workspaceId, segmentId, run.customer.id);
}

/** Whether a cap is reached: the stored sends plus the ones this run would have made. */
async function capped(run: Run, at: number): Promise<boolean> {
	for (const [cap, window] of [
		[run.limits.capPerDay, DAY],
		[run.limits.capPerWeek, 7 * DAY]
	] as const) {
		if (cap === null) continue;
		const since = at - window;
		// A described customer has had no messages.
		const stored = run.described
			? 0
			: await countMessagesSince(run.db, run.workspaceId, run.customer.id, since, [
					'email',
					'offer'
				]);
		const simulated = run.sent.filter((s) => s.channel !== 'webhook' && s.at >= since).length;
		if (stored + simulated >= cap) return true;
	}
	return false;
}

/** The step-runner's send rules (consent, quiet hours, caps) with the send itself reported. */
async function send(run: Run, node: EmailNode | OfferNode | WebhookNode): Promise<Result> {
	const customer = run.customer;
	const vars = templateVars(customer, run.entry);
	if (node.type === 'webhook') {
		const body = renderWebhookBody(node, vars);
		return {
			kind: 'next',
			output: 'next',
			outcome: 'queued',
			at: run.now,
			wouldSend: { channel: 'webhook', recipient: node.url, body }
		};
	}
	const skip = (outcome: string): Result => ({
		kind: 'next',
		output: 'next',
		outcome,
		at: run.now
	});
	if (customer.consent === 'denied') return skip('skipped_consent');
	if (node.type === 'email' && !customer.email) return skip('skipped_no_email');
	const arrived = run.now;
	let at = arrived;
	const quiet = quietUntil(at, timeZoneOf(customer), run.graph.definition.settings.quietHours);
	if (quiet !== null) {
		const waited = waitUntil(run, quiet, null);
		if (waited.kind !== 'timeout') return afterWait(run, waited, quiet, 'next');
		at = quiet;
	}
	const deferred = at === arrived ? {} : { quietHoursFrom: arrived };
	const moved = at === arrived ? {} : { detail: deferred };
	if (await capped(run, at)) return { ...skip('skipped_cap'), at, ...moved };
	const items = run.products
		? await blockProducts(
				run.db,
				run.workspaceId,
				run.described ? null : customer.id,
				node.products,
				at
			)
		: [];
	const skus = items.map((p) => p.sku);
	if (node.type === 'email') {
		const { subject, text } = renderEmail(node, vars, items);
		return {
			kind: 'next',
			output: 'next',
			outcome: 'queued',
			at,
			...moved,
			wouldSend: {
				channel: 'email',
				recipient: customer.email,
				subject,
				body: text,
				skus
			}
		};
	}
	const offer = renderOffer(node, vars);
	return {
		kind: 'next',
		output: 'next',
		outcome: 'sent',
		at,
		detail: { ...deferred, expiresAt: at + node.expiresHours * 3_600_000 },
		wouldSend: {
			channel: 'offer',
			recipient: node.placement,
			subject: offer.title,
			body: offer.body,
			skus
		}
	};
}
