import type { EmailNode, JourneyNode, OfferNode, WebhookNode } from '../../journey/definition';
import { quietUntil } from '../../journey/clock';
import { targetOf, type JourneyGraph } from '../../journey/graph';
import { matchesAll, matchesFilter, propertyAt } from '../../journey/match';
import { chooseSplitOutput } from '../../journey/split';
import type { Db } from '../db/connect';
import { recordSplitExposure } from '../experiment/journey-experiments';
import type { EnrollmentStatus } from '../db/schema';
import { countMessagesSince, insertMessage } from '../messaging/outbox-repository';
import { getChannelSettings } from '../messaging/channel-settings-service';
import {
	insertSteps,
	saveEnrollment,
	type Enrollment,
	type StepRow
} from './enrollment-repository';
import {
	creditPoints,
	customerMatches,
	insertJourneyOffer,
	isSegmentMember,
	journeyCustomer,
	writeTraits,
	type JourneyCustomer
} from './journey-customer-repository';
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

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A definition that loops without waiting is refused by lint; this stops one that slipped by. */
const MAX_STEPS_PER_RUN = 200;

/** Why the run is being advanced now. */
export type Resume =
	| { kind: 'arrive' }
	| { kind: 'timer' }
	| { kind: 'event'; name: string; properties: Record<string, unknown> };

type Outcome =
	| { kind: 'wait'; wakeAt: number | null; waitingFor: string | null }
	| { kind: 'output'; output: string; step?: string; detail?: unknown }
	| { kind: 'end'; status: EnrollmentStatus; step: string; detail?: unknown };

export interface StepContext {
	db: Db;
	graph: JourneyGraph;
	now: number;
	/** Filled once per run when a step first needs the customer. */
	customer?: JourneyCustomer | null;
}

/**
 * Advances one run from its current node as far as it can go now, writing the step log, the
 * messages and every other effect, and where it waits next. The caller holds the run's claim and
 * wraps this in a transaction, so a crash leaves either all of a step or none of it; the outbox
 * sends messages afterwards, and idempotency keys make a repeated step find its own rows.
 */
export async function runEnrollment(
	ctx: StepContext,
	enrollment: Enrollment,
	resume: Resume
): Promise<Enrollment> {
	const steps: StepRow[] = [];
	const log = (nodeId: string, outcome: string, detail?: unknown) =>
		steps.push({
			workspaceId: enrollment.workspaceId,
			journeyId: enrollment.journeyId,
			versionId: enrollment.versionId,
			enrollmentId: enrollment.id,
			customerId: enrollment.customerId,
			nodeId,
			outcome,
			detail: detail ?? null,
			at: ctx.now
		});
	const run = {
		...enrollment,
		context: { ...enrollment.context, visits: { ...enrollment.context.visits } }
	};
	let node = ctx.graph.nodes.get(run.nodeId);
	let reason = resume;
	for (let i = 0; node && run.status === 'active'; i++) {
		if (i >= MAX_STEPS_PER_RUN) {
			run.status = 'failed';
			log(node.id, 'failed', { error: 'too many steps without a wait' });
			break;
		}
		if (reason.kind === 'arrive') {
			run.context.visits[node.id] = (run.context.visits[node.id] ?? 0) + 1;
			log(node.id, 'entered');
		}
		const outcome = await execute(ctx, run, node, reason);
		if (outcome.kind === 'wait') {
			run.wakeAt = outcome.wakeAt;
			run.waitingFor = outcome.waitingFor;
			break;
		}
		if (outcome.kind === 'end') {
			run.status = outcome.status;
			log(node.id, outcome.step, outcome.detail);
			break;
		}
		// Actions have one output, so what they did (queued, skipped_consent...) stands for it.
		log(node.id, outcome.step ?? outcome.output, outcome.detail);
		const next = targetOf(ctx.graph, node.id, outcome.output);
		if (!next) {
			// Lint refuses unconnected outputs; an old version may still have one: the run is done.
			run.status = 'completed';
			log(node.id, 'completed');
			break;
		}
		node = next;
		run.nodeId = next.id;
		run.wakeAt = null;
		run.waitingFor = null;
		reason = { kind: 'arrive' };
	}
	if (!node && run.status === 'active') {
		run.status = 'failed';
		log(run.nodeId, 'failed', { error: 'node missing from the version' });
	}
	await insertSteps(ctx.db, steps);
	await saveEnrollment(ctx.db, run, ctx.now);
	return run;
}

