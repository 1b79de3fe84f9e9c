import {
	EXPERIMENT_KEY_PATTERN,
	validateExperiment,
	type ExperimentProblem,
	type ExperimentVariant
} from './definition';

/**
 * The experiments screen's model, shared by the studio pages and the server: what a site
 * experiment or a journey A/B split looks like in the list and on its page, what the forms may
 * change, and the shape of the results the analysis returns. Pure types and checks only.
 */

export type { ExperimentVariant, ExperimentProblem };

export type ExperimentStatus = 'draft' | 'running' | 'stopped';

/** `site`: the storefront's `variant()`; `journey`: mirrored from a journey's A/B split node. */
export type ExperimentKind = 'site' | 'journey';

/** Words and products a variant shows in the SDK's offer slot. */
export interface ExperimentOffer {
	title: string;
	body: string;
	skus: string[];
}

/** A variant as stored: the assignment fields plus the optional offer for the slot. */
export interface ExperimentVariantDetail extends ExperimentVariant {
	offer?: ExperimentOffer | null;
}

/** What counts as a conversion: `event` within `windowDays` after the unit's first exposure. */
export interface ExperimentMetric {
	event: string;
	windowDays: number;
	/** Events that must not get worse (e.g. `Unsubscribed`, `Order Refunded`). */
	guardrails: string[];
}

/** What a null metric means (the column's documented default). */
export const DEFAULT_METRIC: Readonly<ExperimentMetric> = Object.freeze({
	event: 'Order Completed',
	windowDays: 7,
	guardrails: []
});

/** Keys of experiments mirrored from journeys' A/B splits start with this. */
export const JOURNEY_KEY_PREFIX = 'journey-';

/** Journey splits record their holdout as this variant so the sample-ratio test sees it. */
export const HOLDOUT_VARIANT = 'holdout';

export const MAX_WINDOW_DAYS = 90;
export const MAX_GUARDRAILS = 5;
export const MAX_OFFER_SKUS = 12;
export const MAX_DESCRIPTION = 2000;
export const MAX_NAME = 120;
export const MAX_EVENT_NAME = 200;
export const MAX_OFFER_TITLE = 120;
export const MAX_OFFER_BODY = 500;

/** One row of the list: site experiments and journey splits alike. */
export interface ExperimentSummary {
	id: number;
	key: string;
	name: string;
	kind: ExperimentKind;
	status: ExperimentStatus;
	variants: ExperimentVariantDetail[];
	coverage: number;
	segmentId: number | null;
	segmentName: string | null;
	journeyId: number | null;
	journeyName: string | null;
	nodeId: string | null;
	winner: string | null;
	/** Distinct units exposed so far (all variants). */
	units: number;
	/** Exposed units per variant key. */
	unitsByVariant: Record<string, number>;
	createdAt: number;
	updatedAt: number;
	startedAt: number | null;
	stoppedAt: number | null;
}

export interface ExperimentDetail extends ExperimentSummary {
	description: string;
	/** Never null here: the default metric is filled in. */
	metric: ExperimentMetric;
	/** Whether the stored metric was null (the default applies). */
	metricIsDefault: boolean;
	seed: string;
}

/** What the create form sends. */
export interface ExperimentDraftInput {
	key: string;
	name: string;
	description?: string;
	variants: ExperimentVariantDetail[];
	coverage: number;
	segmentId?: number | null;
	metric?: ExperimentMetric | null;
}

/**
 * What an edit may change. `name`, `description` and `metric` may change at any time; the rest
 * only while the experiment is a draft (changing who is in it mid-test would spoil the comparison).
 */
export interface ExperimentPatch {
	name?: string;
	description?: string;
	metric?: ExperimentMetric | null;
	variants?: ExperimentVariantDetail[];
	coverage?: number;
	segmentId?: number | null;
}

export type ExperimentDraftProblem =
	| ExperimentProblem
	/** `journey-…` keys belong to journeys' A/B splits. */
	| 'key_reserved'
	| 'name_too_long'
	| 'description_too_long'
	| 'metric_event_missing'
	| 'metric_window_invalid'
	| 'guardrail_invalid'
	| 'offer_title_missing'
	| 'offer_text_too_long'
	| 'offer_skus_invalid';

