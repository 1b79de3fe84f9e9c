/**
 * Words for a trace (trace.ts) in the reader's language: the outcome of a step and the lines that
 * say why it went that way, e.g. "total is greater than 50 → no (total was 32)". Takes the
 * translator, as the segment descriptions do, so the profile page and the canvas word them alike.
 */
import type { MessageKey } from '../i18n/translate';
import { describeNode, type Translate } from '../segment/describe';
import type { PropertyFilter } from '../segment/definition';
import type { NodeType } from './definition';
import type { CheckTrace, StepWhy, TraceMessage } from './trace';

export type WhyTone = 'ok' | 'bad' | 'muted';

export interface WhyLine {
	text: string;
	tone: WhyTone | null;
	/** A check of a condition: shown indented under the condition's first line. */
	nested?: boolean;
}

const OUTCOMES = new Set([
	'next',
	'yes',
	'no',
	'happened',
	'timed_out',
	'not_converted',
	'converted',
	'exited',
	'completed',
	'failed',
	'holdout',
	'queued',
	'sent',
	'skipped_consent',
	'skipped_no_email',
	'skipped_cap',
	'skipped_no_customer',
	'updated',
	'awarded'
]);

/** A step's outcome for people; a split's outputs are its variants' keys. */
export function outcomeLabel(outcome: string, type: NodeType | null, t: Translate): string {
	if (type === 'split' && outcome !== 'holdout' && !OUTCOMES.has(outcome))
		return t('journeyTrace.outcome.variant', { key: outcome });
	return OUTCOMES.has(outcome) ? t(`journeyTrace.outcome.${outcome}` as MessageKey) : outcome;
}

/** Whole days, else whole hours, else minutes: the units the step editors use. */
export function durationText(minutes: number, t: Translate): string {
	if (minutes >= 1440 && minutes % 1440 === 0)
		return t('journeyTrace.duration.days', { count: minutes / 1440 });
	if (minutes >= 60 && minutes % 60 === 0)
		return t('journeyTrace.duration.hours', { count: minutes / 60 });
	return t('journeyTrace.duration.minutes', { count: minutes });
}

function quoted(value: string | number | null): string | number {
	return typeof value === 'number' ? value : `“${value ?? ''}”`;
}

function filterText(filter: PropertyFilter, t: Translate): string {
	return t(`segments.describe.trait.${filter.operator}` as MessageKey, {
		key: filter.key,
		value: quoted(filter.value)
	});
}

function segmentLabel(id: number, name: string | null, t: Translate): string {
	return name === null ? t('journeyTrace.check.segmentGone', { id }) : name;
}

function checkLine(check: CheckTrace, t: Translate): WhyLine {
	let subject: string;
	if (check.kind === 'customer')
		subject = t('journeyTrace.check.customer', {
			condition: check.root.children.length
				? describeNode(check.root, t, true)
				: t('segments.describe.all')
		});
	else if (check.kind === 'segment')
		subject = t(check.member ? 'journeyTrace.check.inSegment' : 'journeyTrace.check.notInSegment', {
			name: segmentLabel(check.segmentId, check.segmentName, t)
		});
	else subject = t('journeyTrace.check.entry', { condition: filterText(check.filter, t) });
	const result =
		check.result === null
			? t('journeyTrace.check.skipped')
			: t(check.result ? 'journeyTrace.check.true' : 'journeyTrace.check.false');
	let text = t('journeyTrace.check.result', { check: subject, result });
	if (check.kind === 'entry_property' && check.result !== null) {
		const actual =
			check.actual === null || check.actual === ''
				? t('journeyTrace.check.actualMissing', { key: check.filter.key })
				: t('journeyTrace.check.actual', { key: check.filter.key, value: check.actual });
		text += ` (${actual})`;
	}
	const tone: WhyTone = check.result === null ? 'muted' : check.result ? 'ok' : 'bad';
	return { text, tone, nested: true };
}

