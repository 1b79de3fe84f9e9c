/**
 * The "new experiment" form: its raw values (strings, as typed), how they become the draft the
 * service validates, and which field each problem belongs to, so the page can show every message
 * next to its field. The browser and the server use the same functions, so the inline messages
 * and the server's answer never disagree.
 */
import { EXPERIMENT_KEY_PATTERN } from './definition';
import {
	DEFAULT_METRIC,
	MAX_GUARDRAILS,
	validateExperimentDraft,
	validateExperimentText,
	validateOffer,
	type ExperimentDetail,
	type ExperimentDraftInput,
	type ExperimentDraftProblem,
	type ExperimentErrorCode,
	type ExperimentMetric,
	type ExperimentPatch,
	type ExperimentVariantDetail
} from './model';

export interface VariantFormValues {
	key: string;
	name: string;
	/** A share, in any unit (50/50, 1/1, 90/10): weights are normalised to sum to 1. */
	weight: string;
	offerTitle: string;
	offerBody: string;
	/** Comma- or space-separated SKUs. */
	offerSkus: string;
}

export interface ExperimentFormValues {
	key: string;
	name: string;
	description: string;
	/** A segment id, or '' for everyone. */
	segmentId: string;
	/** Percent of visitors in the test, 1 to 100. */
	coverage: string;
	event: string;
	windowDays: string;
	guardrails: string[];
	variants: VariantFormValues[];
}

export function emptyVariant(key = '', name = '', weight = '50'): VariantFormValues {
	return { key, name, weight, offerTitle: '', offerBody: '', offerSkus: '' };
}

export function emptyExperimentForm(): ExperimentFormValues {
	return {
		key: '',
		name: '',
		description: '',
		segmentId: '',
		coverage: '100',
		event: DEFAULT_METRIC.event,
		windowDays: String(DEFAULT_METRIC.windowDays),
		guardrails: [],
		variants: [emptyVariant('control', 'Control'), emptyVariant('treatment', 'Treatment')]
	};
}

/** Caps what a post may hold: more variants than this are refused by validation anyway. */
const MAX_FORM_VARIANTS = 20;

function text(form: FormData, name: string, max: number): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

function texts(form: FormData, name: string, max: number, count: number): string[] {
	return form
		.getAll(name)
		.slice(0, count)
		.map((v) => (typeof v === 'string' ? v.slice(0, max) : ''));
}

/**
 * Reads the posted form. Variant fields repeat in document order (`variant_key`, `variant_name`,
 * ...), one of each per variant, so the n-th of each belongs to the n-th variant.
 */
export function readExperimentForm(form: FormData): ExperimentFormValues {
	const keys = texts(form, 'variant_key', 200, MAX_FORM_VARIANTS);
	const names = texts(form, 'variant_name', 500, MAX_FORM_VARIANTS);
	const weights = texts(form, 'variant_weight', 50, MAX_FORM_VARIANTS);
	const titles = texts(form, 'variant_offer_title', 1000, MAX_FORM_VARIANTS);
	const bodies = texts(form, 'variant_offer_body', 2000, MAX_FORM_VARIANTS);
	const skus = texts(form, 'variant_offer_skus', 5000, MAX_FORM_VARIANTS);
	return {
		key: text(form, 'key', 200),
		name: text(form, 'name', 500),
		description: text(form, 'description', 5000),
		segmentId: text(form, 'segment', 30),
		coverage: text(form, 'coverage', 50),
		event: text(form, 'event', 500),
		windowDays: text(form, 'window_days', 50),
		guardrails: texts(form, 'guardrail', 500, MAX_GUARDRAILS + 5),
		variants: keys.map((key, i) => ({
			key,
			name: names[i] ?? '',
			weight: weights[i] ?? '',
			offerTitle: titles[i] ?? '',
			offerBody: bodies[i] ?? '',
			offerSkus: skus[i] ?? ''
		}))
	};
}

