// The journey model as the REST API sends and takes it. The limits and enums come from the journey
// model itself, and the examples are built from a real template and real lint output, so the
// docs say what the validator does and cannot drift from it.
import {
	JOURNEY_DEFINITION_VERSION,
	MAX_MINUTES,
	MAX_NAME_LENGTH,
	MAX_NODES,
	MAX_TEXT_LENGTH,
	type JourneyDefinition,
	type NodeType
} from '../journey/definition';
import { MAX_FILTERS, MAX_PRODUCTS, PLACEMENT_PATTERN } from '../journey/fields';
import {
	MAX_CHECKS,
	MAX_DAYS,
	MAX_OFFER_HOURS,
	MAX_OFFSET_DAYS,
	MAX_POINTS,
	MAX_TAG_LENGTH,
	MAX_TRAIT_VALUE_LENGTH,
	MAX_VARIANTS,
	NODE_ID_PATTERN
} from '../journey/nodes';
import { JOURNEY_PROBLEM_CODES } from '../journey/problems';
import { TEMPLATE_KEYS, journeyTemplate } from '../journey/templates';
import { parseJourney, type JourneyProblem } from '../journey/validate';
import {
	FACTS,
	LIST_OPERATORS,
	NUMBER_OPERATORS,
	OCCURRED,
	PROPERTY_OPERATORS,
	TRAIT_OPERATORS
} from '../segment/definition';
import { nullable, schemaRef } from './helpers';
import type { Schema } from './types';

const isoTime: Schema = { type: 'string', format: 'date-time' };
const count: Schema = { type: 'integer', minimum: 0 };
const int = (minimum: number, maximum: number, description?: string): Schema => ({
	type: 'integer',
	minimum,
	maximum,
	...(description ? { description } : {})
});
const text = (maxLength: number, description?: string): Schema => ({
	type: 'string',
	maxLength,
	...(description ? { description } : {})
});
/** A variant of a tagged union: `kind` (or `type`) fixed to one value. */
const tag = (value: string): Schema => ({ type: 'string', const: value });

const NODE_ID: Schema = {
	type: 'string',
	pattern: NODE_ID_PATTERN.source,
	maxLength: 64,
	description: 'Unique within the definition: letters, digits, `_` and `-`.'
};
const EVENT = text(MAX_NAME_LENGTH, 'An event name, as track calls send it (`Order Completed`).');
// No `pattern`: trait keys allow letters of any script (\p{L}), which needs a Unicode regex.
const TRAIT_KEY = text(64, 'A trait name: letters and digits of any script, space, `_`, `-`, `.`.');
const PLACEMENT: Schema = {
	type: 'string',
	pattern: PLACEMENT_PATTERN.source,
	maxLength: 50,
	description: 'An offers slot or recommendation placement (`home`, `email`, `cart`…).'
};
const FILTERS: Schema = {
	type: 'array',
	maxItems: MAX_FILTERS,
	items: schemaRef('PropertyFilter'),
	description: 'All must match; absent or empty: any such event.'
};
const TEMPLATE_TEXT =
	'May use `{{first_name}}`, `{{last_name}}`, `{{name}}`, `{{email}}`, `{{points}}`, `{{traits.x}}` and `{{entry.x}}` (a property of the event that brought the customer in).';

/** Every node has these; `type` says which of the other fields it has. */
function node(
	type: NodeType,
	description: string,
	fields: Record<string, Schema> = {},
	required: readonly string[] = []
): Schema {
	return {
		type: 'object',
		description,
		required: ['id', 'type', ...required],
		properties: {
			id: NODE_ID,
			type: tag(type),
			label: text(MAX_NAME_LENGTH, 'The marketer’s own label for the step.'),
			position: {
				type: 'object',
				required: ['x', 'y'],
				description: 'Where the canvas draws the step; the engine ignores it.',
				properties: { x: { type: 'number' }, y: { type: 'number' } }
			},
			...fields
		}
	};
}

