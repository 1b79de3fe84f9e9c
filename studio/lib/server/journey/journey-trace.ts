/**
 * The live views of journeys: who is at a node of the canvas, and one customer's runs explained
 * step by step. Each run is read against its own published version (a republished journey may
 * have renamed or removed the node since), and the "why" of each step is structured data that the
 * studio words in the reader's language.
 */
import type { JourneyNode, NodeType } from '../../journey/definition';
import { NODE_TYPES } from '../../journey/definition';
import { NODE_ID_PATTERN } from '../../journey/nodes';
import {
	explainStep,
	isSendOutcome,
	type CustomerTrace,
	type TraceMessage,
	type TraceRun,
	type TraceStep
} from '../../journey/trace';
import { parseJourney } from '../../journey/validate';
import type { Db } from '../db/connect';
import type { EnrollmentStatus } from '../db/schema';
import { findJourney } from './journey-repository';
import {
	messagesOfRuns,
	passedNode,
	runsOfCustomer,
	segmentNames,
	stepsOfRuns,
	versionDefinitions,
	waitingAtNode,
	type RunMessageRow,
	type RunRow,
	type StepLogRow
} from './trace-repository';

export const NODE_CUSTOMER_STATES = ['waiting', 'passed'] as const;
export type NodeCustomerState = (typeof NODE_CUSTOMER_STATES)[number];
export const MAX_NODE_CUSTOMERS = 100;
export const DEFAULT_NODE_CUSTOMERS = 25;
/** The profile shows this many runs, newest first. */
export const TRACE_RUNS = 50;
/** Visits shown per run; a run looping for months keeps its latest ones. */
export const TRACE_VISITS = 200;

export interface NodeCustomer {
	/** Unique in the list (a customer who passed twice has two rows): `e<run>` or `s<log entry>`. */
	id: string;
	customerId: number;
	name: string | null;
	email: string | null;
	externalId: string | null;
	enrollmentId: number;
	/** The run's status now (a customer who passed may since have converted or left). */
	status: EnrollmentStatus;
	/** Waiting: when the run arrived at the node. Passed: when it came out. */
	at: number | null;
	/** Passed only: what came out (an output's name, `queued`, `converted`...). */
	outcome: string | null;
	/** Waiting only: the timer and the event the run waits for. */
	wakeAt: number | null;
	waitingFor: string | null;
}

export interface NodeCustomersPage {
	customers: NodeCustomer[];
	/** Pass back as `cursor` for the next page; null on the last page. */
	nextCursor: string | null;
}

export interface NodeCustomersQuery {
	state: NodeCustomerState;
	limit: number;
	/** The previous page's `nextCursor`. */
	cursor?: string;
}

export type NodeCustomersResult =
	| { ok: true; value: NodeCustomersPage }
	| { ok: false; error: { code: 'not_found' | 'invalid_query'; message: string } };

/** A cursor is the last row's id (a run's for waiting, a log entry's for passed). */
function readCursor(cursor: string | undefined): number | null | undefined {
	if (cursor === undefined || cursor === '') return undefined;
	if (!/^\d{1,15}$/.test(cursor)) return null;
	const id = Number(cursor);
	return id > 0 ? id : null;
}

/**
 * The query string of the node customers endpoint, checked: `state` (waiting | passed, default
 * waiting), `limit` (1-100), `cursor`. A wrong value is refused, not ignored, since it is an API.
 */
export function parseNodeCustomersQuery(
	params: URLSearchParams
): { ok: true; value: NodeCustomersQuery } | { ok: false; message: string } {
	const state = params.get('state') ?? 'waiting';
	if (!(NODE_CUSTOMER_STATES as readonly string[]).includes(state))
		return { ok: false, message: 'state must be waiting or passed.' };
	const rawLimit = params.get('limit');
	const limit = rawLimit === null ? DEFAULT_NODE_CUSTOMERS : Number(rawLimit);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NODE_CUSTOMERS)
		return { ok: false, message: `limit must be a whole number from 1 to ${MAX_NODE_CUSTOMERS}.` };
	const cursor = params.get('cursor') ?? undefined;
	if (readCursor(cursor) === null) return { ok: false, message: 'cursor is not valid.' };
	return { ok: true, value: { state: state as NodeCustomerState, limit, cursor } };
}