/** '' and anything not a plain decimal number is NaN, so validation names the field. */
function number(value: string): number {
	const trimmed = value.trim();
	return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function splitSkus(value: string): string[] {
	return value
		.split(/[\s,，、]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

function variantDetail(values: VariantFormValues, weight: number): ExperimentVariantDetail {
	const offerSkus = splitSkus(values.offerSkus);
	const hasOffer = !!(values.offerTitle.trim() || values.offerBody.trim() || offerSkus.length);
	return {
		key: values.key.trim(),
		name: values.name.trim() || values.key.trim(),
		weight,
		offer: hasOffer
			? { title: values.offerTitle.trim(), body: values.offerBody.trim(), skus: offerSkus }
			: null
	};
}

/** Rounded so stored weights read well (0.333333) while still summing to about 1. */
function share(weight: number, total: number): number {
	return Math.round((weight / total) * 1e6) / 1e6;
}

/** The draft the service validates. Weights become shares of 1; the default metric becomes null. */
export function toDraftInput(values: ExperimentFormValues): ExperimentDraftInput {
	const weights = values.variants.map((v) => number(v.weight));
	const valid = weights.every((w) => Number.isFinite(w) && w >= 0);
	const total = valid ? weights.reduce((sum, w) => sum + w, 0) : 0;
	const variants = values.variants.map((v, i) =>
		variantDetail(v, valid && total > 0 ? share(weights[i]!, total) : weights[i]!)
	);
	const segment = values.segmentId.trim();
	const segmentId = /^\d{1,15}$/.test(segment) ? Number(segment) : null;
	const coverage = number(values.coverage);
	const metric: ExperimentMetric = {
		event: values.event.trim(),
		windowDays: number(values.windowDays),
		guardrails: values.guardrails.map((g) => g.trim()).filter(Boolean)
	};
	return {
		key: values.key.trim(),
		name: values.name.trim(),
		description: values.description.trim(),
		variants,
		coverage: Number.isFinite(coverage) ? coverage / 100 : Number.NaN,
		segmentId,
		metric: isDefaultMetric(metric) ? null : metric
	};
}

export function isDefaultMetric(metric: ExperimentMetric): boolean {
	return (
		metric.event === DEFAULT_METRIC.event &&
		metric.windowDays === DEFAULT_METRIC.windowDays &&
		metric.guardrails.length === 0
	);
}

export type FormField =
	| 'key'
	| 'name'
	| 'description'
	| 'segment'
	| 'coverage'
	| 'event'
	| 'windowDays'
	| 'guardrails'
	| 'variants'
	| 'form';

/** A problem code the page translates as `experiments.problem.<code>`. */
export type FormProblem = ExperimentDraftProblem | Exclude<ExperimentErrorCode, 'invalid'>;

const FIELD_OF: Record<FormProblem, FormField | 'variant'> = {
	key_invalid: 'key',
	key_taken: 'key',
	key_reserved: 'key',
	name_missing: 'name',
	name_too_long: 'name',
	description_too_long: 'description',
	variants_count: 'variants',
	weights_zero: 'variants',
	variant_key_invalid: 'variant',
	variant_key_duplicate: 'variant',
	weight_invalid: 'variant',
	offer_title_missing: 'variant',
	offer_text_too_long: 'variant',
	offer_skus_invalid: 'variant',
	coverage_invalid: 'coverage',
	metric_event_missing: 'event',
	metric_window_invalid: 'windowDays',
	guardrail_invalid: 'guardrails',
	segment_not_found: 'segment',
	not_found: 'form',
	not_draft: 'form',
	not_running: 'form',
	journey_managed: 'form',
	unknown_variant: 'form'
};

export interface FormProblems {
	fields: Partial<Record<FormField, FormProblem[]>>;
	/** Per variant, by position in the form. */
	variants: FormProblem[][];
}

/**
 * Which message goes under which field. Variant problems are worked out per variant (the
 * service's codes do not say which one), with the same rules the service applies.
 */
export function formProblems(
	values: ExperimentFormValues,
	problems: readonly FormProblem[]
): FormProblems {
	const fields: FormProblems['fields'] = {};
	for (const problem of problems) {
		const field = FIELD_OF[problem] ?? 'form';
		if (field === 'variant') continue;
		(fields[field] ??= []).push(problem);
	}
	const input = toDraftInput(values);
	const seen = new Map<string, number>();
	const variants = input.variants.map((variant) => {
		const own: FormProblem[] = [];
		if (!EXPERIMENT_KEY_PATTERN.test(variant.key)) own.push('variant_key_invalid');
		else if (seen.has(variant.key)) own.push('variant_key_duplicate');
		seen.set(variant.key, (seen.get(variant.key) ?? 0) + 1);
		if (!Number.isFinite(variant.weight) || variant.weight < 0) own.push('weight_invalid');
		if (variant.offer) own.push(...validateOffer(variant.offer));
		return own;
	});
	return { fields, variants };
}

/** Every problem of the values as they stand, for the inline messages while typing. */
export function checkExperimentForm(values: ExperimentFormValues): ExperimentDraftProblem[] {
	return validateExperimentDraft(toDraftInput(values));
}

export function hasProblems(problems: FormProblems): boolean {
	return (
		Object.values(problems.fields).some((list) => list && list.length > 0) ||
		problems.variants.some((list) => list.length > 0)
	);
}

/** A share of 1 as the percent the form shows (0.333333 → "33.3333"). */
function percentText(share: number): string {
	return String(Math.round(share * 100 * 1e4) / 1e4);
}

/** The edit form's starting values: the experiment as stored, in the form's units. */
export function experimentFormFromDetail(detail: ExperimentDetail): ExperimentFormValues {
	return {
		key: detail.key,
		name: detail.name,
		description: detail.description,
		segmentId: detail.segmentId === null ? '' : String(detail.segmentId),
		coverage: percentText(detail.coverage),
		event: detail.metric.event,
		windowDays: String(detail.metric.windowDays),
		guardrails: [...detail.metric.guardrails],
		variants: detail.variants.map((v) => ({
			key: v.key,
			name: v.name,
			weight: percentText(v.weight),
			offerTitle: v.offer?.title ?? '',
			offerBody: v.offer?.body ?? '',
			offerSkus: v.offer?.skus.join(', ') ?? ''
		}))
	};
}

/**
 * Why variants, weights, coverage and segment cannot change (null: they can). The service
 * refuses such changes outside a draft, and journey splits follow their journey.
 */
export type EditLock = 'journey' | 'started' | null;

export function editLock(detail: Pick<ExperimentDetail, 'kind' | 'status'>): EditLock {
	if (detail.kind === 'journey') return 'journey';
	return detail.status === 'draft' ? null : 'started';
}

/**
 * The patch an edit sends. Locked fields are left out entirely (a disabled input is not posted,
 * so the form holds nothing for them); the key never changes.
 */
export function toExperimentPatch(values: ExperimentFormValues, lock: EditLock): ExperimentPatch {
	const input = toDraftInput(values);
	const patch: ExperimentPatch = {
		name: input.name,
		description: input.description ?? '',
		metric: input.metric ?? null
	};
	if (lock) return patch;
	return {
		...patch,
		variants: input.variants,
		coverage: input.coverage,
		segmentId: input.segmentId ?? null
	};
}

/** The edit form's live problems: only the fields it may change are checked. */
export function checkExperimentEdit(
	values: ExperimentFormValues,
	lock: EditLock
): ExperimentDraftProblem[] {
	if (!lock) return checkExperimentForm(values);
	const input = toDraftInput(values);
	return validateExperimentText(input);
}
