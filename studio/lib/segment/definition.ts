/**
 * A segment definition is data: a versioned tree of and/or groups whose leaves are conditions on a
 * customer's traits, computed facts or events. The same shapes are edited in the browser, validated
 * by `validate.ts` on both sides, and compiled to SQL on the server.
 */

export const SEGMENT_DEFINITION_VERSION = 1;
/** The root group counts as depth 1. */
export const MAX_GROUP_DEPTH = 4;
export const MAX_CONDITIONS = 50;
export const MAX_TEXT_VALUE_LENGTH = 500;
export const MAX_LIST_VALUES = 20;
export const MAX_WINDOW_DAYS = 3650;
export const MAX_EVENT_COUNT = 10_000;

export interface SegmentDefinition {
	version: 1;
	/** A marketing segment leaves out customers who opted out of marketing (consent = denied). */
	marketing: boolean;
	root: GroupNode;
}

export type GroupOp = 'and' | 'or';

export interface GroupNode {
	type: 'group';
	op: GroupOp;
	children: SegmentNode[];
}

export type SegmentNode = GroupNode | Condition;
export type Condition = TraitCondition | FactCondition | EventCondition;
export type ConditionType = Condition['type'];

export const TRAIT_OPERATORS = [
	'eq',
	'neq',
	'contains',
	'exists',
	'not_exists',
	'gt',
	'lt',
	'before',
	'after'
] as const;
export type TraitOperator = (typeof TRAIT_OPERATORS)[number];

/** Trait keys answered by customer columns rather than the traits JSON. */
export const COLUMN_TRAITS = ['email', 'name', 'consent'] as const;
export type ColumnTrait = (typeof COLUMN_TRAITS)[number];
export const COLUMN_TRAIT_OPERATORS: Record<ColumnTrait, readonly TraitOperator[]> = {
	email: ['eq', 'neq', 'contains', 'exists', 'not_exists'],
	name: ['eq', 'neq', 'contains', 'exists', 'not_exists'],
	consent: ['eq', 'neq']
};
export const CONSENT_STATES = ['unknown', 'granted', 'denied'] as const;

/** Letters and digits of any script, space, underscore, hyphen and dot; never quotes or `$`. */
export const TRAIT_KEY_PATTERN = /^[\p{L}\p{N}_ .-]{1,64}$/u;

export interface TraitCondition {
	type: 'trait';
	key: string;
	operator: TraitOperator;
	/** Text or number; null for exists/not_exists; an ISO date (YYYY-MM-DD) for before/after. */
	value: string | number | null;
}

export const LIFECYCLE_STAGES = [
	'prospect',
	'new',
	'growing',
	'mature',
	'declining',
	'churned'
] as const;
export const VALUE_TIERS = ['core', 'potential', 'regular', 'lost'] as const;

export const LIST_FACTS = ['lifecycle_stage', 'value_tier'] as const;
export const NUMBER_FACTS = [
	'rfm_recency',
	'rfm_frequency',
	'rfm_monetary',
	'orders_count',
	'revenue_minor',
	'avg_days_between_orders',
	'last_order_days_ago',
	'first_seen_days_ago',
	'last_seen_days_ago',
	'churn_risk'
] as const;
export const FACTS = [...LIST_FACTS, ...NUMBER_FACTS] as const;
export type ListFact = (typeof LIST_FACTS)[number];
export type NumberFact = (typeof NUMBER_FACTS)[number];
export type Fact = ListFact | NumberFact;

/** Facts that change with the clock alone, so their segments need a scheduled refresh. */
export const DAYS_AGO_FACTS = [
	'last_order_days_ago',
	'first_seen_days_ago',
	'last_seen_days_ago'
] as const satisfies readonly NumberFact[];

export const LIST_OPERATORS = ['in', 'not_in'] as const;
export const NUMBER_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'between'] as const;
export type ListOperator = (typeof LIST_OPERATORS)[number];
export type NumberOperator = (typeof NUMBER_OPERATORS)[number];

/** The allowed range of each number fact; integer facts take whole numbers only. */
export const NUMBER_FACT_RANGE: Record<NumberFact, { min: number; max: number; integer: boolean }> =
	{
		rfm_recency: { min: 1, max: 5, integer: true },
		rfm_frequency: { min: 1, max: 5, integer: true },
		rfm_monetary: { min: 1, max: 5, integer: true },
		orders_count: { min: 0, max: 1e9, integer: true },
		revenue_minor: { min: 0, max: 1e15, integer: true },
		avg_days_between_orders: { min: 0, max: 1e5, integer: false },
		last_order_days_ago: { min: 0, max: 1e5, integer: true },
		first_seen_days_ago: { min: 0, max: 1e5, integer: true },
		last_seen_days_ago: { min: 0, max: 1e5, integer: true },
		churn_risk: { min: 0, max: 1, integer: false }
	};

