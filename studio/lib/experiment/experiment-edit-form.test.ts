import { describe, expect, it } from 'vitest';
import {
	checkExperimentEdit,
	editLock,
	experimentFormFromDetail,
	toDraftInput,
	toExperimentPatch
} from './experiment-form';
import { DEFAULT_METRIC, type ExperimentDetail } from './model';

function detail(overrides: Partial<ExperimentDetail> = {}): ExperimentDetail {
	return {
		id: 7,
		key: 'home-offer',
		name: 'Home offer',
		description: 'Does 10% off sell?',
		kind: 'site',
		status: 'draft',
		variants: [
			{ key: 'control', name: 'Control', weight: 0.333333, offer: null },
			{
				key: 'ten-off',
				name: '10% off',
				weight: 0.666667,
				offer: { title: '10% off', body: 'Today only', skus: ['SKU-1', 'SKU-2'] }
			}
		],
		coverage: 0.5,
		segmentId: 3,
		segmentName: 'VIP',
		journeyId: null,
		journeyName: null,
		nodeId: null,
		winner: null,
		units: 0,
		unitsByVariant: {},
		createdAt: 0,
		updatedAt: 0,
		startedAt: null,
		stoppedAt: null,
		metric: { ...DEFAULT_METRIC, guardrails: ['Order Refunded'] },
		metricIsDefault: false,
		seed: 'seed',
		...overrides
	};
}

describe('experimentFormFromDetail', () => {
	it('shows the stored experiment in the form’s units', () => {
		const values = experimentFormFromDetail(detail());
		expect(values).toMatchObject({
			key: 'home-offer',
			name: 'Home offer',
			description: 'Does 10% off sell?',
			segmentId: '3',
			coverage: '50',
			event: 'Order Completed',
			windowDays: '7',
			guardrails: ['Order Refunded']
		});
		expect(values.variants.map((v) => v.weight)).toEqual(['33.3333', '66.6667']);
		expect(values.variants[1]).toMatchObject({
			offerTitle: '10% off',
			offerBody: 'Today only',
			offerSkus: 'SKU-1, SKU-2'
		});
		expect(values.variants[0]!.offerSkus).toBe('');
	});

	it('round-trips to the same draft', () => {
		const d = detail();
		const input = toDraftInput(experimentFormFromDetail(d));
		expect(input.coverage).toBe(0.5);
		expect(input.segmentId).toBe(3);
		expect(input.variants.map((v) => v.weight)).toEqual([0.333333, 0.666667]);
		expect(input.variants[1]!.offer).toEqual(d.variants[1]!.offer);
		expect(input.metric).toEqual(d.metric);
	});

	it('leaves the segment empty for everyone', () => {
		expect(experimentFormFromDetail(detail({ segmentId: null })).segmentId).toBe('');
	});
});

describe('editLock', () => {
	it('locks the structure of started tests and journey splits', () => {
		expect(editLock({ kind: 'site', status: 'draft' })).toBeNull();
		expect(editLock({ kind: 'site', status: 'running' })).toBe('started');
		expect(editLock({ kind: 'site', status: 'stopped' })).toBe('started');
		expect(editLock({ kind: 'journey', status: 'draft' })).toBe('journey');
	});
});

describe('toExperimentPatch', () => {
	it('sends everything for a draft', () => {
		const values = experimentFormFromDetail(detail());
		values.name = '  Renamed ';
		values.variants[1]!.weight = '33.3333';
		const patch = toExperimentPatch(values, null);
		expect(patch.name).toBe('Renamed');
		expect(patch.variants?.map((v) => v.weight)).toEqual([0.5, 0.5]);
		expect(patch.coverage).toBe(0.5);
		expect(patch.segmentId).toBe(3);
	});

	it('sends only the text and metric when the structure is locked', () => {
		const values = experimentFormFromDetail(detail());
		values.variants = [];
		values.event = '';
		const patch = toExperimentPatch({ ...values, event: 'Signed Up' }, 'started');
		expect(Object.keys(patch).sort()).toEqual(['description', 'metric', 'name']);
		expect(patch.metric?.event).toBe('Signed Up');
	});

	it('sends a null metric for the default one', () => {
		const values = experimentFormFromDetail(detail({ metric: { ...DEFAULT_METRIC } }));
		expect(toExperimentPatch(values, 'journey').metric).toBeNull();
	});
});

describe('checkExperimentEdit', () => {
	it('checks only what may change when locked', () => {
		// A journey split's key and holdout weights are not the form's business.
		const values = experimentFormFromDetail(
			detail({ key: 'journey-12-split', kind: 'journey', journeyId: 12 })
		);
		values.variants = [];
		expect(checkExperimentEdit(values, 'journey')).toEqual([]);
		expect(checkExperimentEdit({ ...values, name: ' ' }, 'journey')).toEqual(['name_missing']);
	});

	it('checks everything in a draft', () => {
		const values = experimentFormFromDetail(detail());
		values.variants[0]!.weight = 'x';
		expect(checkExperimentEdit(values, null)).toContain('weight_invalid');
	});
});
