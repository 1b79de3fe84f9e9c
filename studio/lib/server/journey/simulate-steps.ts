/**
 * One step of a test run: what a node does to the in-memory run on the virtual clock, mirroring
 * step-runner.ts without writing anything.
 */
import { quietUntil } from '../../journey/clock';
import {
	type EmailNode,
	type JourneyNode,
	type OfferNode,
	type WebhookNode
} from '../../journey/definition';
import { matchesAll, matchesFilter, propertyAt } from '../../journey/match';
import { chooseSplitOutput } from '../../journey/split';
import { countMessagesSince } from '../messaging/outbox-repository';
import { isSegmentMember } from './journey-customer-repository';
import {
	blockProducts,
	customerKey,
	delayEnd,
	renderEmail,
	renderOffer,
	renderWebhookBody,
	sameValue,
	templateVars,
	timeZoneOf
} from './step-content';
import {
	customerMatchesWithTraits,
	describedCustomerMatches,
	describedInSegment
} from './simulation-repository';
import { DAY, MINUTE, type Result, type Run, type TimedEvent } from './simulate-types';

type Waited =
	| { kind: 'timeout'; at: number }
	| { kind: 'event'; at: number; name: string }
	| { kind: 'end'; at: number; status: 'converted' | 'exited'; name: string }
	| { kind: 'horizon' };

/**
 * Lets virtual time pass from `run.now` to `deadline`, reading the scripted events in between as
 * the engine reads live ones: the journey's exit event first, then its goal (within the window
 * after entering), then what this step waits for. Events nobody listens to are passed over.
 */
export function waitUntil(
	run: Run,
	deadline: number,
	listen: ((e: TimedEvent) => boolean) | null
): Waited {
	const { exit, goal } = run.graph.definition.settings;
	const limit = Math.min(deadline, run.end);
	while (run.cursor < run.events.length) {
		const event = run.events[run.cursor]!;
		// Before now: it happened while nothing listened (only instant steps run between waits).
		if (event.at < run.now) {
			run.cursor++;
			continue;
		}
		if (event.at >= limit) break;
		run.cursor++;
		if (exit.event === event.name)
			return { kind: 'end', at: event.at, status: 'exited', name: event.name };
		if (
			goal &&
			goal.event === event.name &&
			event.at - run.start <= goal.windowDays * DAY &&
			matchesAll(event.properties, goal.filters)
		)
			return { kind: 'end', at: event.at, status: 'converted', name: event.name };
		if (listen?.(event)) return { kind: 'event', at: event.at, name: event.name };
	}
	return deadline > run.end ? { kind: 'horizon' } : { kind: 'timeout', at: deadline };
}

/** A wait's result as a step: `onEvent` and `onTimeout` are the outputs to take. */
export function afterWait(run: Run, waited: Waited, deadline: number, onTimeout: string): Result {
	const waitedMinutes = (at: number) => Math.round((at - run.now) / MINUTE);
	switch (waited.kind) {
		case 'end':
			return {
				kind: 'end',
				status: waited.status,
				outcome: waited.status,
				at: waited.at,
				detail: { event: waited.name }
			};
		case 'horizon':
			return {
				kind: 'end',
				status: 'waiting',
				outcome: 'waiting',
				at: run.now,
				detail: { until: deadline }
			};
		case 'timeout':
			return {
				kind: 'next',
				output: onTimeout,
				at: waited.at,
				detail: { waitedMinutes: waitedMinutes(waited.at) }
			};
		case 'event':
			return {
				kind: 'next',
				output: 'happened',
				at: waited.at,
				detail: { event: waited.name, waitedMinutes: waitedMinutes(waited.at) }
			};
	}
}

