import { describe, expect, it } from 'vitest';
import {
	clockOffset,
	dryRunCounts,
	parseValue,
	pathAt,
	rowsToObject,
	scriptedEvents,
	stepReasons,
	stepsById,
	type TestStep
} from './test-run';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('clockOffset', () => {
	const text = (ms: number) =>
		clockOffset(ms)
			.map((p) => `${p.value} ${p.unit}`)
			.join(' ');

	it('shows the two largest whole units since entry', () => {
		expect(text(0)).toBe('0 min');
		expect(text(29_000)).toBe('0 min');
		expect(text(31_000)).toBe('1 min');
		expect(text(45 * MINUTE)).toBe('45 min');
		expect(text(HOUR)).toBe('1 h');
		expect(text(90 * MINUTE)).toBe('1 h 30 min');
		expect(text(3 * DAY)).toBe('3 d');
		expect(text(3 * DAY + 4 * HOUR + 5 * MINUTE)).toBe('3 d 4 h');
		expect(text(DAY + 5 * MINUTE)).toBe('1 d 5 min');
		expect(text(-HOUR)).toBe('0 min');
	});
});

const steps: TestStep[] = [
	{ at: 0, nodeId: 'start', type: 'entry_event', outcome: 'next' },
	{ at: HOUR, nodeId: 'wait', type: 'wait_event', outcome: 'timed_out' },
	{ at: HOUR, nodeId: 'mail', type: 'email', outcome: 'queued' },
	{ at: 2 * HOUR, nodeId: 'wait', type: 'wait_event', outcome: 'happened' }
];

describe('pathAt', () => {
	it('lights every step so far once, and the current one', () => {
		expect(pathAt(steps, -1)).toEqual({ path: [], current: null });
		expect(pathAt(steps, 0)).toEqual({ path: ['start'], current: 'start' });
		expect(pathAt(steps, 2)).toEqual({ path: ['start', 'wait', 'mail'], current: 'mail' });
		expect(pathAt(steps, 3)).toEqual({ path: ['start', 'wait', 'mail'], current: 'wait' });
		expect(pathAt(steps, 99)).toEqual({ path: ['start', 'wait', 'mail'], current: 'wait' });
		expect(pathAt([], 0)).toEqual({ path: [], current: null });
	});
});

describe('key/value rows', () => {
	it('reads numbers and booleans as such and keeps other text as typed', () => {
		expect(parseValue('42')).toBe(42);
		expect(parseValue(' -1.5 ')).toBe(-1.5);
		expect(parseValue('1e3')).toBe(1000);
		expect(parseValue('true')).toBe(true);
		expect(parseValue('false')).toBe(false);
		expect(parseValue('null')).toBeNull();
		expect(parseValue('007')).toBe('007');
		expect(parseValue('c-42')).toBe('c-42');
		expect(parseValue(' spaced ')).toBe(' spaced ');
		expect(parseValue('')).toBe('');
	});

	it('drops rows without a key; a repeated key keeps the last', () => {
		expect(
			rowsToObject([
				{ key: ' cart_id ', value: 'c-1' },
				{ key: '', value: 'ignored' },
				{ key: 'total', value: '49.9' },
				{ key: 'total', value: '50' }
			])
		).toEqual({ cart_id: 'c-1', total: 50 });
	});

	it('turns scripted rows into minutes after entry', () => {
		expect(
			scriptedEvents([
				{
					name: ' Order Completed ',
					after: 2,
					unit: 'h',
					properties: [{ key: 'cart_id', value: 'c-1' }]
				},
				{ name: '', after: 1, unit: 'min', properties: [] },
				{ name: 'Unsubscribed', after: 1.5, unit: 'd', properties: [] },
				{ name: 'Late', after: Number.NaN, unit: 'min', properties: [] }
			])
		).toEqual([
			{ name: 'Order Completed', atMinutes: 120, properties: { cart_id: 'c-1' } },
			{ name: 'Unsubscribed', atMinutes: 2160, properties: {} },
			{ name: 'Late', atMinutes: 0, properties: {} }
		]);
	});
});