// A Record over NodeType, so a node type added to the model without docs fails the type check.
const NODES: Record<NodeType, Schema> = {
	entry_event: node(
		'entry_event',
		'Entry: the customer did `event` (whose properties match `filters`). Output `next`.',
		{ event: EVENT, filters: FILTERS },
		['event']
	),
	entry_segment: node(
		'entry_segment',
		'Entry: the customer joined the segment. Output `next`.',
		{ segmentId: { type: 'integer', minimum: 1 } },
		['segmentId']
	),
	entry_date: node(
		'entry_date',
		'Entry: each year on a date trait (`birthday` holding YYYY-MM-DD, or `first_order_at`), `offsetDays` before (negative) or after, at `hour` in the customer’s time zone. Output `next`.',
		{
			trait: TRAIT_KEY,
			offsetDays: int(-MAX_OFFSET_DAYS, MAX_OFFSET_DAYS),
			hour: int(0, 23)
		},
		['trait', 'offsetDays', 'hour']
	),
	entry_inactivity: node(
		'entry_inactivity',
		'Entry: no `event` for `days` days, the win-back trigger. Output `next`.',
		{ event: EVENT, days: int(1, MAX_DAYS) },
		['event', 'days']
	),
	entry_churn: node(
		'entry_churn',
		'Entry: the customer’s churn risk rose above `threshold`. Output `next`.',
		{
			threshold: {
				type: 'number',
				minimum: 0,
				maximum: 1,
				description: 'Strictly between 0 and 1.'
			}
		},
		['threshold']
	),
	delay: node(
		'delay',
		'Waits, then goes on. Output `next`.',
		{ delay: schemaRef('JourneyDelay') },
		['delay']
	),
	wait_event: node(
		'wait_event',
		'Waits up to `timeoutMinutes` for `event`. Outputs `happened` and `timed_out`.',
		{
			event: EVENT,
			filters: FILTERS,
			timeoutMinutes: int(1, MAX_MINUTES),
			matchKey: {
				type: 'string',
				maxLength: 64,
				description:
					'Only an event whose property of this name equals the entry event’s counts (the cart or order id).'
			}
		},
		['event', 'timeoutMinutes']
	),
	condition: node(
		'condition',
		'A branch: outputs `yes` when all (or any) of the checks hold, else `no`.',
		{
			match: { type: 'string', enum: ['all', 'any'] },
			checks: {
				type: 'array',
				minItems: 1,
				maxItems: MAX_CHECKS,
				items: schemaRef('JourneyBranchCheck')
			}
		},
		['match', 'checks']
	),
	split: node(
		'split',
		'A deterministic split by customer: one output per variant `key`, plus `holdout` when `holdout` > 0 (those customers receive nothing further). Weights and holdout add up to 1. `ab` splits are analysed as experiments, `random` ones just spread load.',
		{
			mode: { type: 'string', enum: ['random', 'ab'] },
			variants: {
				type: 'array',
				minItems: 2,
				maxItems: MAX_VARIANTS,
				items: {
					type: 'object',
					required: ['key', 'weight'],
					properties: {
						key: { ...NODE_ID, description: 'The output’s name; not `holdout`.' },
						weight: { type: 'number', minimum: 0, maximum: 1 }
					}
				}
			},
			holdout: { type: 'number', minimum: 0, maximum: 1, default: 0, description: 'Below 1.' }
		},
		['mode', 'variants']
	),
	goal: node(
		'goal',
		'A conversion checkpoint: customers who do `event` within `windowMinutes` leave as converted; the others go on through `not_converted`.',
		{ event: EVENT, filters: FILTERS, windowMinutes: int(1, MAX_MINUTES) },
		['event', 'windowMinutes']
	),
	email: node(
		'email',
		`Sends an email (respecting consent, quiet hours and the frequency cap). ${TEMPLATE_TEXT} Output \`next\`.`,
		{
			subject: text(MAX_NAME_LENGTH),
			body: text(MAX_TEXT_LENGTH),
			products: nullable(schemaRef('JourneyProductBlock'))
		},
		['subject', 'body']
	),
	webhook: node(
		'webhook',
		`POSTs \`body\` to \`url\`, signed with the workspace’s webhook secret. The body is JSON; placeholders go inside JSON strings. ${TEMPLATE_TEXT} Output \`next\`.`,
		{
			url: { type: 'string', format: 'uri', maxLength: 2000, description: 'http or https.' },
			body: text(MAX_TEXT_LENGTH)
		},
		['url', 'body']
	),
	offer: node(
		'offer',
		`Shows content in the storefront SDK’s offers slot \`placement\` for \`expiresHours\`. ${TEMPLATE_TEXT} Output \`next\`.`,
		{
			placement: PLACEMENT,
			title: text(MAX_NAME_LENGTH),
			body: text(MAX_TEXT_LENGTH),
			products: nullable(schemaRef('JourneyProductBlock')),
			expiresHours: int(1, MAX_OFFER_HOURS)
		},
		['placement', 'title', 'expiresHours']
	),
	update_profile: node(
		'update_profile',
		'Sets a trait or adds or removes a tag. Output `next`.',
		{ change: schemaRef('JourneyProfileChange') },
		['change']
	),
	award_points: node(
		'award_points',
		'Adds loyalty points. Output `next`.',
		{ points: int(1, MAX_POINTS), reason: text(MAX_NAME_LENGTH) },
		['points']
	),
	exit: node('exit', 'The end of a path: the run completes. No outputs.')
};