export type FactCondition =
	| { type: 'fact'; fact: ListFact; operator: ListOperator; value: string[] }
	| {
			type: 'fact';
			fact: NumberFact;
			operator: NumberOperator;
			/** A pair [min, max] (both inclusive) for `between`, else one number. */
			value: number | [number, number];
	  };

export const OCCURRED = ['at_least', 'at_most', 'exactly', 'none'] as const;
export type Occurred = (typeof OCCURRED)[number];

export const PROPERTY_OPERATORS = [
	'eq',
	'neq',
	'contains',
	'exists',
	'not_exists',
	'gt',
	'lt'
] as const satisfies readonly TraitOperator[];
export type PropertyOperator = (typeof PROPERTY_OPERATORS)[number];

export interface PropertyFilter {
	key: string;
	operator: PropertyOperator;
	value: string | number | null;
}

export interface EventCondition {
	type: 'event';
	name: string;
	occurred: Occurred;
	/** Ignored for `none`. */
	count: number;
	/** null: ever. */
	within: { days: number } | null;
	property?: PropertyFilter | null;
}

export function isListFact(fact: string): fact is ListFact {
	return (LIST_FACTS as readonly string[]).includes(fact);
}

export function isNumberFact(fact: string): fact is NumberFact {
	return (NUMBER_FACTS as readonly string[]).includes(fact);
}

export function isColumnTrait(key: string): key is ColumnTrait {
	return (COLUMN_TRAITS as readonly string[]).includes(key);
}

/** Operators that need no value. */
export function isPresenceOperator(operator: string): operator is 'exists' | 'not_exists' {
	return operator === 'exists' || operator === 'not_exists';
}

export function emptyGroup(op: GroupOp = 'and'): GroupNode {
	return { type: 'group', op, children: [] };
}

export function emptyDefinition(): SegmentDefinition {
	return { version: SEGMENT_DEFINITION_VERSION, marketing: true, root: emptyGroup() };
}

/** A fresh condition of each type, as the rule builder adds it. */
export function defaultCondition(type: ConditionType, eventName = 'Order Completed'): Condition {
	switch (type) {
		case 'trait':
			return { type: 'trait', key: '', operator: 'eq', value: '' };
		case 'fact':
			return { type: 'fact', fact: 'lifecycle_stage', operator: 'in', value: [] };
		case 'event':
			return {
				type: 'event',
				name: eventName,
				occurred: 'at_least',
				count: 1,
				within: { days: 30 },
				property: null
			};
	}
}

/** A default value fitting a fact and operator, used when the builder switches either. */
export function defaultFactValue(
	fact: Fact,
	operator: string
): string[] | number | [number, number] {
	if (isListFact(fact)) return [];
	const { min } = NUMBER_FACT_RANGE[fact];
	return operator === 'between' ? [min, min] : min;
}

/**
 * True when membership can change with the passing of time alone (event windows, "days ago"
 * facts), so a scheduler must re-evaluate the segment.
 */
export function isTimeBased(definition: SegmentDefinition): boolean {
	const visit = (node: SegmentNode): boolean => {
		if (node.type === 'group') return node.children.some(visit);
		if (node.type === 'event') return node.within !== null;
		if (node.type === 'fact') return (DAYS_AGO_FACTS as readonly string[]).includes(node.fact);
		return false;
	};
	return visit(definition.root);
}

/** The node at `path` (child indexes from the root), or undefined. */
export function nodeAt(
	definition: SegmentDefinition,
	path: readonly number[]
): SegmentNode | undefined {
	let node: SegmentNode = definition.root;
	for (const index of path) {
		if (node.type !== 'group') return undefined;
		const next: SegmentNode | undefined = node.children[index];
		if (!next) return undefined;
		node = next;
	}
	return node;
}

/** What the rule builder's pickers offer, gathered from the workspace's own data. */
export interface KeyOption {
	key: string;
	/** A few values seen, most frequent first, to suggest in the value box. */
	values: string[];
}

export interface SegmentBuilderOptions {
	events: { name: string; properties: KeyOption[] }[];
	traits: KeyOption[];
}
