import { failure, JSON_TYPE, KEY_FAILURES, ok, schemaRef } from './helpers';
import {
	DRAFT_JOURNEY_EXAMPLE,
	JOURNEY_DEFINITION_EXAMPLE,
	JOURNEY_EXAMPLE,
	JOURNEY_VERSION_EXAMPLE,
	UNFINISHED_DEFINITION_EXAMPLE,
	UNFINISHED_PROBLEMS_EXAMPLE,
	UNREADABLE_PROBLEMS_EXAMPLE
} from './schemas-journeys';
import type { Example, Parameter, PathItem, Response } from './types';
import type { JourneyProblem } from '../journey/validate';

export const JOURNEY_ID: Parameter = {
	name: 'id',
	in: 'path',
	required: true,
	description: 'The journey’s id. Anything that is not a journey of this workspace answers 404.',
	schema: { type: 'integer', minimum: 1 },
	example: 12
};

const MAX_BODY = 1_000_000;
export const BODY_FAILURES = {
	invalid_json: 'The body is not valid JSON.',
	payload_too_large: `The body is over the ${MAX_BODY}-byte limit.`
};
const NAME_INVALID = 'name must be 1 to 200 characters.';

/**
 * Like `failure`, but a code may carry `problems` too: the one error shape with the list a
 * definition_invalid answer adds inside `error`, so clients see where it goes.
 */
export function failureWithProblems(
	description: string,
	codes: Readonly<Record<string, string | { message: string; problems: JourneyProblem[] }>>
): Response {
	const examples: Record<string, Example> = {};
	for (const [code, detail] of Object.entries(codes)) {
		const error = typeof detail === 'string' ? { code, message: detail } : { code, ...detail };
		examples[code] = { summary: code, value: { error } };
	}
	return { description, content: { [JSON_TYPE]: { schema: schemaRef('Error'), examples } } };
}

export const NOT_FOUND = failure('No journey with this id in this workspace.', {
	not_found: 'No such journey.'
});

const answer = (description: string, example: unknown = JOURNEY_EXAMPLE) =>
	ok(description, schemaRef('Journey'), example);