async function customerOf(ctx: StepContext, run: Enrollment): Promise<JourneyCustomer | null> {
	if (ctx.customer === undefined)
		ctx.customer = await journeyCustomer(ctx.db, run.workspaceId, run.customerId);
	return ctx.customer;
}

async function execute(
	ctx: StepContext,
	run: Enrollment,
	node: JourneyNode,
	reason: Resume
): Promise<Outcome> {
	const { now } = ctx;
	switch (node.type) {
		case 'entry_event':
		case 'entry_segment':
		case 'entry_date':
		case 'entry_inactivity':
		case 'entry_churn':
			return { kind: 'output', output: 'next' };
		case 'exit':
			return { kind: 'end', status: 'completed', step: 'completed' };
		case 'delay': {
			if (reason.kind === 'timer') return { kind: 'output', output: 'next' };
			if (reason.kind === 'event') return { kind: 'wait', wakeAt: run.wakeAt, waitingFor: null };
			return {
				kind: 'wait',
				wakeAt: delayEnd(now, await customerOf(ctx, run), node.delay),
				waitingFor: null
			};
		}
		case 'wait_event': {
			if (reason.kind === 'timer') return { kind: 'output', output: 'timed_out' };
			if (reason.kind === 'event') {
				const matched =
					reason.name === node.event &&
					matchesAll(reason.properties, node.filters) &&
					(!node.matchKey ||
						sameValue(
							propertyAt(reason.properties, node.matchKey),
							propertyAt(run.context.entry, node.matchKey)
						));
				return matched
					? { kind: 'output', output: 'happened' }
					: { kind: 'wait', wakeAt: run.wakeAt, waitingFor: node.event };
			}
			return { kind: 'wait', wakeAt: now + node.timeoutMinutes * MINUTE, waitingFor: node.event };
		}
		case 'goal': {
			if (reason.kind === 'timer') return { kind: 'output', output: 'not_converted' };
			if (reason.kind === 'event') {
				return reason.name === node.event && matchesAll(reason.properties, node.filters)
					? { kind: 'end', status: 'converted', step: 'converted', detail: { event: node.event } }
					: { kind: 'wait', wakeAt: run.wakeAt, waitingFor: node.event };
			}
			return { kind: 'wait', wakeAt: now + node.windowMinutes * MINUTE, waitingFor: node.event };
		}
		case 'condition': {
			const results: boolean[] = [];
			for (const check of node.checks) {
				let ok: boolean;
				if (check.kind === 'customer')
					ok = await customerMatches(ctx.db, run.workspaceId, run.customerId, check.root, now);
				else if (check.kind === 'segment')
					ok =
						(await isSegmentMember(ctx.db, run.workspaceId, check.segmentId, run.customerId)) ===
						check.member;
				else ok = matchesFilter(run.context.entry, check.filter);
				results.push(ok);
				// Short-circuit like the words say: the first failure of "all", the first pass of "any".
				if (node.match === 'all' ? !ok : ok) break;
			}
			const yes = node.match === 'all' ? results.every(Boolean) : results.some(Boolean);
			return { kind: 'output', output: yes ? 'yes' : 'no', detail: { checks: results } };
		}
		case 'split': {
			const customer = await customerOf(ctx, run);
			const key = customerKey({ id: run.customerId, externalId: customer?.externalId ?? null });
			const output = chooseSplitOutput(node, run.journeyId, key);
			// An A/B split is an experiment: its exposure is stored with the step, in its transaction.
			if (node.mode === 'ab')
				await recordSplitExposure(ctx.db, {
					workspaceId: run.workspaceId,
					journeyId: run.journeyId,
					customerId: run.customerId,
					node,
					output,
					now
				});
			return { kind: 'output', output, detail: { mode: node.mode, bucket: output } };
		}
		case 'update_profile': {
			const customer = await customerOf(ctx, run);
			if (!customer) return { kind: 'output', output: 'next', step: 'skipped_no_customer' };
			const traits = { ...customer.traits };
			const change = node.change;
			if (change.kind === 'set_trait') traits[change.key] = change.value;
			else {
				const tags = Array.isArray(traits.tags)
					? traits.tags.filter((t) => typeof t === 'string')
					: [];
				traits.tags =
					change.kind === 'add_tag'
						? [...new Set([...tags, change.tag])]
						: tags.filter((t) => t !== change.tag);
			}
			await writeTraits(ctx.db, run.workspaceId, run.customerId, traits, now);
			customer.traits = traits;
			return { kind: 'output', output: 'next', step: 'updated', detail: change };
		}
		case 'award_points': {
			const credited = await creditPoints(ctx.db, {
				workspaceId: run.workspaceId,
				customerId: run.customerId,
				points: node.points,
				reason: node.reason,
				idempotencyKey: idempotencyKey(run, node.id),
				now
			});
			const customer = await customerOf(ctx, run);
			if (customer && credited) customer.loyaltyPoints += node.points;
			return { kind: 'output', output: 'next', step: 'awarded', detail: { points: node.points } };
		}
		case 'email':
		case 'offer':
		case 'webhook':
			return sendStep(ctx, run, node, reason);
	}
}