export async function execute(run: Run, node: JourneyNode): Promise<Result> {
	const at = run.now;
	switch (node.type) {
		case 'entry_event':
		case 'entry_segment':
		case 'entry_date':
		case 'entry_inactivity':
		case 'entry_churn':
			return { kind: 'next', output: 'next', at };
		case 'exit':
			return { kind: 'end', status: 'completed', outcome: 'completed', at };
		case 'delay': {
			const deadline = delayEnd(run.now, run.customer, node.delay);
			return afterWait(run, waitUntil(run, deadline, null), deadline, 'next');
		}
		case 'wait_event': {
			const deadline = at + node.timeoutMinutes * MINUTE;
			const waited = waitUntil(
				run,
				deadline,
				(e) =>
					e.name === node.event &&
					matchesAll(e.properties, node.filters) &&
					(!node.matchKey ||
						sameValue(
							propertyAt(e.properties, node.matchKey),
							propertyAt(run.entry, node.matchKey)
						))
			);
			return afterWait(run, waited, deadline, 'timed_out');
		}
		case 'goal': {
			const deadline = at + node.windowMinutes * MINUTE;
			const waited = waitUntil(
				run,
				deadline,
				(e) => e.name === node.event && matchesAll(e.properties, node.filters)
			);
			// Reaching the step's own event is a conversion, not an output.
			if (waited.kind === 'event')
				return {
					kind: 'end',
					status: 'converted',
					outcome: 'converted',
					at: waited.at,
					detail: { event: waited.name }
				};
			return afterWait(run, waited, deadline, 'not_converted');
		}
		case 'condition': {
			const results: boolean[] = [];
			for (const check of node.checks) {
				let ok: boolean;
				if (check.kind === 'customer')
					ok = run.described
						? await describedCustomerMatches(run.db, run.workspaceId, run.customer, check.root, at)
						: await customerMatchesWithTraits(
								run.db,
								run.workspaceId,
								run.customer.id,
								run.changedTraits ? run.customer.traits : null,
								check.root,
								at
							);
				else if (check.kind === 'segment')
					ok = (await inSegment(run, check.segmentId, at)) === check.member;
				else ok = matchesFilter(run.entry, check.filter);
				results.push(ok);
				if (node.match === 'all' ? !ok : ok) break;
			}
			const yes = node.match === 'all' ? results.every(Boolean) : results.some(Boolean);
			return { kind: 'next', output: yes ? 'yes' : 'no', at, detail: { checks: results } };
		}
		case 'split': {
			const output = chooseSplitOutput(node, run.journeyId, customerKey(run.customer));
			return { kind: 'next', output, at, detail: { mode: node.mode, bucket: output } };
		}
		case 'update_profile': {
			const traits = run.customer.traits;
			const change = node.change;
			if (change.kind === 'set_trait') traits[change.key] = change.value;
			else {
				const tags = Array.isArray(traits.tags)
					? traits.tags.filter((t): t is string => typeof t === 'string')
					: [];
				traits.tags =
					change.kind === 'add_tag'
						? [...new Set([...tags, change.tag])]
						: tags.filter((t) => t !== change.tag);
			}
			run.changedTraits = true;
			return { kind: 'next', output: 'next', outcome: 'updated', at, detail: change };
		}
		case 'award_points':
			run.customer.loyaltyPoints += node.points;
			return {
				kind: 'next',
				output: 'next',
				outcome: 'awarded',
				at,
				detail: { points: node.points }
			};
		case 'email':
		case 'offer':
		case 'webhook':
			return send(run, node);
	}
}

async function inSegment(run: Run, segmentId: number, at: number): Promise<boolean> {
	if (run.described)
		return describedInSegment(run.db, run.workspaceId, segmentId, run.customer, at);
	return isSegmentMember(run.db, run.workspaceId, segmentId, run.customer.id);
}

/** Whether a cap is reached: the stored sends plus the ones this run would have made. */
async function capped(run: Run, at: number): Promise<boolean> {
	for (const [cap, window] of [
		[run.limits.capPerDay, DAY],
		[run.limits.capPerWeek, 7 * DAY]
	] as const) {
		if (cap === null) continue;
		const since = at - window;
		// A described customer has had no messages.
		const stored = run.described
			? 0
			: await countMessagesSince(run.db, run.workspaceId, run.customer.id, since, [
					'email',
					'offer'
				]);
		const simulated = run.sent.filter((s) => s.channel !== 'webhook' && s.at >= since).length;
		if (stored + simulated >= cap) return true;
	}
	return false;
}

/** The step-runner's send rules (consent, quiet hours, caps) with the send itself reported. */
async function send(run: Run, node: EmailNode | OfferNode | WebhookNode): Promise<Result> {
	const customer = run.customer;
	const vars = templateVars(customer, run.entry);
	if (node.type === 'webhook') {
		const body = renderWebhookBody(node, vars);
		return {
			kind: 'next',
			output: 'next',
			outcome: 'queued',
			at: run.now,
			wouldSend: { channel: 'webhook', recipient: node.url, body }
		};
	}
	const skip = (outcome: string): Result => ({
		kind: 'next',
		output: 'next',
		outcome,
		at: run.now
	});
	if (customer.consent === 'denied') return skip('skipped_consent');
	if (node.type === 'email' && !customer.email) return skip('skipped_no_email');
	const arrived = run.now;
	let at = arrived;
	const quiet = quietUntil(at, timeZoneOf(customer), run.graph.definition.settings.quietHours);
	if (quiet !== null) {
		const waited = waitUntil(run, quiet, null);
		if (waited.kind !== 'timeout') return afterWait(run, waited, quiet, 'next');
		at = quiet;
	}
	const deferred = at === arrived ? {} : { quietHoursFrom: arrived };
	const moved = at === arrived ? {} : { detail: deferred };
	if (await capped(run, at)) return { ...skip('skipped_cap'), at, ...moved };
	const items = run.products
		? await blockProducts(
				run.db,
				run.workspaceId,
				run.described ? null : customer.id,
				node.products,
				at
			)
		: [];
	const skus = items.map((p) => p.sku);
	if (node.type === 'email') {
		const { subject, text } = renderEmail(node, vars, items);
		return {
			kind: 'next',
			output: 'next',
			outcome: 'queued',
			at,
			...moved,
			wouldSend: {
				channel: 'email',
				recipient: customer.email,
				subject,
				body: text,
				skus
			}
		};
	}
	const offer = renderOffer(node, vars);
	return {
		kind: 'next',
		output: 'next',
		outcome: 'sent',
		at,
		detail: { ...deferred, expiresAt: at + node.expiresHours * 3_600_000 },
		wouldSend: {
			channel: 'offer',
			recipient: node.placement,
			subject: offer.title,
			body: offer.body,
			skus
		}
	};
}
