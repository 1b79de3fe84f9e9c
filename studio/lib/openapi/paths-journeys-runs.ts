import { failure, JSON_TYPE, KEY_FAILURES, ok, schemaRef } from './helpers';
import { BODY_FAILURES, failureWithProblems, JOURNEY_ID, NOT_FOUND } from './paths-journeys';
import {
	JOURNEY_DRY_RUN_EXAMPLE,
	JOURNEY_STATS_EXAMPLE,
	JOURNEY_TEST_EXAMPLE,
	UNFINISHED_PROBLEMS_EXAMPLE
} from './schemas-journeys';
import type { Parameter, PathItem } from './types';

// What runs do and would do: a test on one customer, a dry run on past data, and the stats.

const VERSION_INVALID =
	'version must be a positive whole number: a published version of this journey.';

const VERSION: Parameter = {
	name: 'version',
	in: 'query',
	description:
		'Only the runs that entered on this published version (1, 2...; see the journey’s `versions`). Leave out for every version’s runs together.',
	schema: { type: 'integer', minimum: 1 },
	example: 2
};

export const JOURNEY_RUN_PATHS: Record<string, PathItem> = {
	'/api/v1/journeys/{id}/test': {
		post: {
			operationId: 'testJourney',
			tags: ['Journeys'],
			summary: 'Test a journey on one customer',
			description:
				'Runs the draft (or `definition`) for one real customer on a virtual clock starting now: delays pass at once, waits and goals react to the scripted `events`, conditions read the customer’s real profile, segments and events, message steps show what would be sent (rendered, with recommended products) or why not (consent, no email, the frequency cap; quiet hours move the send). Nothing is written. The definition must have no problems. The body may be at most 1 MB.',
			parameters: [JOURNEY_ID],
			requestBody: {
				required: true,
				content: {
					[JSON_TYPE]: {
						schema: schemaRef('JourneyTestRequest'),
						example: {
							customer: 'u_1042',
							entry: { cart_id: 'c_981' },
							events: [{ name: 'Product Viewed', atMinutes: 20, properties: { sku: 'TEA-1' } }]
						}
					}
				}
			},
			responses: {
				'200': ok(
					'What the journey would do, step by step.',
					schemaRef('JourneyTestRun'),
					JOURNEY_TEST_EXAMPLE
				),
				'400': failureWithProblems(
					'A body that is not JSON or not of this shape, or a definition with problems, listed in `error.problems`.',
					{
						...BODY_FAILURES,
						invalid_body: 'customer must be the shop’s user id or { "id": <customer id> }.',
						definition_invalid: {
							message: 'Fix these problems before testing.',
							problems: UNFINISHED_PROBLEMS_EXAMPLE
						}
					}
				),
				'404': failure('No journey with this id, or no such customer, in this workspace.', {
					not_found: 'No such journey.',
					customer_not_found: 'No such customer in this workspace.'
				}),
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/journeys/{id}/dry-run': {
		post: {
			operationId: 'dryRunJourney',
			tags: ['Journeys'],
			summary: 'Estimate a journey on past data',
			description:
				'What the draft (or `definition`) would have done over the last `days` days: who could have entered (from the stored events and profiles), then a sample of those customers (about 500 runs) run as in a test, each with their own later events. A customer enters again only as the engine would let them: never, or once their previous run has ended (and, with a cooldown, that long after their last entry). The counts are scaled to everyone. An estimate; nothing is written. The body may be empty, or at most 1 MB.',
			parameters: [JOURNEY_ID],
			requestBody: {
				content: {
					[JSON_TYPE]: { schema: schemaRef('JourneyDryRunRequest'), example: { days: 30 } }
				}
			},
			responses: {
				'200': ok('The estimate.', schemaRef('JourneyDryRun'), JOURNEY_DRY_RUN_EXAMPLE),
				'400': failureWithProblems(
					'A body that is not JSON, days out of range, or a definition with problems, listed in `error.problems`.',
					{
						...BODY_FAILURES,
						invalid_body: 'Send a JSON object (it may be empty).',
						days_invalid: 'days must be a whole number from 1 to 90.',
						definition_invalid: {
							message: 'Fix these problems before testing.',
							problems: UNFINISHED_PROBLEMS_EXAMPLE
						}
					}
				),
				'404': NOT_FOUND,
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/journeys/{id}/stats': {
		get: {
			operationId: 'journeyStats',
			tags: ['Journeys'],
			summary: 'How customers flow through a journey',
			description:
				'Per step: arrivals, runs waiting there now and how they left; runs by status; the conversion rate against the goal; and the revenue of converted customers within the goal window. Every version’s runs together, or with `version` only the runs that entered on that version (a run keeps the version it entered with).',
			parameters: [JOURNEY_ID, VERSION],
			responses: {
				'200': ok('The counts so far.', schemaRef('JourneyStats'), JOURNEY_STATS_EXAMPLE),
				'400': failure('A version that is not a positive whole number.', {
					invalid_query: VERSION_INVALID
				}),
				'404': failure('No journey with this id in this workspace, or no such version of it.', {
					not_found: 'No such journey.',
					version_not_found: 'This journey has no version 3.'
				}),
				...KEY_FAILURES
			}
		}
	}
};