const nodeSchemaName = (type: string) =>
	`JourneyNode${type.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}`;

const propertyValue: Schema = {
	type: ['string', 'number', 'null'],
	description: 'null for exists and not_exists.'
};

const definitionSchemas: Record<string, Schema> = {
	JourneyDefinition: {
		type: 'object',
		description:
			'A graph of typed steps (nodes) joined by edges from a node’s named output to the next node. Exactly one entry node (`entry_*`); every output connected before publishing.',
		required: ['version', 'nodes', 'edges'],
		properties: {
			version: { type: 'integer', const: JOURNEY_DEFINITION_VERSION },
			nodes: { type: 'array', maxItems: MAX_NODES, items: schemaRef('JourneyNode') },
			edges: { type: 'array', items: schemaRef('JourneyEdge') },
			settings: schemaRef('JourneySettings')
		}
	},
	JourneyNode: {
		description:
			'One step; `type` says which (a discriminator): entry_*, flow (delay, wait_event, condition, split, goal), action (email, webhook, offer, update_profile, award_points) or exit. Fields a step type does not define are ignored, and published versions drop them.',
		oneOf: Object.keys(NODES).map((type) => schemaRef(nodeSchemaName(type)))
	},
	...Object.fromEntries(
		Object.entries(NODES).map(([type, schema]) => [nodeSchemaName(type), schema])
	),
	JourneyEdge: {
		type: 'object',
		description: 'From `from`’s output `output` to the node `to`; each output has at most one.',
		required: ['from', 'output', 'to'],
		properties: {
			from: { type: 'string', minLength: 1 },
			output: {
				type: 'string',
				minLength: 1,
				description: 'next, yes, no, happened, timed_out, not_converted, a variant key or holdout.'
			},
			to: { type: 'string', minLength: 1 }
		}
	},
	JourneyDelay: {
		description: 'How long a delay waits; `kind` says which.',
		oneOf: [
			{
				type: 'object',
				required: ['kind', 'minutes'],
				properties: { kind: tag('duration'), minutes: int(1, MAX_MINUTES) }
			},
			{
				type: 'object',
				description: 'Until the next hour:minute in the customer’s time zone.',
				required: ['kind', 'hour', 'minute'],
				properties: { kind: tag('time_of_day'), hour: int(0, 23), minute: int(0, 59) }
			},
			{
				type: 'object',
				description: 'Until a date trait’s next anniversary plus `offsetDays`.',
				required: ['kind', 'trait', 'offsetDays'],
				properties: {
					kind: tag('date_trait'),
					trait: TRAIT_KEY,
					offsetDays: int(-MAX_OFFSET_DAYS, MAX_OFFSET_DAYS)
				}
			}
		]
	},
	JourneyBranchCheck: {
		description: 'One test of a condition; `kind` says which.',
		oneOf: [
			{
				type: 'object',
				description: 'The segment language on this customer: traits, facts, events.',
				required: ['kind', 'root'],
				properties: { kind: tag('customer'), root: schemaRef('SegmentGroup') }
			},
			{
				type: 'object',
				description: 'Whether the customer is (`member: true`) or is not in a segment.',
				required: ['kind', 'segmentId', 'member'],
				properties: {
					kind: tag('segment'),
					segmentId: { type: 'integer', minimum: 1 },
					member: { type: 'boolean' }
				}
			},
			{
				type: 'object',
				description: 'A property of the event that brought the customer in.',
				required: ['kind', 'filter'],
				properties: { kind: tag('entry_property'), filter: schemaRef('PropertyFilter') }
			}
		]
	},
	SegmentGroup: {
		type: 'object',
		description:
			'An and/or group of conditions, as in segment definitions (at most 4 levels deep, 50 conditions).',
		required: ['type', 'op', 'children'],
		properties: {
			type: tag('group'),
			op: { type: 'string', enum: ['and', 'or'] },
			children: {
				type: 'array',
				items: {
					oneOf: [
						schemaRef('SegmentGroup'),
						{
							type: 'object',
							required: ['type', 'key', 'operator', 'value'],
							properties: {
								type: tag('trait'),
								key: TRAIT_KEY,
								operator: { type: 'string', enum: TRAIT_OPERATORS },
								value: {
									type: ['string', 'number', 'null'],
									description: 'null for exists and not_exists; YYYY-MM-DD for before and after.'
								}
							}
						},
						{
							type: 'object',
							required: ['type', 'fact', 'operator', 'value'],
							properties: {
								type: tag('fact'),
								fact: { type: 'string', enum: FACTS },
								operator: { type: 'string', enum: [...LIST_OPERATORS, ...NUMBER_OPERATORS] },
								value: {
									type: ['number', 'array'],
									items: { type: ['string', 'number'] },
									description:
										'Names for lifecycle_stage and value_tier (in, not_in); a number, or [min, max] for between, for the others.'
								}
							}
						},
						{
							type: 'object',
							required: ['type', 'name', 'occurred', 'count', 'within'],
							properties: {
								type: tag('event'),
								name: EVENT,
								occurred: { type: 'string', enum: OCCURRED },
								count: { type: 'integer', minimum: 0 },
								within: nullable({
									type: 'object',
									required: ['days'],
									description: 'null: ever.',
									properties: { days: int(1, MAX_DAYS) }
								}),
								property: nullable(schemaRef('PropertyFilter'))
							}
						}
					]
				}
			}
		}
	},
	PropertyFilter: {
		type: 'object',
		description: 'A test of one event property, as in segment definitions.',
		required: ['key', 'operator', 'value'],
		properties: {
			key: TRAIT_KEY,
			operator: { type: 'string', enum: PROPERTY_OPERATORS },
			value: propertyValue
		}
	},
	JourneyProductBlock: {
		type: 'object',
		description: 'Recommended products for the customer, placed in the message.',
		required: ['placement', 'count'],
		properties: { placement: PLACEMENT, count: int(1, MAX_PRODUCTS) }
	},
	JourneyProfileChange: {
		description: 'What an update_profile step changes; `kind` says which.',
		oneOf: [
			{
				type: 'object',
				required: ['kind', 'key', 'value'],
				properties: {
					kind: tag('set_trait'),
					key: TRAIT_KEY,
					value: {
						type: ['string', 'number', 'boolean', 'null'],
						maxLength: MAX_TRAIT_VALUE_LENGTH
					}
				}
			},
			{
				type: 'object',
				required: ['kind', 'tag'],
				properties: { kind: tag('add_tag'), tag: text(MAX_TAG_LENGTH) }
			},
			{
				type: 'object',
				required: ['kind', 'tag'],
				properties: { kind: tag('remove_tag'), tag: text(MAX_TAG_LENGTH) }
			}
		]
	},
	JourneySettings: {
		type: 'object',
		description: 'Settings left out take their defaults; those present must be valid.',
		properties: {
			reEntry: {
				description:
					'Whether a customer may enter again: never (default), always, or after a cooldown.',
				oneOf: [
					{ type: 'object', required: ['kind'], properties: { kind: tag('never') } },
					{ type: 'object', required: ['kind'], properties: { kind: tag('always') } },
					{
						type: 'object',
						required: ['kind', 'days'],
						properties: { kind: tag('cooldown'), days: int(1, MAX_DAYS) }
					}
				]
			},
			goal: nullable({
				type: 'object',
				description:
					'Customers who do this within `windowDays` of entering count as converted, and leave.',
				required: ['event', 'windowDays'],
				properties: { event: EVENT, filters: FILTERS, windowDays: int(1, MAX_DAYS) }
			}),
			exit: {
				type: 'object',
				description: 'Leave at once when this event happens or this segment is left.',
				properties: {
					event: nullable(EVENT),
					leftSegmentId: nullable({ type: 'integer', minimum: 1 })
				}
			},
			quietHours: nullable({
				type: 'object',
				description: 'No messages in these local hours; sends wait until `endHour`.',
				required: ['startHour', 'endHour'],
				properties: { startHour: int(0, 23), endHour: int(0, 23) }
			}),
			holdout: {
				type: 'number',
				minimum: 0,
				maximum: 0.5,
				default: 0,
				description: 'A control group share: qualify, receive nothing, measure the lift.'
			}
		}
	}
};

