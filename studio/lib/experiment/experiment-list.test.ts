import { describe, expect, it } from 'vitest';
import { filterExperiments, readExperimentFilter } from './experiment-list';
import type { ExperimentSummary } from './model';

function summary(overrides: Partial<ExperimentSummary>): ExperimentSummary {
	return {
		id: 1,
		key: 'k',
		name: 'N',
		kind: 'site',
		status: 'draft',
		variants: [],
		coverage: 1,
		segmentId: null,
		segmentName: null,
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
		...overrides
	};
}

const list = [
	summary({ id: 1, key: 'home-banner', name: 'Home page banner', status: 'running' }),
	summary({
		id: 2,
		key: 'journey-4-split',
		name: 'Split',
		kind: 'journey',
		journeyName: 'Win-back',
		status: 'running'
	}),
	summary({ id: 3, key: 'checkout', name: 'Checkout copy', status: 'stopped' })
];

describe('experiment list filters', () => {
	it('reads only known values from the URL', () => {
		expect(
			readExperimentFilter(new URLSearchParams('status=running&kind=journey&q=%20win%20'))
		).toEqual({
			status: 'running',
			kind: 'journey',
			search: 'win'
		});
		expect(readExperimentFilter(new URLSearchParams('status=bogus&kind=x'))).toEqual({
			status: null,
			kind: null,
			search: ''
		});
	});

	it('filters by status, kind and a search in name, key or journey', () => {
		const ids = (f: Parameters<typeof filterExperiments>[1]) =>
			filterExperiments(list, f).map((e) => e.id);
		expect(ids({ status: null, kind: null, search: '' })).toEqual([1, 2, 3]);
		expect(ids({ status: 'running', kind: null, search: '' })).toEqual([1, 2]);
		expect(ids({ status: null, kind: 'site', search: '' })).toEqual([1, 3]);
		expect(ids({ status: null, kind: null, search: 'WIN-BACK' })).toEqual([2]);
		expect(ids({ status: null, kind: null, search: 'banner' })).toEqual([1]);
		expect(ids({ status: 'stopped', kind: null, search: 'banner' })).toEqual([]);
	});
});