export const JOURNEY_PATHS: Record<string, PathItem> = {
	'/api/v1/journeys': {
		get: {
			operationId: 'listJourneys',
			tags: ['Journeys'],
			summary: 'List journeys',
			description: 'Every journey of the workspace with its draft, newest first.',
			responses: {
				'200': ok('The journeys.', schemaRef('JourneyList'), { journeys: [JOURNEY_EXAMPLE] }),
				...KEY_FAILURES
			}
		},
		post: {
			operationId: 'createJourney',
			tags: ['Journeys'],
			summary: 'Create a journey',
			description:
				'Creates a draft from one of the six templates (welcome, abandoned_cart, post_purchase, loyalty_milestone, birthday, win_back), which publish as they are, or from a definition. A draft may be unfinished (outputs not connected yet) but every step in it must be readable; publish it to make it live. The body may be at most 1 MB.',
			requestBody: {
				required: true,
				content: {
					[JSON_TYPE]: {
						schema: schemaRef('CreateJourneyRequest'),
						example: { name: 'Abandoned cart', template: 'abandoned_cart' }
					}
				}
			},
			responses: {
				'201': ok('The new draft journey.', schemaRef('Journey'), DRAFT_JOURNEY_EXAMPLE),
				'400': failureWithProblems(
					'A body that is not JSON, or a bad name, template or definition; `error.problems` lists what is wrong with a definition.',
					{
						...BODY_FAILURES,
						invalid_body: 'Send a JSON object with "name" and a "template" or "definition".',
						name_invalid: NAME_INVALID,
						template_unknown:
							'template must be one of welcome, abandoned_cart, post_purchase, loyalty_milestone, birthday, win_back.',
						definition_invalid: {
							message: 'The definition has problems.',
							problems: UNREADABLE_PROBLEMS_EXAMPLE
						}
					}
				),
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/journeys/validate': {
		post: {
			operationId: 'validateJourney',
			tags: ['Journeys'],
			summary: 'Check a journey definition',
			description:
				'Every problem publishing would report, without saving anything: for an editor or a CI check. A definition with problems is a normal answer (200, `valid: false`).',
			requestBody: {
				required: true,
				content: {
					[JSON_TYPE]: {
						schema: schemaRef('ValidateJourneyRequest'),
						example: { definition: UNFINISHED_DEFINITION_EXAMPLE }
					}
				}
			},
			responses: {
				'200': ok(
					'The verdict, with the problems in canvas order.',
					schemaRef('JourneyValidation'),
					{
						valid: false,
						problems: UNFINISHED_PROBLEMS_EXAMPLE
					}
				),
				'400': failure('A body that is not JSON, or has no definition.', {
					...BODY_FAILURES,
					invalid_body: 'Send a JSON object with "definition".'
				}),
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/journeys/{id}': {
		get: {
			operationId: 'getJourney',
			tags: ['Journeys'],
			summary: 'Read a journey',
			description: 'The journey, its draft and every published version, newest first.',
			parameters: [JOURNEY_ID],
			responses: {
				'200': ok('The journey with its versions.', schemaRef('JourneyWithVersions'), {
					...JOURNEY_EXAMPLE,
					versions: [
						JOURNEY_VERSION_EXAMPLE,
						{
							...JOURNEY_VERSION_EXAMPLE,
							id: 17,
							number: 1,
							publishedAt: '2026-11-02T10:12:40.000Z'
						}
					]
				}),
				'404': NOT_FOUND,
				...KEY_FAILURES
			}
		},
		put: {
			operationId: 'saveJourneyDraft',
			tags: ['Journeys'],
			summary: 'Save a journey’s draft',
			description:
				'Renames the journey and/or replaces its draft. A live journey keeps running its published version until the draft is published. The body may be at most 1 MB.',
			parameters: [JOURNEY_ID],
			requestBody: {
				required: true,
				content: {
					[JSON_TYPE]: {
						schema: schemaRef('UpdateJourneyRequest'),
						example: { name: 'Abandoned cart', definition: JOURNEY_DEFINITION_EXAMPLE }
					}
				}
			},
			responses: {
				'200': answer('The journey with its new draft.'),
				'400': failureWithProblems(
					'A body that is not JSON, or a bad name or definition; `error.problems` lists what is wrong with a definition.',
					{
						...BODY_FAILURES,
						invalid_body: 'Send a JSON object with "name" and/or "definition".',
						name_invalid: NAME_INVALID,
						definition_invalid: {
							message: 'The definition has problems.',
							problems: UNREADABLE_PROBLEMS_EXAMPLE
						}
					}
				),
				'404': NOT_FOUND,
				'409': failure('The journey is archived.', {
					state_invalid: 'An archived journey cannot change.'
				}),
				...KEY_FAILURES
			}
		}
	},
	'/api/v1/journeys/{id}/{action}': {
		post: {
			operationId: 'changeJourney',
			tags: ['Journeys'],
			summary: 'Publish, pause, resume or archive a journey',
			description:
				'publish freezes the draft as the next numbered version and makes the journey live (customers already inside keep the version they entered with); it needs a draft without problems. pause holds every run where it is and takes no new entries; resume goes on. archive ends every run (as exited) and stops the journey for good. Allowed: pause from live, resume from paused, archive from anything but archived, publish from anything but archived.',
			parameters: [
				JOURNEY_ID,
				{
					name: 'action',
					in: 'path',
					required: true,
					description: 'What to do. Any other answers 404.',
					schema: { type: 'string', enum: ['publish', 'pause', 'resume', 'archive'] },
					example: 'publish'
				}
			],
			responses: {
				'200': {
					description: 'The journey after the change; publish adds the new version’s number.',
					content: {
						[JSON_TYPE]: {
							schema: schemaRef('JourneyAfterAction'),
							examples: {
								publish: { summary: 'publish', value: { ...JOURNEY_EXAMPLE, version: 2 } },
								pause: { summary: 'pause', value: { ...JOURNEY_EXAMPLE, status: 'paused' } }
							}
						}
					}
				},
				'400': failureWithProblems('publish: the draft has problems, listed in `error.problems`.', {
					definition_invalid: {
						message: 'Fix these problems before publishing.',
						problems: UNFINISHED_PROBLEMS_EXAMPLE
					}
				}),
				'404': failure('No journey with this id in this workspace, or an unknown action.', {
					not_found: 'No such journey.'
				}),
				'409': failure('The action does not apply to the journey’s status.', {
					state_invalid: 'A draft journey cannot pause.'
				}),
				...KEY_FAILURES
			}
		}
	}
};
