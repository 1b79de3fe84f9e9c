/** The shapes of a test run: its input, the steps it reports and the state it carries. */

import { type JourneyDefinition, type NodeType } from '../../journey/definition';
import { type JourneyGraph } from '../../journey/graph';
import type { Db } from '../db/connect';
import { type JourneyCustomer } from './journey-customer-repository';
import { messageLimits, type DescribedCustomer } from './simulation-repository';

export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** As the engine: a definition that loops without waiting is refused by lint; this stops one. */
export const MAX_STEPS = 200;
export const DEFAULT_HORIZON_MINUTES = 60 * 24 * 60;
export const MAX_SCRIPTED_EVENTS = 200;

export interface ScriptedEvent {
	name: string;
	properties?: Record<string, unknown>;
	/** Minutes after the customer entered. */
	atMinutes: number;
}

export interface SimulationBase {
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

export interface TimedEvent {
	name: string;
	properties: Record<string, unknown>;
	at: number;
}

export interface Run {
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

export type Result =
	| {
			kind: 'next';
			output: string;
			outcome?: string;
			at: number;
			detail?: unknown;
			wouldSend?: WouldSend;
	  }
	| { kind: 'end'; status: SimulationStatus; outcome: string; at: number; detail?: unknown };
