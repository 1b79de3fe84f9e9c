/**
 * A test run: one real customer through a journey on a virtual clock. It reads what the engine
 * reads (consent, email, traits, facts, segment membership, message counts, recommendations) and
 * takes the steps the engine takes (step-runner.ts), but writes nothing: profile changes and points
 * land on an in-memory copy of the customer, so later steps see them, and sends are reported as
 * what would go out. Scripted events stand in for what the customer does meanwhile.
 *
 * The customer may also be described instead of stored (`profile`): a new shopper with no row and
 * no history, whose conditions and segments are evaluated on the description itself.
 */

import { MAX_MINUTES, type JourneyNode } from '../../journey/definition';
import { journeyGraph, targetOf } from '../../journey/graph';
import { inGlobalHoldout, inJourneyHoldout } from '../../journey/split';
import type { Db } from '../db/connect';
import { journeyCustomer, type JourneyCustomer } from './journey-customer-repository';
import { customerKey } from './step-content';
import { messageLimits, workspaceTimeZone, type DescribedCustomer } from './simulation-repository';
import {
	DEFAULT_HORIZON_MINUTES,
	MAX_STEPS,
	MINUTE,
	type Run,
	type SimulationInput,
	type SimulationOptions,
	type SimulationResult,
	type SimulationStatus,
	type SimulationStep
} from './simulate-types';
import { execute } from './simulate-steps';

export * from './simulate-types';

export async function simulateJourney(
	db: Db,
	workspaceId: number,
	input: SimulationInput,
	options: SimulationOptions = {}
): Promise<SimulationResult> {
	const graph = journeyGraph(input.definition);
	const start = input.start ?? Date.now();
	const horizon = Math.min(
		Math.max(input.horizonMinutes ?? DEFAULT_HORIZON_MINUTES, 0),
		MAX_MINUTES
	);
	const stored = input.profile
		? await describedAsCustomer(db, workspaceId, input.profile)
		: await journeyCustomer(db, workspaceId, input.customerId);
	if (!stored) {
		const step = { at: start, nodeId: graph.entry.id, type: graph.entry.type, outcome: 'failed' };
		return {
			steps: [{ ...step, detail: { error: 'no such customer' } }],
			status: 'failed',
			endedAt: start,
			messages: 0
		};
	}
	const run: Run = {
		db,
		workspaceId,
		journeyId: input.journeyId,
		graph,
		customer: { ...stored, traits: structuredClone(stored.traits) },
		described: input.profile !== undefined,
		changedTraits: false,
		entry: input.entry ?? {},
		events: (input.events ?? [])
			.map((e) => ({
				name: e.name,
				properties: e.properties ?? {},
				at: start + Math.round(e.atMinutes * MINUTE)
			}))
			.sort((a, b) => a.at - b.at),
		cursor: 0,
		start,
		end: start + horizon * MINUTE,
		now: start,
		sent: [],
		limits: options.limits ?? (await messageLimits(db, workspaceId)),
		products: options.products ?? true
	};
	const steps: SimulationStep[] = [];
	const finish = (status: SimulationStatus, endedAt: number): SimulationResult => ({
		steps,
		status,
		endedAt,
		messages: steps.filter((s) => s.wouldSend).length
	});

	// The engine decides the control groups when the customer enters, on the same hashes.
	const key = customerKey(run.customer);
	const global = inGlobalHoldout(run.limits.globalHoldout, workspaceId, key);
	if (global || inJourneyHoldout(graph.definition.settings.holdout, input.journeyId, key)) {
		steps.push({
			at: start,
			nodeId: graph.entry.id,
			type: graph.entry.type,
			outcome: 'holdout',
			detail: { group: global ? 'workspace' : 'journey' }
		});
		return finish('holdout', start);
	}

	let node: JourneyNode | null = graph.entry;
	for (let i = 0; ; i++) {
		if (i >= MAX_STEPS) {
			steps.push({
				at: run.now,
				nodeId: node.id,
				type: node.type,
				outcome: 'failed',
				detail: { error: 'too many steps without a wait' }
			});
			return finish('failed', run.now);
		}
		const result = await execute(run, node);
		const step: SimulationStep = {
			at: result.at,
			nodeId: node.id,
			type: node.type,
			outcome: result.kind === 'next' ? (result.outcome ?? result.output) : result.outcome
		};
		if (result.detail !== undefined) step.detail = result.detail;
		if (result.kind === 'next' && result.wouldSend) {
			step.wouldSend = result.wouldSend;
			run.sent.push({ channel: result.wouldSend.channel, at: result.at });
		}
		steps.push(step);
		if (result.kind === 'end')
			return finish(result.status, result.status === 'waiting' ? run.end : result.at);
		run.now = result.at;
		node = targetOf(graph, node.id, result.output);
		// An unconnected output (only an unfinished draft has one) ends the run, as in the engine.
		if (!node) return finish('completed', run.now);
	}
}

/**
 * A described customer as the steps see one. Id 0 belongs to no stored customer (ids start at 1);
 * the run never reads by it anyway (see `Run.described`).
 */
async function describedAsCustomer(
	db: Db,
	workspaceId: number,
	profile: DescribedCustomer
): Promise<JourneyCustomer> {
	return { ...profile, id: 0, workspaceTimeZone: await workspaceTimeZone(db, workspaceId) };
}

/** The key splits and control groups hash, as the engine forms it. */
