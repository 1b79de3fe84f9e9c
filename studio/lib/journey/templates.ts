/**
 * Six lifecycle journeys a retailer can publish as they are and then make their own. Each is
 * built fresh on every call (the canvas edits the object it gets) and passes `parseJourney` with
 * no problems, which templates.test.ts holds them to. Nodes are laid out top to bottom, one row
 * every ROW pixels, branches side by side.
 */
import type { GroupNode } from '../segment/definition';
import {
	JOURNEY_DEFINITION_VERSION,
	defaultSettings,
	type JourneyDefinition,
	type JourneyEdge,
	type JourneyNode,
	type JourneySettings,
	type Position
} from './definition';

export const TEMPLATE_KEYS = [
	'welcome',
	'abandoned_cart',
	'post_purchase',
	'loyalty_milestone',
	'birthday',
	'win_back'
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface JourneyTemplate {
	key: TemplateKey;
	name: string;
	description: string;
	definition: JourneyDefinition;
}

const ROW = 160;
const COLUMN = 240;
const DAY = 24 * 60;
const ORDER = 'Order Completed';

/** Column -1, 0 or 1 (left branch, trunk, right branch), row from the top. */
function at(column: number, row: number): Position {
	return { x: column * COLUMN, y: row * ROW };
}

/** `from.output -> to`, written as a triple to keep the wiring readable. */
function wire(...edges: [from: string, output: string, to: string][]): JourneyEdge[] {
	return edges.map(([from, output, to]) => ({ from, output, to }));
}

function factAtLeast(fact: 'orders_count' | 'churn_risk', value: number): GroupNode {
	return {
		type: 'group',
		op: 'and',
		children: [{ type: 'fact', fact, operator: 'gte', value }]
	};
}

function settings(overrides: Partial<JourneySettings>): JourneySettings {
	return { ...defaultSettings(), ...overrides };
}

function definition(
	nodes: JourneyNode[],
	edges: JourneyEdge[],
	journeySettings: JourneySettings
): JourneyDefinition {
	return { version: JOURNEY_DEFINITION_VERSION, nodes, edges, settings: journeySettings };
}

function orderGoal(windowDays: number): JourneySettings['goal'] {
	return { event: ORDER, filters: [], windowDays };
}

export function journeyTemplate(key: TemplateKey): JourneyTemplate {
	switch (key) {
		case 'welcome':
			return { key, ...welcome() };
		case 'abandoned_cart':
			return { key, ...abandonedCart() };
		case 'post_purchase':
			return { key, ...postPurchase() };
		case 'loyalty_milestone':
			return { key, ...loyaltyMilestone() };
		case 'birthday':
			return { key, ...birthday() };
		case 'win_back':
			return { key, ...winBack() };
	}
}

type Content = Omit<JourneyTemplate, 'key'>;

function welcome(): Content {
	return {
		name: 'Welcome series',
		description:
			'Greets new sign-ups, then nudges those who have not ordered after two days with product picks.',
		definition: definition(
			[
				{
					id: 'signed_up',
					type: 'entry_event',
					event: 'Signed Up',
					filters: [],
					position: at(0, 0)
				},
				{
					id: 'welcome_email',
					type: 'email',
					subject: 'Welcome, {{first_name}}!',
					body: 'Hi {{first_name}},\n\nThanks for joining us. We are glad to have you here.',
					products: null,
					position: at(0, 1)
				},
				{
					id: 'wait_2_days',
					type: 'delay',
					delay: { kind: 'duration', minutes: 2 * DAY },
					position: at(0, 2)
				},
				{
					id: 'has_ordered',
					type: 'condition',
					match: 'all',
					checks: [{ kind: 'customer', root: factAtLeast('orders_count', 1) }],
					position: at(0, 3)
				},
				{ id: 'ordered_exit', type: 'exit', position: at(-1, 4) },
				{
					id: 'picks_email',
					type: 'email',
					subject: '{{first_name}}, picked for you',
					body: 'Hi {{first_name}},\n\nHere are a few favourites we think you will like.',
					products: { placement: 'email', count: 4 },
					position: at(1, 4)
				},
				{ id: 'done', type: 'exit', position: at(1, 5) }
			],
			wire(
				['signed_up', 'next', 'welcome_email'],
				['welcome_email', 'next', 'wait_2_days'],
				['wait_2_days', 'next', 'has_ordered'],
				['has_ordered', 'yes', 'ordered_exit'],
				['has_ordered', 'no', 'picks_email'],
				['picks_email', 'next', 'done']
			),
			settings({ reEntry: { kind: 'never' }, goal: orderGoal(14) })
		)
	};
}

function abandonedCart(): Content {
	return {
		name: 'Abandoned cart',
		description:
			'Reminds shoppers who added to their cart and did not order within an hour, then waits three days for the order.',
		definition: definition(
			[
				{
					id: 'added_to_cart',
					type: 'entry_event',
					event: 'Product Added',
					filters: [],
					position: at(0, 0)
				},
				{
					id: 'wait_for_order',
					type: 'wait_event',
					event: ORDER,
					filters: [],
					timeoutMinutes: 60,
					matchKey: 'cart_id',
					position: at(0, 1)
				},
				{ id: 'ordered_exit', type: 'exit', position: at(-1, 2) },
				{
					id: 'reminder_email',
					type: 'email',
					subject: 'You left something in your cart',
					body: 'Hi {{first_name}},\n\nYour cart is still waiting for you. Complete your order whenever you are ready.',
					products: { placement: 'email', count: 4 },
					position: at(1, 2)
				},
				{
					id: 'order_goal',
					type: 'goal',
					event: ORDER,
					filters: [],
					windowMinutes: 3 * DAY,
					position: at(1, 3)
				},
				{ id: 'done', type: 'exit', position: at(1, 4) }
			],
			wire(
				['added_to_cart', 'next', 'wait_for_order'],
				['wait_for_order', 'happened', 'ordered_exit'],
				['wait_for_order', 'timed_out', 'reminder_email'],
				['reminder_email', 'next', 'order_goal'],
				['order_goal', 'not_converted', 'done']
			),
			// A week between reminders: longer than the 3-day goal window, and not pushy.
			settings({ reEntry: { kind: 'cooldown', days: 7 }, goal: orderGoal(3) })
		)
	};
}

function postPurchase(): Content {
	return {
		name: 'Post-purchase cross-sell',
		description:
			'Three days after an order, suggests products that go with it and places them on the home page for a week.',
		definition: definition(
			[
				{ id: 'ordered', type: 'entry_event', event: ORDER, filters: [], position: at(0, 0) },
				{
					id: 'wait_3_days',
					type: 'delay',
					delay: { kind: 'duration', minutes: 3 * DAY },
					position: at(0, 1)
				},
				{
					id: 'cross_sell_email',
					type: 'email',
					subject: '{{first_name}}, you might also like',
					body: 'Hi {{first_name}},\n\nThanks again for your order. These go well with it.',
					products: { placement: 'email', count: 4 },
					position: at(0, 2)
				},
				{
					id: 'home_offer',
					type: 'offer',
					placement: 'home',
					title: 'Picked for you, {{first_name}}',
					body: 'More to go with your last order.',
					products: { placement: 'home', count: 4 },
					expiresHours: 168,
					position: at(0, 3)
				},
				{ id: 'done', type: 'exit', position: at(0, 4) }
			],
			wire(
				['ordered', 'next', 'wait_3_days'],
				['wait_3_days', 'next', 'cross_sell_email'],
				['cross_sell_email', 'next', 'home_offer'],
				['home_offer', 'next', 'done']
			),
			settings({ reEntry: { kind: 'always' }, goal: orderGoal(30) })
		)
	};
}

function loyaltyMilestone(): Content {
	return {
		name: 'Loyalty milestone',
		description: 'Rewards customers with bonus points once they reach their fifth order.',
		definition: definition(
			[
				{ id: 'ordered', type: 'entry_event', event: ORDER, filters: [], position: at(0, 0) },
				{
					id: 'fifth_order',
					type: 'condition',
					match: 'all',
					checks: [{ kind: 'customer', root: factAtLeast('orders_count', 5) }],
					position: at(0, 1)
				},
				{
					id: 'bonus_points',
					type: 'award_points',
					points: 500,
					reason: 'Loyalty milestone: 5 orders',
					position: at(-1, 2)
				},
				{
					id: 'thanks_email',
					type: 'email',
					subject: 'Thank you, {{first_name}}: 500 bonus points',
					body: 'Hi {{first_name}},\n\nFive orders in, you are one of our regulars. We have added 500 bonus points to your account; you now have {{points}} points.',
					products: null,
					position: at(-1, 3)
				},
				{ id: 'done', type: 'exit', position: at(-1, 4) },
				{ id: 'not_yet', type: 'exit', position: at(1, 2) }
			],
			wire(
				['ordered', 'next', 'fifth_order'],
				['fifth_order', 'yes', 'bonus_points'],
				['fifth_order', 'no', 'not_yet'],
				['bonus_points', 'next', 'thanks_email'],
				['thanks_email', 'next', 'done']
			),
			// Once a year at most, so every later order does not repeat the milestone.
			settings({ reEntry: { kind: 'cooldown', days: 365 }, goal: orderGoal(30) })
		)
	};
}

function birthday(): Content {
	return {
		name: 'Birthday',
		description:
			"On each customer's birthday at 9:00, gives bonus points, sends a greeting and shows a birthday offer for a week.",
		definition: definition(
			[
				{
					id: 'birthday',
					type: 'entry_date',
					trait: 'birthday',
					offsetDays: 0,
					hour: 9,
					position: at(0, 0)
				},
				{
					id: 'birthday_points',
					type: 'award_points',
					points: 200,
					reason: 'Birthday gift',
					position: at(0, 1)
				},
				{
					id: 'birthday_email',
					type: 'email',
					subject: 'Happy birthday, {{first_name}}!',
					body: 'Hi {{first_name}},\n\nHappy birthday from all of us! We have added 200 bonus points to your account, and a birthday treat is waiting for you in our shop all week.',
					products: null,
					position: at(0, 2)
				},
				{
					id: 'birthday_offer',
					type: 'offer',
					placement: 'home',
					title: 'Happy birthday, {{first_name}}!',
					body: 'Your 200 bonus points are ready to spend this week.',
					products: { placement: 'home', count: 4 },
					expiresHours: 168,
					position: at(0, 3)
				},
				{ id: 'done', type: 'exit', position: at(0, 4) }
			],
			wire(
				['birthday', 'next', 'birthday_points'],
				['birthday_points', 'next', 'birthday_email'],
				['birthday_email', 'next', 'birthday_offer'],
				['birthday_offer', 'next', 'done']
			),
			settings({ reEntry: { kind: 'cooldown', days: 300 }, goal: orderGoal(7) })
		)
	};
}

function winBack(): Content {
	return {
		name: 'Win-back',
		description:
			'After 60 days without an order, customers at high churn risk get an incentive; the others a gentle reminder.',
		definition: definition(
			[
				{
					id: 'lapsed',
					type: 'entry_inactivity',
					event: ORDER,
					days: 60,
					position: at(0, 0)
				},
				{
					id: 'churn_risk_high',
					type: 'condition',
					match: 'all',
					checks: [{ kind: 'customer', root: factAtLeast('churn_risk', 0.6) }],
					position: at(0, 1)
				},
				{
					id: 'miss_you_email',
					type: 'email',
					subject: 'We miss you, {{first_name}}',
					body: 'Hi {{first_name}},\n\nIt has been a while. Here are some new favourites, and 300 bonus points to welcome you back.',
					products: { placement: 'email', count: 4 },
					position: at(-1, 2)
				},
				{
					id: 'welcome_back_points',
					type: 'award_points',
					points: 300,
					reason: 'Welcome back',
					position: at(-1, 3)
				},
				{
					id: 'order_goal',
					type: 'goal',
					event: ORDER,
					filters: [],
					windowMinutes: 14 * DAY,
					position: at(-1, 4)
				},
				{ id: 'done', type: 'exit', position: at(-1, 5) },
				{
					id: 'reminder_email',
					type: 'email',
					subject: '{{first_name}}, new in since your last visit',
					body: 'Hi {{first_name}},\n\nWe have some new arrivals we think you will like.',
					products: { placement: 'email', count: 4 },
					position: at(1, 2)
				},
				{ id: 'reminded', type: 'exit', position: at(1, 3) }
			],
			wire(
				['lapsed', 'next', 'churn_risk_high'],
				['churn_risk_high', 'yes', 'miss_you_email'],
				['churn_risk_high', 'no', 'reminder_email'],
				['miss_you_email', 'next', 'welcome_back_points'],
				['welcome_back_points', 'next', 'order_goal'],
				['order_goal', 'not_converted', 'done'],
				['reminder_email', 'next', 'reminded']
			),
			settings({ reEntry: { kind: 'cooldown', days: 90 }, goal: orderGoal(14) })
		)
	};
}