const journeyFields: Record<string, Schema> = {
	id: { type: 'integer' },
	name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
	status: {
		type: 'string',
		enum: ['draft', 'live', 'paused', 'archived'],
		description:
			'draft until first published; live takes new entries; paused holds runs where they are; archived has ended every run for good.'
	},
	liveVersionId: nullable({
		type: 'integer',
		description: 'The version new entries take (the latest published); null before publishing.'
	}),
	draft: schemaRef('JourneyDefinition'),
	createdAt: isoTime,
	updatedAt: isoTime
};

// The test-run and dry-run limits (simulate.ts, dry-run.ts): server modules this file may not import.
const MAX_SCRIPTED_EVENTS = 200;
const MAX_DRY_RUN_DAYS = 90;
const ms: Schema = {
	type: 'integer',
	description: 'Milliseconds since 1970 (UTC) on the virtual clock.'
};

const simulationSchemas: Record<string, Schema> = {
	JourneyTestRequest: {
		type: 'object',
		required: ['customer'],
		properties: {
			customer: {
				description: 'The customer: the shop’s user id, or `{ "id": … }` with the internal id.',
				oneOf: [
					{ type: 'string', minLength: 1, maxLength: 500 },
					{
						type: 'object',
						required: ['id'],
						properties: { id: { type: 'integer', minimum: 1 } }
					}
				]
			},
			events: {
				type: 'array',
				maxItems: MAX_SCRIPTED_EVENTS,
				description:
					'What the customer does meanwhile, by minutes after entering: waits, goal steps, the journey’s goal and exit event react to these.',
				items: {
					type: 'object',
					required: ['name', 'atMinutes'],
					properties: {
						name: EVENT,
						properties: { type: 'object', description: 'The event’s properties.' },
						atMinutes: { type: 'number', minimum: 0, maximum: MAX_MINUTES }
					}
				}
			},
			entry: {
				type: 'object',
				description:
					'The properties of the event that brought the customer in: `{{entry.x}}` and `matchKey` read them.'
			},
			definition: {
				...schemaRef('JourneyDefinition'),
				description: 'A definition to try instead of the saved draft.'
			}
		}
	},
	JourneyWouldSend: {
		type: 'object',
		description: 'What a message step would send, rendered for this customer.',
		required: ['channel', 'recipient'],
		properties: {
			channel: { type: 'string', enum: ['email', 'offer', 'webhook'] },
			recipient: nullable({
				type: 'string',
				description: 'The email address, the offers slot, or the webhook URL.'
			}),
			subject: { type: 'string', description: 'Email subject or offer title.' },
			body: { type: 'string', description: 'Email text, offer body or webhook JSON.' },
			skus: {
				type: 'array',
				items: { type: 'string' },
				description: 'The recommended products a product block would show.'
			}
		}
	},
	JourneyTestStep: {
		type: 'object',
		required: ['at', 'nodeId', 'type', 'outcome'],
		properties: {
			at: {
				...ms,
				description: 'When the step’s outcome happened on the virtual clock (ms, UTC).'
			},
			nodeId: { type: 'string' },
			type: { type: 'string', enum: Object.keys(NODES) },
			outcome: {
				type: 'string',
				description:
					'The output taken (`next`, `happened`, `timed_out`, `yes`, a variant…) or what the step did (`queued`, `sent`, `skipped_consent`, `skipped_no_email`, `skipped_cap`, `updated`, `awarded`, `converted`, `exited`, `completed`, `holdout`, `waiting`, `failed`).'
			},
			detail: {
				description:
					'More about it: the checks of a condition, the minutes waited, `quietHoursFrom` when quiet hours moved a send.'
			},
			wouldSend: schemaRef('JourneyWouldSend')
		}
	},
	JourneyTestRun: {
		type: 'object',
		description:
			'One customer’s way through the journey on a virtual clock, with their real profile, consent, segments and message counts. Nothing is written: no run, no message, no points, no profile change.',
		required: ['steps', 'status', 'endedAt', 'messages'],
		properties: {
			steps: { type: 'array', items: schemaRef('JourneyTestStep') },
			status: {
				type: 'string',
				enum: ['completed', 'converted', 'exited', 'waiting', 'failed', 'holdout'],
				description:
					'waiting: still inside when the 60-day horizon ended; holdout: in the journey’s or the workspace’s control group, so nothing would be sent.'
			},
			endedAt: ms,
			messages: { ...count, description: 'How many messages would go out.' }
		}
	},
	JourneyDryRunRequest: {
		type: 'object',
		properties: {
			days: {
				type: 'integer',
				minimum: 1,
				maximum: MAX_DRY_RUN_DAYS,
				default: 30,
				description: 'How many days back to look.'
			},
			definition: {
				...schemaRef('JourneyDefinition'),
				description: 'A definition to try instead of the saved draft.'
			}
		}
	},
	JourneyDryRun: {
		type: 'object',
		required: ['entrants', 'sampled', 'perNode', 'messagesPerDay', 'days'],
		properties: {
			entrants: {
				...count,
				description:
					'Runs that would have started in the window: entry events the engine would have let in (a customer enters again only once their previous run has ended, as the re-entry setting allows), customers who crossed an inactivity line or an anniversary, or who are segment members or above the churn threshold now. Scaled from the sample when not everyone was simulated.'
			},
			sampled: {
				...count,
				description:
					'How many runs were simulated (about 500 at most); the rest are scaled from them.'
			},
			perNode: {
				type: 'object',
				description: 'By node id, scaled from the sample to every entrant.',
				additionalProperties: {
					type: 'object',
					required: ['entered', 'outcomes'],
					properties: {
						entered: count,
						outcomes: { type: 'object', additionalProperties: count }
					}
				}
			},
			messagesPerDay: {
				type: 'object',
				description: 'What the entrants would receive, spread over the window’s days.',
				required: ['email', 'offer', 'webhook'],
				properties: {
					email: { type: 'number', minimum: 0 },
					offer: { type: 'number', minimum: 0 },
					webhook: { type: 'number', minimum: 0 }
				}
			},
			days: int(1, MAX_DRY_RUN_DAYS)
		}
	}
};