/** Customers at a node of a journey: waiting there now, or recently through it, newest first. */
export async function customersAtNode(
	db: Db,
	workspaceId: number,
	journeyId: number,
	nodeId: string,
	query: NodeCustomersQuery
): Promise<NodeCustomersResult> {
	const invalid = (message: string) =>
		({ ok: false, error: { code: 'invalid_query', message } }) as const;
	if (!NODE_ID_PATTERN.test(nodeId)) return invalid('The step id is not valid.');
	const before = readCursor(query.cursor);
	if (before === null) return invalid('cursor is not valid.');
	const limit = Math.min(Math.max(Math.trunc(query.limit) || 1, 1), MAX_NODE_CUSTOMERS);
	if (!(await findJourney(db, workspaceId, journeyId)))
		return { ok: false, error: { code: 'not_found', message: 'No such journey.' } };

	// One row more than the page says whether another page follows.
	let customers: NodeCustomer[];
	let lastId: number | undefined;
	if (query.state === 'waiting') {
		const rows = await waitingAtNode(db, workspaceId, journeyId, nodeId, limit + 1, before);
		const page = rows.slice(0, limit);
		customers = page.map((r) => ({
			id: `e${r.enrollmentId}`,
			customerId: r.customerId,
			name: r.name,
			email: r.email,
			externalId: r.externalId,
			enrollmentId: r.enrollmentId,
			status: r.status,
			at: r.since,
			outcome: null,
			wakeAt: r.wakeAt,
			waitingFor: r.waitingFor
		}));
		lastId = rows.length > limit ? page[page.length - 1]?.enrollmentId : undefined;
	} else {
		const rows = await passedNode(db, workspaceId, journeyId, nodeId, limit + 1, before);
		const page = rows.slice(0, limit);
		customers = page.map((r) => ({
			id: `s${r.stepId}`,
			customerId: r.customerId,
			name: r.name,
			email: r.email,
			externalId: r.externalId,
			enrollmentId: r.enrollmentId,
			status: r.status,
			at: r.at,
			outcome: r.outcome,
			wakeAt: null,
			waitingFor: null
		}));
		lastId = rows.length > limit ? page[page.length - 1]?.stepId : undefined;
	}
	return {
		ok: true,
		value: { customers, nextCursor: lastId === undefined ? null : String(lastId) }
	};
}

interface VersionNodes {
	/** Typed nodes when the version parses (published ones do). */
	typed: Map<string, JourneyNode>;
	/** Type and label read loosely, for a version that somehow does not. */
	loose: Map<string, { type: NodeType | null; label: string | null }>;
}

function versionNodes(definition: unknown): VersionNodes {
	const parsed = parseJourney(definition);
	if (parsed.ok)
		return { typed: new Map(parsed.definition.nodes.map((n) => [n.id, n])), loose: new Map() };
	const loose = new Map<string, { type: NodeType | null; label: string | null }>();
	const nodes = (definition as { nodes?: unknown } | null)?.nodes;
	for (const raw of Array.isArray(nodes) ? nodes : []) {
		const n = raw as { id?: unknown; type?: unknown; label?: unknown } | null;
		if (!n || typeof n.id !== 'string') continue;
		loose.set(n.id, {
			type: (NODE_TYPES as readonly unknown[]).includes(n.type) ? (n.type as NodeType) : null,
			label: typeof n.label === 'string' && n.label.trim() ? n.label : null
		});
	}
	return { typed: new Map(), loose };
}

function segmentIdsOf(versions: Iterable<VersionNodes>, steps: StepLogRow[]): number[] {
	const ids = new Set<number>();
	for (const v of versions)
		for (const node of v.typed.values())
			if (node.type === 'condition')
				for (const check of node.checks) if (check.kind === 'segment') ids.add(check.segmentId);
	for (const s of steps) {
		const left = (s.detail as { left_segment?: unknown } | null)?.left_segment;
		if (typeof left === 'number') ids.add(left);
	}
	return [...ids];
}

function toMessage(row: RunMessageRow): TraceMessage {
	return {
		id: row.id,
		channel: row.channel,
		status: row.status,
		subject: row.subject,
		recipient: row.recipient,
		error: row.error,
		attempts: row.attempts,
		createdAt: row.createdAt,
		sentAt: row.sentAt
	};
}

