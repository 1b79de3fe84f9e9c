/**
 * A customer's path through a journey, explained: which steps a run visited, what came out of
 * each, and why (the checks a condition evaluated, the bucket a split chose, the message a send
 * step queued). Shared by the server, which builds it from the step log, and the studio, which
 * words it in the reader's language; so the "why" is data, never English.
 */
import type { GroupNode, PropertyFilter } from '../segment/definition';
import type { JourneyNode, NodeType, ProfileChange } from './definition';
import { propertyAt } from './match';

export type TraceRunStatus = 'active' | 'completed' | 'converted' | 'exited' | 'failed' | 'holdout';
export type TraceChannel = 'email' | 'webhook' | 'offer';
export type TraceMessageStatus = 'pending' | 'sending' | 'sent' | 'unconfirmed' | 'failed';

export interface TraceMessage {
	id: number;
	channel: TraceChannel;
	status: TraceMessageStatus;
	subject: string | null;
	/** The email address, the webhook's URL, or the offer's placement. */
	recipient: string | null;
	error: string | null;
	attempts: number;
	createdAt: number;
	sentAt: number | null;
}

/** One check of a condition; `result` is null when an earlier check already decided. */
export type CheckTrace =
	| { kind: 'customer'; root: GroupNode; result: boolean | null }
	| {
			kind: 'segment';
			segmentId: number;
			segmentName: string | null;
			member: boolean;
			result: boolean | null;
	  }
	| {
			kind: 'entry_property';
			filter: PropertyFilter;
			/** The entry event's value of the property, as text; null when it had none. */
			actual: string | null;
			result: boolean | null;
	  };

export type SkipReason = 'consent' | 'no_email' | 'cap' | 'no_customer';

export type StepWhy =
	| { kind: 'condition'; match: 'all' | 'any'; checks: CheckTrace[] }
	/** `bucket` is a variant's key, or `holdout`. */
	| { kind: 'split'; mode: 'random' | 'ab'; bucket: string; holdout: boolean }
	/** A wait for an event: it happened, or the timeout ran out first. */
	| { kind: 'wait'; event: string; happened: boolean; timeoutMinutes: number }
	/** A goal step whose event did not come within the window (reaching it is `converted`). */
	| { kind: 'goal_missed'; event: string; windowMinutes: number }
	| { kind: 'message'; channel: TraceChannel; message: TraceMessage | null; products: string[] }
	| { kind: 'skipped'; channel: TraceChannel | null; reason: SkipReason }
	| { kind: 'profile'; change: ProfileChange }
	| { kind: 'points'; points: number }
	/** Converted by the journey's goal (or a goal step's event). */
	| { kind: 'converted'; event: string | null }
	| {
			kind: 'exited';
			/** The exit event, or the segment the customer left, or the journey was archived. */
			event: string | null;
			segmentId: number | null;
			segmentName: string | null;
			archived: boolean;
	  }
	/** Put in the journey's control group on entry: qualified, received nothing. */
	| { kind: 'holdout' }
	| { kind: 'failed'; error: string | null };

/** One visit to a node: arrival and what came out of it, merged from the step log. */
export interface TraceStep {
	nodeId: string;
	/** From the run's own version; null when the version no longer has the node. */
	type: NodeType | null;
	label: string | null;
	/** When the run arrived; null for an outcome logged without an arrival (a holdout). */
	enteredAt: number | null;
	/** What came out (an output's name, `queued`, `converted`...); null while still there. */
	outcome: string | null;
	/** When the outcome happened; null while still there. */
	at: number | null;
	why: StepWhy | null;
}

export interface TraceRun {
	id: number;
	journeyId: number;
	journeyName: string;
	version: number;
	status: TraceRunStatus;
	/** Where the run is (or ended). */
	nodeId: string;
	enteredAt: number;
	endedAt: number | null;
	/** The timer it waits for and the event it listens for, while active. */
	wakeAt: number | null;
	waitingFor: string | null;
	error: string | null;
	steps: TraceStep[];
	/** Older visits left out of `steps` because the run is very long. */
	omittedSteps: number;
}

export interface CustomerTrace {
	runs: TraceRun[];
	/** More (older) runs exist than are listed. */
	more: boolean;
}

/** What explaining one log entry may need besides the node. */
export interface ExplainContext {
	/** The properties of the event that brought the run in. */
	entry: Record<string, unknown>;
	/** The message this visit queued, when it was a send. */
	message: TraceMessage | null;
	segmentName: (id: number) => string | null;
}

