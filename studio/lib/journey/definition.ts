/**
 * A journey definition is data: a graph of typed nodes (a tagged union on `type`) joined by edges
 * from a node's named output to another node. The canvas edits it, `validate.ts` lints it on both
 * sides, and the engine runs a frozen copy of it (a published version). Conditions reuse the
 * segment language, so "VIP customers" means the same thing in a segment and in a branch.
 */
import type { GroupNode, PropertyFilter } from '../segment/definition';

export const JOURNEY_DEFINITION_VERSION = 1;
export const MAX_NODES = 300;
export const MAX_TEXT_LENGTH = 20_000;
export const MAX_NAME_LENGTH = 200;
/** Longest delay, wait or window: a little over a year (birthday journeys wait that long). */
export const MAX_MINUTES = 400 * 24 * 60;

export interface JourneyDefinition {
	version: 1;
	nodes: JourneyNode[];
	edges: JourneyEdge[];
	settings: JourneySettings;
}

/** From `from`'s output `output` (see `outputsOf`) to the node `to`. */
export interface JourneyEdge {
	from: string;
	output: string;
	to: string;
}

export interface Position {
	x: number;
	y: number;
}

interface NodeBase {
	/** Unique within the definition: letters, digits, `_` and `-`, at most 64. */
	id: string;
	/** Where the canvas draws it; the engine ignores it. */
	position?: Position;
	/** The marketer's own label. */
	label?: string;
}

// --- Entry: how customers come in. A journey has exactly one entry node. --------------------

/** An event occurred, optionally only when its properties match (e.g. total > 50). */
export interface EventEntry extends NodeBase {
	type: 'entry_event';
	event: string;
	filters: PropertyFilter[];
}

/** The customer entered a segment. */
export interface SegmentEntry extends NodeBase {
	type: 'entry_segment';
	segmentId: number;
}

/**
 * The yearly anniversary of a date trait: `birthday` (a trait holding YYYY-MM-DD) or the first
 * order (`first_order_at`), `offsetDays` before (negative) or after (positive).
 */
export interface DateEntry extends NodeBase {
	type: 'entry_date';
	trait: string;
	offsetDays: number;
	/** Local hour of day (customer's time zone) at which they enter, 0-23. */
	hour: number;
}

/** No `event` for `days` days: the win-back trigger (`Order Completed` for 60 days). */
export interface InactivityEntry extends NodeBase {
	type: 'entry_inactivity';
	event: string;
	days: number;
}

/** Churn risk rose above `threshold` (0-1). */
export interface ChurnEntry extends NodeBase {
	type: 'entry_churn';
	threshold: number;
}

export type EntryNode = EventEntry | SegmentEntry | DateEntry | InactivityEntry | ChurnEntry;

// --- Flow --------------------------------------------------------------------------------------

export type Delay =
	| { kind: 'duration'; minutes: number }
	/** Until the next hour:minute in the customer's time zone. */
	| { kind: 'time_of_day'; hour: number; minute: number }
	/** Until a date trait's next anniversary plus `offsetDays`. */
	| { kind: 'date_trait'; trait: string; offsetDays: number };

export interface DelayNode extends NodeBase {
	type: 'delay';
	delay: Delay;
}

/**
 * Wait for an event up to a timeout: outputs `happened` and `timed_out`. With `matchKey`, only an
 * event whose property `matchKey` equals the entry event's counts (the cart or order id).
 */
export interface WaitNode extends NodeBase {
	type: 'wait_event';
	event: string;
	filters: PropertyFilter[];
	timeoutMinutes: number;
	matchKey?: string;
}

/** One test of a condition branch. */
export type BranchCheck =
	/** The segment language on this customer: traits, facts (churn risk too), events. */
	| { kind: 'customer'; root: GroupNode }
	| { kind: 'segment'; segmentId: number; member: boolean }
	/** A property of the event that brought the customer in. */
	| { kind: 'entry_property'; filter: PropertyFilter };

/** Outputs `yes` and `no`. */
export interface ConditionNode extends NodeBase {
	type: 'condition';
	match: 'all' | 'any';
	checks: BranchCheck[];
}

export interface SplitVariant {
	/** The output's name: letters, digits, `_` and `-`. */
	key: string;
	weight: number;
}

/**
 * A deterministic split (the SDK's hash seeded by journey and node): outputs are the variants'
 * keys, plus `holdout` when `holdout` > 0 (customers there receive nothing further). `ab` splits
 * are experiments (analysed), `random` ones just spread load. Weights and holdout sum to 1.
 */
export interface SplitNode extends NodeBase {
	type: 'split';
	mode: 'random' | 'ab';
	variants: SplitVariant[];
	holdout: number;
}