/**
 * One run's log as visits: an arrival (`entered`) and the outcome that follows at the same node
 * become one step; an outcome with no arrival before it (a holdout on entry, a second outcome at
 * the same node) stands alone. A send's message is matched to its visit in order, since each
 * arrival at a node gets its own message (its idempotency key counts the arrivals).
 */
function runSteps(
	run: RunRow,
	log: StepLogRow[],
	messages: RunMessageRow[],
	nodes: VersionNodes,
	segmentName: (id: number) => string | null
): TraceStep[] {
	const entry = ((run.context as { entry?: unknown } | null)?.entry ?? {}) as Record<
		string,
		unknown
	>;
	const queues = new Map<string, RunMessageRow[]>();
	for (const m of messages) {
		if (m.nodeId === null) continue;
		queues.set(m.nodeId, [...(queues.get(m.nodeId) ?? []), m]);
	}
	const steps: TraceStep[] = [];
	for (const s of log) {
		const typed = nodes.typed.get(s.nodeId) ?? null;
		const loose = nodes.loose.get(s.nodeId);
		const node = {
			nodeId: s.nodeId,
			type: typed?.type ?? loose?.type ?? null,
			label: (typed ? typed.label?.trim() || null : loose?.label) ?? null
		};
		if (s.outcome === 'entered') {
			steps.push({
				...node,
				enteredAt: s.at,
				outcome: null,
				at: null,
				why: null
			});
			continue;
		}
		const message = isSendOutcome(s.outcome) ? (queues.get(s.nodeId)?.shift() ?? null) : null;
		const why = explainStep(typed, s.outcome, s.detail, {
			entry,
			message: message ? toMessage(message) : null,
			segmentName
		});
		const last = steps[steps.length - 1];
		if (last && last.nodeId === s.nodeId && last.outcome === null) {
			last.outcome = s.outcome;
			last.at = s.at;
			last.why = why;
		} else {
			steps.push({
				...node,
				enteredAt: null,
				outcome: s.outcome,
				at: s.at,
				why
			});
		}
	}
	return steps;
}

/** A customer's runs, newest first, each with its path explained. */
export async function customerTrace(
	db: Db,
	workspaceId: number,
	customerId: number,
	limit = TRACE_RUNS
): Promise<CustomerTrace> {
	const found = await runsOfCustomer(db, workspaceId, customerId, limit + 1);
	const runs = found.slice(0, limit);
	if (runs.length === 0) return { runs: [], more: false };
	const ids = runs.map((r) => r.id);
	const [log, messages, definitions] = await Promise.all([
		stepsOfRuns(db, workspaceId, ids),
		messagesOfRuns(db, workspaceId, ids),
		versionDefinitions(
			db,
			workspaceId,
			runs.map((r) => r.versionId)
		)
	]);
	const versions = new Map([...definitions].map(([id, d]) => [id, versionNodes(d)]));
	const names = await segmentNames(db, workspaceId, segmentIdsOf(versions.values(), log));
	const segmentName = (id: number) => names.get(id) ?? null;

	const logBy = group(log, (s) => s.enrollmentId);
	const messagesBy = group(messages, (m) => m.enrollmentId);
	const empty: VersionNodes = { typed: new Map(), loose: new Map() };
	const traced = runs.map((run): TraceRun => {
		const steps = runSteps(
			run,
			logBy.get(run.id) ?? [],
			messagesBy.get(run.id) ?? [],
			versions.get(run.versionId) ?? empty,
			segmentName
		);
		const omitted = Math.max(0, steps.length - TRACE_VISITS);
		return {
			id: run.id,
			journeyId: run.journeyId,
			journeyName: run.journeyName,
			version: run.version,
			status: run.status,
			nodeId: run.nodeId,
			enteredAt: run.enteredAt,
			endedAt: run.endedAt,
			wakeAt: run.status === 'active' ? run.wakeAt : null,
			waitingFor: run.status === 'active' ? run.waitingFor : null,
			error: run.error,
			steps: omitted ? steps.slice(omitted) : steps,
			omittedSteps: omitted
		};
	});
	return { runs: traced, more: found.length > limit };
}

function group<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
	const out = new Map<number, T[]>();
	for (const row of rows) {
		const k = key(row);
		const list = out.get(k);
		if (list) list.push(row);
		else out.set(k, [row]);
	}
	return out;
}
