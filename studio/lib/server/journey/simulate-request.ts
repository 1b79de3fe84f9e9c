/**
 * The test run as the REST API takes it: reading the request, choosing the definition (the
 * journey's draft or one sent along) and the customer, then simulate.ts does the run.
 */
import { MAX_MINUTES, type JourneyDefinition } from '../../journey/definition';
import { parseJourney, type JourneyProblem } from '../../journey/validate';
import type { Db } from '../db/connect';
import { findJourney } from './journey-repository';
import {
	MAX_SCRIPTED_EVENTS,
	simulateJourney,
	type ScriptedEvent,
	type SimulationResult
} from './simulate';
import { findCustomerId, type DescribedCustomer } from './simulation-repository';

/** Most traits a described customer may have; a profile, not a data set. */
export const MAX_DESCRIBED_TRAITS = 100;

export interface TestRequest {
	/** A stored customer, or (studio only) one described by traits who is not stored anywhere. */
	customer: { externalId: string } | { id: number } | { described: DescribedCustomer };
	events: ScriptedEvent[];
	entry: Record<string, unknown>;
	/** A definition to try instead of the journey's draft. */
	definition?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max: number): string | null {
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed ? trimmed.slice(0, max) : null;
}

/**
 * A customer described by traits, mapped as identify maps them: `email` and `name` (or first and
 * last name) fill the columns and stay traits too; `user_id` stands for the shop's user id, which
 * splits and holdouts hash; `consent` is `granted`, `denied` or `unknown` (true and false too) and
 * is not a trait. First name, time zone and the rest are read from the traits as for anyone.
 */
export function describedCustomer(traits: Record<string, unknown>): DescribedCustomer {
	const { consent, ...rest } = traits;
	const first = text(rest.first_name, 200) ?? text(rest.firstName, 200);
	const last = text(rest.last_name, 200) ?? text(rest.lastName, 200);
	return {
		externalId: text(rest.user_id, 500),
		email: text(rest.email, 320),
		name: text(rest.name, 200) ?? ([first, last].filter(Boolean).join(' ') || null),
		consent:
			consent === true || consent === 'granted'
				? 'granted'
				: consent === false || consent === 'denied'
					? 'denied'
					: 'unknown',
		traits: rest,
		loyaltyPoints: 0
	};
}

/**
 * Checks the shape of a test-run body; the definition itself is checked by `testJourney`. With
 * `described`, `customer` may also be `{ "traits": {…} }`: a customer who exists only in the run.
 */
export function readTestRequest(
	body: unknown,
	options: { described?: boolean } = {}
): { ok: true; value: TestRequest } | { ok: false; message: string } {
	const fail = (message: string) => ({ ok: false as const, message });
	if (!isRecord(body)) return fail('Send a JSON object with "customer".');
	let customer: TestRequest['customer'];
	if (typeof body.customer === 'string' && body.customer.length > 0 && body.customer.length <= 500)
		customer = { externalId: body.customer };
	else if (
		isRecord(body.customer) &&
		Number.isSafeInteger(body.customer.id) &&
		(body.customer.id as number) > 0
	)
		customer = { id: body.customer.id as number };
	else if (options.described && isRecord(body.customer) && isRecord(body.customer.traits)) {
		if (Object.keys(body.customer.traits).length > MAX_DESCRIBED_TRAITS)
			return fail(`A described customer has at most ${MAX_DESCRIBED_TRAITS} traits.`);
		customer = { described: describedCustomer(body.customer.traits) };
	} else if (options.described)
		return fail(
			'customer must be the shop’s user id, { "id": <customer id> } or { "traits": { … } }.'
		);
	else return fail('customer must be the shop’s user id or { "id": <customer id> }.');
	const events: ScriptedEvent[] = [];
	if (body.events !== undefined) {
		if (!Array.isArray(body.events) || body.events.length > MAX_SCRIPTED_EVENTS)
			return fail(`events must be a list of at most ${MAX_SCRIPTED_EVENTS} events.`);
		for (const [i, raw] of body.events.entries()) {
			const wrong = fail(
				`events[${i}] needs "name" (text), "atMinutes" (0 to ${MAX_MINUTES}) and optional "properties" (an object).`
			);
			if (!isRecord(raw)) return wrong;
			const { name, atMinutes, properties } = raw;
			if (typeof name !== 'string' || name.length === 0 || name.length > 200) return wrong;
			if (typeof atMinutes !== 'number' || !(atMinutes >= 0 && atMinutes <= MAX_MINUTES))
				return wrong;
			if (properties !== undefined && !isRecord(properties)) return wrong;
			events.push({ name, atMinutes, properties: properties ?? {} });
		}
	}
	if (body.entry !== undefined && !isRecord(body.entry)) return fail('entry must be an object.');
	return {
		ok: true,
		value: {
			customer,
			events,
			entry: body.entry ?? {},
			...(body.definition !== undefined ? { definition: body.definition } : {})
		}
	};
}

export type SimulationErrorCode = 'not_found' | 'customer_not_found' | 'definition_invalid';

export type SimulationOutcome<T> =
	| { ok: true; value: T }
	| {
			ok: false;
			error: { code: SimulationErrorCode; message: string; problems?: JourneyProblem[] };
	  };

/** The definition to simulate: the one sent, else the journey's draft; it must lint clean. */
export async function definitionToSimulate(
	db: Db,
	workspaceId: number,
	journeyId: number,
	override: unknown
): Promise<SimulationOutcome<JourneyDefinition>> {
	const journey = await findJourney(db, workspaceId, journeyId);
	if (!journey) return { ok: false, error: { code: 'not_found', message: 'No such journey.' } };
	const parsed = parseJourney(override ?? journey.draft);
	if (!parsed.ok)
		return {
			ok: false,
			error: {
				code: 'definition_invalid',
				message: 'Fix these problems before testing.',
				problems: parsed.problems
			}
		};
	return { ok: true, value: parsed.definition };
}

/** The test run behind `POST /api/v1/journeys/{id}/test`. */
export async function testJourney(
	db: Db,
	workspaceId: number,
	journeyId: number,
	request: TestRequest,
	now = Date.now()
): Promise<SimulationOutcome<SimulationResult>> {
	const definition = await definitionToSimulate(db, workspaceId, journeyId, request.definition);
	if (!definition.ok) return definition;
	const run = {
		definition: definition.value,
		journeyId,
		events: request.events,
		entry: request.entry,
		start: now
	};
	if ('described' in request.customer)
		return {
			ok: true,
			value: await simulateJourney(db, workspaceId, { ...run, profile: request.customer.described })
		};
	const customerId = await findCustomerId(db, workspaceId, request.customer);
	if (customerId === null)
		return {
			ok: false,
			error: { code: 'customer_not_found', message: 'No such customer in this workspace.' }
		};
	return { ok: true, value: await simulateJourney(db, workspaceId, { ...run, customerId }) };
}