export const JOURNEY_SCHEMAS: Record<string, Schema> = {
	...simulationSchemas,
	Journey: {
		type: 'object',
		description:
			'`draft` is the definition as last saved: it may still have wiring problems (an unconnected output, an unreachable step), never an unreadable step. Publishing freezes it as the next version.',
		required: Object.keys(journeyFields),
		properties: journeyFields
	},
	JourneyList: {
		type: 'object',
		required: ['journeys'],
		properties: {
			journeys: {
				type: 'array',
				items: schemaRef('Journey'),
				description: 'Every journey of the workspace, newest first.'
			}
		}
	},
	JourneyWithVersions: {
		type: 'object',
		required: [...Object.keys(journeyFields), 'versions'],
		properties: {
			...journeyFields,
			versions: {
				type: 'array',
				items: schemaRef('JourneyVersion'),
				description: 'Every published version, newest first.'
			}
		}
	},
	JourneyAfterAction: {
		type: 'object',
		required: Object.keys(journeyFields),
		properties: {
			...journeyFields,
			version: {
				type: 'integer',
				minimum: 1,
				description: 'publish only: the number of the version it created.'
			}
		}
	},
	JourneyVersion: {
		type: 'object',
		description: 'A published, frozen definition. Customers finish the version they entered with.',
		required: ['id', 'number', 'publishedAt', 'publishedBy', 'definition'],
		properties: {
			id: { type: 'integer' },
			number: { type: 'integer', minimum: 1, description: '1, 2, 3… per journey.' },
			publishedAt: isoTime,
			publishedBy: nullable({
				type: 'string',
				description: 'The email of the studio user who published; null through the API.'
			}),
			definition: schemaRef('JourneyDefinition')
		}
	},
	...definitionSchemas,
	JourneyProblem: {
		type: 'object',
		description:
			'One thing wrong with a definition. Branch on `code`; `message` is English for people.',
		required: ['code', 'message'],
		properties: {
			code: { type: 'string', enum: JOURNEY_PROBLEM_CODES },
			nodeId: { type: 'string', description: 'The step it concerns, when it concerns one.' },
			field: {
				type: 'string',
				description:
					'Within the step (`subject`, `delay.minutes`, `outputs.next`) or of the definition (`edges[2]`, `settings.holdout`).'
			},
			message: { type: 'string' }
		}
	},
	JourneyValidation: {
		type: 'object',
		required: ['valid', 'problems'],
		properties: {
			valid: { type: 'boolean', description: 'Whether it could be published as it is.' },
			problems: { type: 'array', items: schemaRef('JourneyProblem') }
		}
	},
	JourneyNodeStats: {
		type: 'object',
		required: ['entered', 'waiting', 'outcomes', 'converted'],
		properties: {
			entered: { ...count, description: 'Arrivals (a run that loops counts each time).' },
			waiting: { ...count, description: 'Runs here right now, waiting for a timer or an event.' },
			outcomes: {
				type: 'object',
				additionalProperties: count,
				description:
					'How many left by each output (`next`, `yes`, `timed_out`…) and the other outcomes (`queued`, `sent`, `skipped_consent`, `converted`, `completed`…).'
			},
			converted: {
				...count,
				description: 'Runs that converted here: at a goal step, or on the journey goal while here.'
			}
		}
	},
	JourneyStats: {
		type: 'object',
		required: ['goalWindowDays', 'nodes', 'runs', 'conversionRate', 'revenueMinor'],
		properties: {
			goalWindowDays: {
				type: 'integer',
				minimum: 1,
				description:
					'The goal window of the latest version, or of `version` when given; 30 when it has no goal.'
			},
			nodes: {
				type: 'object',
				additionalProperties: schemaRef('JourneyNodeStats'),
				description: 'By node id; steps nobody has reached yet are absent.'
			},
			runs: {
				type: 'object',
				description: 'Runs (one customer’s way through the journey) by status.',
				required: ['total', 'active', 'completed', 'converted', 'exited', 'failed', 'holdout'],
				properties: {
					total: count,
					active: count,
					completed: count,
					converted: count,
					exited: count,
					failed: count,
					holdout: { ...count, description: 'In the journey’s control group.' }
				}
			},
			conversionRate: nullable({
				type: 'number',
				minimum: 0,
				maximum: 1,
				description: 'converted / (total − holdout); null before anyone entered.'
			}),
			revenueMinor: {
				...count,
				description:
					'Completed orders of converted customers within the goal window after they entered, in minor units.'
			}
		}
	},
	CreateJourneyRequest: {
		type: 'object',
		description:
			'A `template`, a `definition`, or both (the definition wins; the template then only names it). `name` defaults to the template’s.',
		properties: {
			name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
			template: { type: 'string', enum: TEMPLATE_KEYS },
			definition: schemaRef('JourneyDefinition')
		}
	},
	UpdateJourneyRequest: {
		type: 'object',
		description: 'Either or both; what is left out stays as it is.',
		properties: {
			name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
			definition: schemaRef('JourneyDefinition')
		}
	},
	ValidateJourneyRequest: {
		type: 'object',
		required: ['definition'],
		properties: { definition: schemaRef('JourneyDefinition') }
	}
};