const SKIPS: Record<string, SkipReason> = {
	skipped_consent: 'consent',
	skipped_no_email: 'no_email',
	skipped_cap: 'cap',
	skipped_no_customer: 'no_customer'
};

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Event properties are the shop's data and may be large: the trace shows the start. */
const MAX_VALUE_LENGTH = 200;

function text(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const s =
		typeof value === 'string'
			? value
			: typeof value === 'number' || typeof value === 'boolean'
				? String(value)
				: JSON.stringify(value);
	return s.length > MAX_VALUE_LENGTH ? `${s.slice(0, MAX_VALUE_LENGTH)}…` : s;
}

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The "why" of one outcome in the step log, from the node as the run's own version defines it
 * and the detail the engine logged (step-runner.ts and engine-service.ts write it). Outcomes that
 * explain themselves (`next` after a delay, `completed` at an exit) get null.
 */
export function explainStep(
	node: JourneyNode | null,
	outcome: string,
	detail: unknown,
	context: ExplainContext
): StepWhy | null {
	const d = isRecord(detail) ? detail : {};
	// Outcomes that end a run can be logged at any node.
	switch (outcome) {
		case 'holdout':
			// A split's holdout output is a bucket; on entry it is the journey's control group.
			if (node?.type === 'split') break;
			return { kind: 'holdout' };
		case 'failed':
			return { kind: 'failed', error: text(d.error) };
		case 'converted':
			return { kind: 'converted', event: text(d.event) };
		case 'exited': {
			const segmentId = typeof d.left_segment === 'number' ? d.left_segment : null;
			return {
				kind: 'exited',
				event: text(d.event),
				segmentId,
				segmentName: segmentId === null ? null : context.segmentName(segmentId),
				archived: d.reason === 'archived'
			};
		}
	}
	const skip = SKIPS[outcome];
	if (skip) {
		const channel =
			node && (node.type === 'email' || node.type === 'webhook' || node.type === 'offer')
				? node.type
				: null;
		return { kind: 'skipped', channel, reason: skip };
	}
	if (!node) return null;
	switch (node.type) {
		case 'condition':
			return explainCondition(node, d, context);
		case 'split': {
			const bucket = typeof d.bucket === 'string' ? d.bucket : outcome;
			const mode = d.mode === 'ab' || d.mode === 'random' ? d.mode : node.mode;
			return { kind: 'split', mode, bucket, holdout: bucket === 'holdout' };
		}
		case 'wait_event':
			if (outcome !== 'happened' && outcome !== 'timed_out') return null;
			return {
				kind: 'wait',
				event: node.event,
				happened: outcome === 'happened',
				timeoutMinutes: node.timeoutMinutes
			};
		case 'goal':
			if (outcome !== 'not_converted') return null;
			return { kind: 'goal_missed', event: node.event, windowMinutes: node.windowMinutes };
		case 'email':
		case 'webhook':
		case 'offer':
			if (outcome !== 'queued' && outcome !== 'sent') return null;
			return {
				kind: 'message',
				channel: node.type,
				message: context.message,
				products: strings(d.products ?? d.skus)
			};
		case 'update_profile':
			return outcome === 'updated' ? { kind: 'profile', change: node.change } : null;
		case 'award_points':
			return outcome === 'awarded'
				? { kind: 'points', points: typeof d.points === 'number' ? d.points : node.points }
				: null;
		default:
			return null;
	}
}

function explainCondition(
	node: Extract<JourneyNode, { type: 'condition' }>,
	detail: Record<string, unknown>,
	context: ExplainContext
): StepWhy {
	const results: unknown[] = Array.isArray(detail.checks) ? detail.checks : [];
	const checks = node.checks.map((check, i): CheckTrace => {
		const raw = results[i];
		const result = typeof raw === 'boolean' ? raw : null;
		switch (check.kind) {
			case 'customer':
				return { kind: 'customer', root: check.root, result };
			case 'segment':
				return {
					kind: 'segment',
					segmentId: check.segmentId,
					segmentName: context.segmentName(check.segmentId),
					member: check.member,
					result
				};
			case 'entry_property':
				return {
					kind: 'entry_property',
					filter: check.filter,
					actual: text(propertyAt(context.entry, check.filter.key)),
					result
				};
		}
	});
	return { kind: 'condition', match: node.match, checks };
}

/** The outcomes that send or skip a message: the ones a visit's message belongs to. */
export function isSendOutcome(outcome: string): boolean {
	return outcome === 'queued' || outcome === 'sent';
}