export type ExperimentErrorCode =
	| 'invalid'
	| 'key_taken'
	| 'not_found'
	/** Variants, weights, coverage and segment change only in a draft. */
	| 'not_draft'
	| 'not_running'
	/** Journey splits are started, stopped and changed by publishing their journey. */
	| 'journey_managed'
	| 'unknown_variant'
	| 'segment_not_found';

export type ExperimentError =
	| { code: 'invalid'; problems: ExperimentDraftProblem[] }
	| { code: Exclude<ExperimentErrorCode, 'invalid'> };

export type ExperimentOutcome<T> = { ok: true; value: T } | { ok: false; error: ExperimentError };

export function validateMetric(metric: ExperimentMetric): ExperimentDraftProblem[] {
	const problems: ExperimentDraftProblem[] = [];
	const event = typeof metric.event === 'string' ? metric.event.trim() : '';
	if (!event || event.length > MAX_EVENT_NAME) problems.push('metric_event_missing');
	if (
		!Number.isInteger(metric.windowDays) ||
		metric.windowDays < 1 ||
		metric.windowDays > MAX_WINDOW_DAYS
	)
		problems.push('metric_window_invalid');
	const guardrails = Array.isArray(metric.guardrails) ? metric.guardrails : null;
	if (
		!guardrails ||
		guardrails.length > MAX_GUARDRAILS ||
		guardrails.some(
			(g) => typeof g !== 'string' || !g.trim() || g.length > MAX_EVENT_NAME || g.trim() === event
		) ||
		new Set(guardrails).size !== guardrails.length
	)
		problems.push('guardrail_invalid');
	return problems;
}

export function validateOffer(offer: ExperimentOffer): ExperimentDraftProblem[] {
	const problems: ExperimentDraftProblem[] = [];
	if (typeof offer.title !== 'string' || !offer.title.trim()) problems.push('offer_title_missing');
	if (
		(typeof offer.title === 'string' && offer.title.length > MAX_OFFER_TITLE) ||
		typeof offer.body !== 'string' ||
		offer.body.length > MAX_OFFER_BODY
	)
		problems.push('offer_text_too_long');
	if (
		!Array.isArray(offer.skus) ||
		offer.skus.length < 1 ||
		offer.skus.length > MAX_OFFER_SKUS ||
		offer.skus.some((s) => typeof s !== 'string' || !s.trim() || s.length > 200)
	)
		problems.push('offer_skus_invalid');
	return problems;
}

/** The fields any experiment may change at any time: name, description, metric. */
export function validateExperimentText(input: {
	name: string;
	description?: string;
	metric?: ExperimentMetric | null;
}): ExperimentDraftProblem[] {
	const problems: ExperimentDraftProblem[] = [];
	if (typeof input.name !== 'string' || !input.name.trim()) problems.push('name_missing');
	else if (input.name.length > MAX_NAME) problems.push('name_too_long');
	if ((input.description ?? '').length > MAX_DESCRIPTION) problems.push('description_too_long');
	if (input.metric) problems.push(...validateMetric(input.metric));
	return problems;
}

/** Every check the create and edit forms make, the same on the server. */
export function validateExperimentDraft(input: ExperimentDraftInput): ExperimentDraftProblem[] {
	const problems: ExperimentDraftProblem[] = [
		...validateExperiment({
			key: input.key,
			name: input.name,
			variants: input.variants,
			coverage: input.coverage
		})
	];
	if (input.key.startsWith(JOURNEY_KEY_PREFIX)) problems.push('key_reserved');
	problems.push(...validateExperimentText(input));
	for (const variant of input.variants)
		if (variant.offer) problems.push(...validateOffer(variant.offer));
	return [...new Set(problems)];
}

export function isExperimentKey(value: unknown): value is string {
	return typeof value === 'string' && EXPERIMENT_KEY_PATTERN.test(value);
}

// The results and incrementality shapes live next door; one import gives the pages everything.
export type * from './results-model';