function messageLines(
	channel: TraceMessage['channel'],
	message: TraceMessage | null,
	products: string[],
	t: Translate
): WhyLine[] {
	if (!message) return [{ text: t('journeyTrace.why.noMessage'), tone: 'muted' }];
	const recipient = message.recipient ?? '—';
	const head =
		channel === 'email'
			? t('journeyTrace.why.email', { subject: message.subject ?? '', recipient })
			: channel === 'webhook'
				? t('journeyTrace.why.webhook', { url: recipient })
				: t('journeyTrace.why.offer', { title: message.subject ?? '', placement: recipient });
	const status = t(`messages.status.${message.status}` as MessageKey);
	const lines: WhyLine[] = [
		{ text: head, tone: null },
		{
			text:
				t('journeyTrace.why.messageStatus', { status }) +
				(message.attempts > 1
					? ` · ${t('journeyTrace.why.attempts', { count: message.attempts })}`
					: ''),
			tone: message.status === 'failed' ? 'bad' : message.status === 'sent' ? 'ok' : 'muted'
		}
	];
	if (message.error)
		lines.push({ text: t('journeyTrace.why.messageError', { error: message.error }), tone: 'bad' });
	if (products.length)
		lines.push({ text: t('journeyTrace.why.products', { skus: products.join(', ') }), tone: null });
	return lines;
}

/** The lines that explain a step, first the summary, then details (checks, message status). */
export function describeWhy(why: StepWhy, t: Translate): WhyLine[] {
	switch (why.kind) {
		case 'condition':
			return [
				{ text: t(`journeyTrace.why.condition.${why.match}`), tone: null },
				...why.checks.map((c) => checkLine(c, t))
			];
		case 'split':
			return [
				{
					text: why.holdout
						? t('journeyTrace.why.split.holdout')
						: t(`journeyTrace.why.split.${why.mode}`, { bucket: why.bucket }),
					tone: null
				}
			];
		case 'wait':
			return [
				{
					text: why.happened
						? t('journeyTrace.why.waitHappened', { event: why.event })
						: t('journeyTrace.why.waitTimedOut', {
								event: why.event,
								duration: durationText(why.timeoutMinutes, t)
							}),
					tone: null
				}
			];
		case 'goal_missed':
			return [
				{
					text: t('journeyTrace.why.goalMissed', {
						event: why.event,
						duration: durationText(why.windowMinutes, t)
					}),
					tone: null
				}
			];
		case 'message':
			return messageLines(why.channel, why.message, why.products, t);
		case 'skipped':
			return [{ text: t(`journeyTrace.why.skipped.${why.reason}`), tone: 'muted' }];
		case 'profile': {
			const c = why.change;
			const text =
				c.kind === 'set_trait'
					? t('journeyTrace.why.setTrait', {
							key: c.key,
							value: c.value === null ? '—' : String(c.value)
						})
					: t(c.kind === 'add_tag' ? 'journeyTrace.why.addTag' : 'journeyTrace.why.removeTag', {
							tag: c.tag
						});
			return [{ text, tone: null }];
		}
		case 'points':
			return [{ text: t('journeyTrace.why.points', { points: why.points }), tone: null }];
		case 'converted':
			return [
				{
					text: why.event
						? t('journeyTrace.why.converted', { event: why.event })
						: t('journeyTrace.why.convertedPlain'),
					tone: 'ok'
				}
			];
		case 'exited': {
			let text: string;
			if (why.archived) text = t('journeyTrace.why.exitedArchived');
			else if (why.event) text = t('journeyTrace.why.exitedEvent', { event: why.event });
			else if (why.segmentId !== null)
				text = t('journeyTrace.why.exitedSegment', {
					name:
						why.segmentName === null ? segmentLabel(why.segmentId, null, t) : `“${why.segmentName}”`
				});
			else text = t('journeyTrace.why.exited');
			return [{ text, tone: null }];
		}
		case 'holdout':
			return [{ text: t('journeyTrace.why.holdout'), tone: 'muted' }];
		case 'failed':
			return [
				{
					text: why.error
						? t('journeyTrace.why.failed', { error: why.error })
						: t('journeyTrace.why.failedPlain'),
					tone: 'bad'
				}
			];
	}
}
