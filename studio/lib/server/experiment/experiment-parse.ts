import {
	DEFAULT_METRIC,
	type ExperimentDetail,
	type ExperimentMetric,
	type ExperimentOffer,
	type ExperimentSummary,
	type ExperimentVariantDetail
} from '../../experiment/model';
import { readJson } from '../db/json';
import type { ExperimentListRow, ExperimentRow } from './experiment-repository';

/**
 * Stored JSON back into the model's types. Rows were validated when written, but the JSON is
 * read defensively all the same (a hand-edited row must not take the page or the SDK down).
 */

function readOffer(value: unknown): ExperimentOffer | null {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
	const o = value as Record<string, unknown>;
	const skus = Array.isArray(o.skus)
		? o.skus.filter((s): s is string => typeof s === 'string')
		: [];
	if (typeof o.title !== 'string' || skus.length === 0) return null;
	return { title: o.title, body: typeof o.body === 'string' ? o.body : '', skus };
}

export function readVariants(value: unknown): ExperimentVariantDetail[] {
	const list = readJson<unknown>(value, []);
	if (!Array.isArray(list)) return [];
	const variants: ExperimentVariantDetail[] = [];
	for (const item of list) {
		if (!item || typeof item !== 'object') continue;
		const v = item as Record<string, unknown>;
		if (typeof v.key !== 'string') continue;
		const weight = Number(v.weight);
		const offer = readOffer(v.offer);
		variants.push({
			key: v.key,
			name: typeof v.name === 'string' ? v.name : v.key,
			weight: Number.isFinite(weight) && weight >= 0 ? weight : 0,
			...(offer ? { offer } : {})
		});
	}
	return variants;
}

/** The stored metric, or null when none is stored (or it is unreadable). */
export function readMetric(value: unknown): ExperimentMetric | null {
	const m = readJson<unknown>(value, null);
	if (!m || typeof m !== 'object' || Array.isArray(m)) return null;
	const r = m as Record<string, unknown>;
	if (typeof r.event !== 'string' || !r.event.trim()) return null;
	const windowDays = Number(r.windowDays);
	return {
		event: r.event,
		windowDays:
			Number.isInteger(windowDays) && windowDays > 0 ? windowDays : DEFAULT_METRIC.windowDays,
		guardrails: Array.isArray(r.guardrails)
			? r.guardrails.filter((g): g is string => typeof g === 'string' && g.trim() !== '')
			: []
	};
}

/** The copy that goes into the database: trimmed, offers tidied, nothing unknown kept. */
export function cleanVariants(
	variants: readonly ExperimentVariantDetail[]
): ExperimentVariantDetail[] {
	return variants.map((v) => ({
		key: v.key,
		name: v.name.trim(),
		weight: v.weight,
		...(v.offer
			? {
					offer: {
						title: v.offer.title.trim(),
						body: v.offer.body.trim(),
						skus: [...new Set(v.offer.skus.map((s) => s.trim()))]
					}
				}
			: {})
	}));
}

export function cleanMetric(metric: ExperimentMetric | null | undefined): ExperimentMetric | null {
	if (!metric) return null;
	return {
		event: metric.event.trim(),
		windowDays: metric.windowDays,
		guardrails: metric.guardrails.map((g) => g.trim())
	};
}

export function toSummary(
	row: ExperimentListRow,
	counts: { units: number; byVariant: Record<string, number> }
): ExperimentSummary {
	return {
		id: row.id,
		key: row.key,
		name: row.name,
		kind: row.journeyId === null ? 'site' : 'journey',
		status: row.status,
		variants: readVariants(row.variants),
		coverage: row.coverage,
		segmentId: row.segmentId === null ? null : Number(row.segmentId),
		segmentName: row.segmentName,
		journeyId: row.journeyId === null ? null : Number(row.journeyId),
		journeyName: row.journeyName,
		nodeId: row.nodeId,
		winner: row.winner,
		units: counts.units,
		unitsByVariant: counts.byVariant,
		createdAt: Number(row.createdAt),
		updatedAt: Number(row.updatedAt),
		startedAt: row.startedAt === null ? null : Number(row.startedAt),
		stoppedAt: row.stoppedAt === null ? null : Number(row.stoppedAt)
	};
}

export function toDetail(
	row: ExperimentListRow,
	counts: { units: number; byVariant: Record<string, number> }
): ExperimentDetail {
	const metric = readMetric(row.metric);
	return {
		...toSummary(row, counts),
		description: row.description,
		metric: metric ?? { ...DEFAULT_METRIC, guardrails: [] },
		metricIsDefault: metric === null,
		seed: row.seed
	};
}

/** Just what assignment needs, for rows that are not list rows. */
export function assignmentOf(row: ExperimentRow): {
	key: string;
	seed: string;
	coverage: number;
	variants: ExperimentVariantDetail[];
} {
	return {
		key: row.key,
		seed: row.seed,
		coverage: row.coverage,
		variants: readVariants(row.variants)
	};
}