// --- Examples: a real template, and what the real validator says about broken copies of it ------

function problemsOf(definition: unknown): JourneyProblem[] {
	const parsed = parseJourney(definition);
	return parsed.ok ? [] : parsed.problems;
}

export const JOURNEY_DEFINITION_EXAMPLE: JourneyDefinition =
	journeyTemplate('abandoned_cart').definition;

/** The template with its last exit removed: unfinished, so it saves but does not publish. */
export const UNFINISHED_DEFINITION_EXAMPLE: JourneyDefinition = {
	...JOURNEY_DEFINITION_EXAMPLE,
	nodes: JOURNEY_DEFINITION_EXAMPLE.nodes.filter((n) => n.id !== 'done'),
	edges: JOURNEY_DEFINITION_EXAMPLE.edges.filter((e) => e.to !== 'done')
};
export const UNFINISHED_PROBLEMS_EXAMPLE = problemsOf(UNFINISHED_DEFINITION_EXAMPLE);

/** A step of a type the model does not have: unreadable, so not even a draft may hold it. */
export const UNREADABLE_PROBLEMS_EXAMPLE = problemsOf({
	...JOURNEY_DEFINITION_EXAMPLE,
	nodes: [...JOURNEY_DEFINITION_EXAMPLE.nodes, { id: 'send_sms', type: 'sms', text: 'Hi!' }]
});

