/** The experiments list's filters (status, kind, search), applied to what the service lists. */
import type { ExperimentKind, ExperimentStatus, ExperimentSummary } from './model';

export const EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['draft', 'running', 'stopped'];
export const EXPERIMENT_KINDS: readonly ExperimentKind[] = ['site', 'journey'];

export interface ExperimentFilter {
	status: ExperimentStatus | null;
	kind: ExperimentKind | null;
	search: string;
}

export function readExperimentFilter(params: URLSearchParams): ExperimentFilter {
	const status = params.get('status');
	const kind = params.get('kind');
	return {
		status: EXPERIMENT_STATUSES.find((s) => s === status) ?? null,
		kind: EXPERIMENT_KINDS.find((k) => k === kind) ?? null,
		search: (params.get('q') ?? '').trim().slice(0, 200)
	};
}

/** Search matches the name, the key or the journey's name, ignoring case. */
export function filterExperiments(
	experiments: readonly ExperimentSummary[],
	filter: ExperimentFilter
): ExperimentSummary[] {
	const needle = filter.search.toLocaleLowerCase();
	return experiments.filter(
		(e) =>
			(!filter.status || e.status === filter.status) &&
			(!filter.kind || e.kind === filter.kind) &&
			(!needle ||
				[e.name, e.key, e.journeyName ?? ''].some((text) =>
					text.toLocaleLowerCase().includes(needle)
				))
	);
}