/** enrollment + node + arrival count: a repeated step finds its own message or ledger row. */
function idempotencyKey(run: Enrollment, nodeId: string): string {
	return `j${run.journeyId}:e${run.id}:${nodeId}:${run.context.visits[nodeId] ?? 1}`;
}

/**
 * Messages respect the customer before anything else: no marketing to someone who opted out,
 * nothing during their quiet hours (the run waits), and no more than the workspace's cap.
 * Webhooks are the shop's own integrations, so only the journey's logic governs them.
 */
async function sendStep(
	ctx: StepContext,
	run: Enrollment,
	node: EmailNode | OfferNode | WebhookNode,
	reason: Resume
): Promise<Outcome> {
	const { db, now } = ctx;
	if (reason.kind === 'event') return { kind: 'wait', wakeAt: run.wakeAt, waitingFor: null };
	const customer = await customerOf(ctx, run);
	if (!customer) return { kind: 'output', output: 'next', step: 'skipped_no_customer' };
	const vars = templateVars(customer, run.context.entry);
	const key = idempotencyKey(run, node.id);
	const base = {
		workspaceId: run.workspaceId,
		journeyId: run.journeyId,
		enrollmentId: run.id,
		customerId: run.customerId,
		nodeId: node.id,
		idempotencyKey: key,
		now
	};
	if (node.type === 'webhook') {
		const body = renderWebhookBody(node, vars);
		await insertMessage(db, {
			...base,
			channel: 'webhook',
			status: 'pending',
			recipient: node.url,
			subject: null,
			payload: { url: node.url, body }
		});
		return { kind: 'output', output: 'next', step: 'queued' };
	}
	if (customer.consent === 'denied')
		return { kind: 'output', output: 'next', step: 'skipped_consent' };
	if (node.type === 'email' && !customer.email)
		return { kind: 'output', output: 'next', step: 'skipped_no_email' };
	const quiet = quietUntil(now, timeZoneOf(customer), ctx.graph.definition.settings.quietHours);
	if (quiet !== null) return { kind: 'wait', wakeAt: quiet, waitingFor: null };
	const settings = await getChannelSettings(db, run.workspaceId, now);
	for (const [cap, window] of [
		[settings.capPerDay, DAY],
		[settings.capPerWeek, 7 * DAY]
	] as const) {
		if (cap === null) continue;
		const sent = await countMessagesSince(db, run.workspaceId, run.customerId, now - window, [
			'email',
			'offer'
		]);
		if (sent >= cap) return { kind: 'output', output: 'next', step: 'skipped_cap' };
	}
	const items = await blockProducts(db, run.workspaceId, run.customerId, node.products, now);
	if (node.type === 'email') {
		const { subject, text, html } = renderEmail(node, vars, items);
		await insertMessage(db, {
			...base,
			channel: 'email',
			status: 'pending',
			recipient: customer.email,
			subject,
			payload: { to: customer.email, subject, text, html }
		});
		return {
			kind: 'output',
			output: 'next',
			step: 'queued',
			detail: { products: items.map((p) => p.sku) }
		};
	}
	const { title, body } = renderOffer(node, vars);
	const expiresAt = now + node.expiresHours * 3_600_000;
	const skus = items.map((p) => p.sku);
	const message = await insertMessage(db, {
		...base,
		channel: 'offer',
		status: 'sent',
		recipient: node.placement,
		subject: title,
		payload: { placement: node.placement, title, body, skus, expiresAt }
	});
	if (message.created)
		await insertJourneyOffer(db, {
			workspaceId: run.workspaceId,
			customerId: run.customerId,
			messageId: message.id,
			placement: node.placement,
			content: { title, body, skus },
			expiresAt,
			now
		});
	return { kind: 'output', output: 'next', step: 'sent', detail: { skus } };
}