export const JOURNEY_EXAMPLE = {
	id: 12,
	name: 'Abandoned cart',
	status: 'live',
	liveVersionId: 31,
	draft: JOURNEY_DEFINITION_EXAMPLE,
	createdAt: '2026-11-02T10:04:11.000Z',
	updatedAt: '2026-11-20T08:30:52.000Z'
};

export const DRAFT_JOURNEY_EXAMPLE = {
	...JOURNEY_EXAMPLE,
	status: 'draft',
	liveVersionId: null,
	updatedAt: JOURNEY_EXAMPLE.createdAt
};

export const JOURNEY_VERSION_EXAMPLE = {
	id: 31,
	number: 2,
	publishedAt: '2026-11-20T08:31:05.000Z',
	publishedBy: 'mei.chen@example.com',
	definition: JOURNEY_DEFINITION_EXAMPLE
};

// 1,240 carts: 402 ordered within the hour (the journey goal converts them while waiting), 800
// got the reminder, of whom 131 ordered within three days so far; 348 runs are still under way.
export const JOURNEY_STATS_EXAMPLE = {
	goalWindowDays: 3,
	nodes: {
		added_to_cart: { entered: 1240, waiting: 0, outcomes: { next: 1240 }, converted: 0 },
		wait_for_order: {
			entered: 1240,
			waiting: 38,
			outcomes: { converted: 402, timed_out: 800 },
			converted: 402
		},
		reminder_email: {
			entered: 800,
			waiting: 0,
			outcomes: { queued: 712, skipped_consent: 88, next: 800 },
			converted: 0
		},
		order_goal: {
			entered: 800,
			waiting: 310,
			outcomes: { converted: 131, not_converted: 359 },
			converted: 131
		},
		done: { entered: 359, waiting: 0, outcomes: { completed: 359 }, converted: 0 }
	},
	runs: {
		total: 1240,
		active: 348,
		completed: 359,
		converted: 533,
		exited: 0,
		failed: 0,
		holdout: 0
	},
	conversionRate: 533 / 1240,
	revenueMinor: 2_398_500
};