/**
 * A conversion checkpoint: waits up to `windowMinutes` for the event; customers who do it leave as
 * converted, the others go on through `not_converted`.
 */
export interface GoalNode extends NodeBase {
	type: 'goal';
	event: string;
	filters: PropertyFilter[];
	windowMinutes: number;
}

export type FlowNode = DelayNode | WaitNode | ConditionNode | SplitNode | GoalNode;

// --- Actions (output `next`) and exit ------------------------------------------------------------

/** Recommended products placed in a message: `count` from the recommender for that customer. */
export interface ProductBlock {
	placement: string;
	count: number;
}

/** Subject and body may use `{{first_name}}`, `{{email}}`, `{{traits.x}}`, `{{entry.x}}`. */
export interface EmailNode extends NodeBase {
	type: 'email';
	subject: string;
	body: string;
	products: ProductBlock | null;
}

/** POST of a JSON body (a template, variables as in email) signed with the workspace's secret. */
export interface WebhookNode extends NodeBase {
	type: 'webhook';
	url: string;
	body: string;
}

/** Content for the SDK's offers slot `placement`, with products, for `expiresHours`. */
export interface OfferNode extends NodeBase {
	type: 'offer';
	placement: string;
	title: string;
	body: string;
	products: ProductBlock | null;
	expiresHours: number;
}

export type ProfileChange =
	| { kind: 'set_trait'; key: string; value: string | number | boolean | null }
	| { kind: 'add_tag'; tag: string }
	| { kind: 'remove_tag'; tag: string };

export interface UpdateProfileNode extends NodeBase {
	type: 'update_profile';
	change: ProfileChange;
}

export interface AwardPointsNode extends NodeBase {
	type: 'award_points';
	points: number;
	reason: string;
}

export interface ExitNode extends NodeBase {
	type: 'exit';
}

export type ActionNode = EmailNode | WebhookNode | OfferNode | UpdateProfileNode | AwardPointsNode;

export type JourneyNode = EntryNode | FlowNode | ActionNode | ExitNode;
export type NodeType = JourneyNode['type'];

// --- Settings ----------------------------------------------------------------------------------

export type ReEntry = { kind: 'never' } | { kind: 'always' } | { kind: 'cooldown'; days: number };

export interface JourneySettings {
	reEntry: ReEntry;
	/** Customers who do this within the window after entering count as converted. */
	goal: { event: string; filters: PropertyFilter[]; windowDays: number } | null;
	/** Leave at once when this event happens or this segment is left. */
	exit: { event: string | null; leftSegmentId: number | null };
	/** No messages in these local hours (customer's time zone); sends wait until `endHour`. */
	quietHours: { startHour: number; endHour: number } | null;
	/** Per-journey control group share (0-0.5): qualify, receive nothing, measure the lift. */
	holdout: number;
}

export const ENTRY_TYPES = [
	'entry_event',
	'entry_segment',
	'entry_date',
	'entry_inactivity',
	'entry_churn'
] as const satisfies readonly EntryNode['type'][];
export const FLOW_TYPES = [
	'delay',
	'wait_event',
	'condition',
	'split',
	'goal'
] as const satisfies readonly FlowNode['type'][];
export const ACTION_TYPES = [
	'email',
	'webhook',
	'offer',
	'update_profile',
	'award_points'
] as const satisfies readonly ActionNode['type'][];
export const NODE_TYPES = [...ENTRY_TYPES, ...FLOW_TYPES, ...ACTION_TYPES, 'exit'] as const;

/** Node types that send something to the customer (frequency cap, quiet hours, consent). */
export const MESSAGE_TYPES = ['email', 'offer'] as const satisfies readonly NodeType[];

export function isEntry(node: JourneyNode): node is EntryNode {
	return (ENTRY_TYPES as readonly string[]).includes(node.type);
}

export function isAction(node: JourneyNode): node is ActionNode {
	return (ACTION_TYPES as readonly string[]).includes(node.type);
}

/** The named outputs of a node, in the order the canvas draws them. */
export function outputsOf(node: JourneyNode): string[] {
	switch (node.type) {
		case 'exit':
			return [];
		case 'wait_event':
			return ['happened', 'timed_out'];
		case 'condition':
			return ['yes', 'no'];
		case 'split':
			return [...node.variants.map((v) => v.key), ...(node.holdout > 0 ? ['holdout'] : [])];
		case 'goal':
			return ['not_converted'];
		default:
			return ['next'];
	}
}

export function defaultSettings(): JourneySettings {
	return {
		reEntry: { kind: 'never' },
		goal: null,
		exit: { event: null, leftSegmentId: null },
		quietHours: null,
		holdout: 0
	};
}