describe('stepReasons', () => {
	const step = (s: Partial<TestStep>): TestStep => ({
		at: 0,
		nodeId: 'n',
		type: 'delay',
		outcome: 'next',
		...s
	});

	it('reads the details simulate.ts records', () => {
		expect(
			stepReasons(step({ type: 'condition', outcome: 'no', detail: { checks: [true, false] } }))
		).toEqual([{ key: 'checks', yes: 1, no: 1 }]);
		expect(
			stepReasons(step({ type: 'split', outcome: 'b', detail: { mode: 'ab', bucket: 'b' } }))
		).toEqual([{ key: 'bucket', bucket: 'b' }]);
		expect(stepReasons(step({ detail: { waitedMinutes: 60 } }))).toEqual([
			{ key: 'waited', minutes: 60 }
		]);
		expect(
			stepReasons(
				step({
					type: 'wait_event',
					outcome: 'happened',
					detail: { event: 'Order Completed', waitedMinutes: 30 }
				})
			)
		).toEqual([{ key: 'happened', event: 'Order Completed', minutes: 30 }]);
		expect(
			stepReasons(step({ outcome: 'converted', detail: { event: 'Order Completed' } }))
		).toEqual([{ key: 'happened', event: 'Order Completed', minutes: null }]);
		expect(stepReasons(step({ outcome: 'waiting', detail: { until: 5 } }))).toEqual([
			{ key: 'horizon', until: 5 }
		]);
		expect(
			stepReasons(step({ type: 'entry_event', outcome: 'holdout', detail: { group: 'workspace' } }))
		).toEqual([{ key: 'holdoutWorkspace' }]);
		expect(
			stepReasons(
				step({
					type: 'update_profile',
					outcome: 'updated',
					detail: { kind: 'set_trait', key: 'tier', value: 'gold' }
				})
			)
		).toEqual([{ key: 'setTrait', trait: 'tier', value: '"gold"' }]);
		expect(
			stepReasons(
				step({
					type: 'update_profile',
					outcome: 'updated',
					detail: { kind: 'remove_tag', tag: 'vip' }
				})
			)
		).toEqual([{ key: 'removeTag', tag: 'vip' }]);
		expect(
			stepReasons(step({ type: 'award_points', outcome: 'awarded', detail: { points: 50 } }))
		).toEqual([{ key: 'points', points: 50 }]);
		expect(
			stepReasons(
				step({ type: 'offer', outcome: 'sent', detail: { quietHoursFrom: 1, expiresAt: 2 } })
			)
		).toEqual([
			{ key: 'quietHours', from: 1 },
			{ key: 'expires', at: 2 }
		]);
		expect(stepReasons(step({ outcome: 'failed', detail: { error: 'no such customer' } }))).toEqual(
			[{ key: 'error', error: 'no such customer' }]
		);
		expect(stepReasons(step({ detail: 'odd' }))).toEqual([]);
		expect(stepReasons(step({}))).toEqual([]);
	});
});

describe('stepsById and dryRunCounts', () => {
	it('reads an unfinished definition defensively', () => {
		const map = stepsById({
			nodes: [
				{ id: 'a', type: 'email', label: ' Reminder ' },
				{ id: 'b', type: 'exit', label: '  ' },
				{ type: 'delay' },
				'junk'
			]
		});
		expect([...map]).toEqual([
			['a', { type: 'email', label: 'Reminder' }],
			['b', { type: 'exit', label: null }]
		]);
		expect(stepsById(null).size).toBe(0);
		expect(stepsById({ nodes: 'x' }).size).toBe(0);
	});

	it('counts arrivals per step', () => {
		expect(
			dryRunCounts({
				entrants: 3,
				sampled: 3,
				days: 30,
				messagesPerDay: { email: 0.1, offer: 0, webhook: 0 },
				perNode: {
					start: { entered: 3, outcomes: { next: 3 } },
					mail: { entered: 1, outcomes: {} }
				}
			})
		).toEqual({ start: 3, mail: 1 });
	});
});