// A test run of the abandoned-cart template for a customer who never ordered: the reminder goes
// out after the hour, and the three-day goal window closes without an order.
const ENTERED_AT = Date.UTC(2026, 10, 20, 9, 0, 0);
const HOUR = 3_600_000;
export const JOURNEY_TEST_EXAMPLE = {
	steps: [
		{ at: ENTERED_AT, nodeId: 'added_to_cart', type: 'entry_event', outcome: 'next' },
		{
			at: ENTERED_AT + HOUR,
			nodeId: 'wait_for_order',
			type: 'wait_event',
			outcome: 'timed_out',
			detail: { waitedMinutes: 60 }
		},
		{
			at: ENTERED_AT + HOUR,
			nodeId: 'reminder_email',
			type: 'email',
			outcome: 'queued',
			wouldSend: {
				channel: 'email',
				recipient: 'mei.chen@example.com',
				subject: 'You left something in your cart',
				body: 'Hi Mei,\n\nYour cart is still waiting for you. Complete your order whenever you are ready.\n\n- Oolong tea 100 g https://shop.example.com/p/oolong-100\n',
				skus: ['TEA-OOLONG-100']
			}
		},
		{
			at: ENTERED_AT + HOUR + 72 * HOUR,
			nodeId: 'order_goal',
			type: 'goal',
			outcome: 'not_converted',
			detail: { waitedMinutes: 4320 }
		},
		{ at: ENTERED_AT + HOUR + 72 * HOUR, nodeId: 'done', type: 'exit', outcome: 'completed' }
	],
	status: 'completed',
	endedAt: ENTERED_AT + HOUR + 72 * HOUR,
	messages: 1
};

// 30 days of carts: 1,240 entered, 402 ordered within the hour (the journey goal converts them),
// 838 got the reminder (88 had opted out), 131 of those ordered within three days.
export const JOURNEY_DRY_RUN_EXAMPLE = {
	entrants: 1240,
	sampled: 500,
	perNode: {
		added_to_cart: { entered: 1240, outcomes: { next: 1240 } },
		wait_for_order: { entered: 1240, outcomes: { converted: 402, timed_out: 838 } },
		reminder_email: { entered: 838, outcomes: { queued: 750, skipped_consent: 88 } },
		order_goal: { entered: 838, outcomes: { converted: 131, not_converted: 707 } },
		done: { entered: 707, outcomes: { completed: 707 } }
	},
	messagesPerDay: { email: 25, offer: 0, webhook: 0 },
	days: 30
};
