import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../i18n/translate';
import type { JourneyNode } from './definition';
import { explainStep, type TraceMessage } from './trace';
import { describeWhy, durationText, outcomeLabel } from './trace-text';

const en = (key: MessageKey, params?: Params) => translate('en', key, params);
const zh = (key: MessageKey, params?: Params) => translate('zh-CN', key, params);
const none = { entry: {}, message: null, segmentName: () => null };

const condition: JourneyNode = {
	id: 'big',
	type: 'condition',
	match: 'any',
	checks: [
		{ kind: 'entry_property', filter: { key: 'total', operator: 'gt', value: 50 } },
		{ kind: 'segment', segmentId: 7, member: true }
	]
};

describe('explaining a step', () => {
	it('pairs a condition’s checks with their results and the entry’s values', () => {
		const why = explainStep(
			condition,
			'no',
			{ checks: [false, false] },
			{ entry: { total: 32 }, message: null, segmentName: (id) => (id === 7 ? 'VIP' : null) }
		);
		expect(why).toEqual({
			kind: 'condition',
			match: 'any',
			checks: [
				{
					kind: 'entry_property',
					filter: { key: 'total', operator: 'gt', value: 50 },
					actual: '32',
					result: false
				},
				{ kind: 'segment', segmentId: 7, segmentName: 'VIP', member: true, result: false }
			]
		});
		expect(describeWhy(why!, en).map((l) => l.text)).toEqual([
			'One passing check was enough:',
			'Entry event: total is greater than 50 → no (total was 32)',
			'In segment “VIP” → no'
		]);
	});

	it('tells a split’s holdout bucket from the journey’s control group', () => {
		const split: JourneyNode = {
			id: 'ab',
			type: 'split',
			mode: 'ab',
			variants: [{ key: 'b', weight: 0.9 }],
			holdout: 0.1
		};
		expect(explainStep(split, 'b', { mode: 'ab', bucket: 'b' }, none)).toEqual({
			kind: 'split',
			mode: 'ab',
			bucket: 'b',
			holdout: false
		});
		const held = explainStep(split, 'holdout', { mode: 'ab', bucket: 'holdout' }, none);
		expect(held).toMatchObject({ kind: 'split', holdout: true });
		const entry: JourneyNode = { id: 's', type: 'entry_event', event: 'X', filters: [] };
		expect(explainStep(entry, 'holdout', null, none)).toEqual({ kind: 'holdout' });
		expect(
			describeWhy({ kind: 'split', mode: 'ab', bucket: 'b', holdout: false }, en)[0]!.text
		).toBe('A/B split → variant b');
		expect(outcomeLabel('b', 'split', en)).toBe('Variant b');
		expect(outcomeLabel('holdout', 'split', en)).toBe('Holdout');
	});

	it('words what was sent, and why a send failed', () => {
		const email: JourneyNode = {
			id: 'm',
			type: 'email',
			subject: 'x',
			body: 'y',
			products: null
		};
		const message: TraceMessage = {
			id: 1,
			channel: 'email',
			status: 'sent',
			subject: 'Your cart misses you',
			recipient: 'a@b.c',
			error: null,
			attempts: 1,
			createdAt: 0,
			sentAt: 1
		};
		const why = explainStep(email, 'queued', { products: ['SKU-1'] }, { ...none, message });
		expect(describeWhy(why!, en).map((l) => l.text)).toEqual([
			'Email “Your cart misses you” to a@b.c',
			'Status: Sent',
			'Products: SKU-1'
		]);
		const hook = describeWhy(
			{
				kind: 'message',
				channel: 'webhook',
				products: [],
				message: {
					...message,
					channel: 'webhook',
					status: 'failed',
					subject: null,
					recipient: 'https://x.test/h',
					error: 'HTTP 500',
					attempts: 5
				}
			},
			en
		);
		expect(hook.map((l) => l.text)).toEqual([
			'Webhook to https://x.test/h',
			'Status: Failed · 5 attempts',
			'Error: HTTP 500'
		]);
		expect(explainStep(email, 'skipped_consent', null, none)).toEqual({
			kind: 'skipped',
			channel: 'email',
			reason: 'consent'
		});
	});

	it('explains how a run ended', () => {
		expect(
			describeWhy(explainStep(null, 'exited', { reason: 'archived' }, none)!, en)[0]!.text
		).toBe('Left the journey: it was archived');
		expect(
			describeWhy(
				explainStep(null, 'exited', { left_segment: 3 }, { ...none, segmentName: () => 'VIP' })!,
				en
			)[0]!.text
		).toBe('Left the journey: left the segment “VIP”');
		expect(
			describeWhy(explainStep(null, 'converted', { event: 'Order Completed' }, none)!, en)[0]!.text
		).toBe('Converted: “Order Completed” happened');
		expect(explainStep(null, 'failed', { error: 'boom' }, none)).toEqual({
			kind: 'failed',
			error: 'boom'
		});
		const wait: JourneyNode = {
			id: 'w',
			type: 'wait_event',
			event: 'Order Completed',
			filters: [],
			timeoutMinutes: 2880
		};
		const timedOut = explainStep(wait, 'timed_out', null, none)!;
		expect(describeWhy(timedOut, en)[0]!.text).toBe('No “Order Completed” within 2 days');
		expect(describeWhy(timedOut, zh)[0]!.text).toBe('2 天内没有发生“Order Completed”');
	});

	it('keeps durations in the units people set them in', () => {
		expect(durationText(45, en)).toBe('45 minutes');
		expect(durationText(60, en)).toBe('1 hour');
		expect(durationText(90, en)).toBe('90 minutes');
		expect(durationText(1440 * 3, en)).toBe('3 days');
	});
});
