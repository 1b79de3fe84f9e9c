/**
 * The results page's plain-language summary: what the analysis's verdict means, in sentences a
 * marketer can act on ("Variant B converts 12% better than control (95% interval 3% to 21%)...",
 * "Too early: keep the test running about 9 more days."). Pure, so it is tested in both languages.
 */
import type { Locale } from '../i18n/locales';
import { translate, type MessageKey, type Params } from '../i18n/translate';
import type { ExperimentResults, VariantResult } from './model';
import { chanceText, intervalText, percent, pValueText, shownLift } from './results-format';

export type SummaryTone = 'good' | 'bad' | 'warning' | 'neutral';

export interface ResultsSummary {
	tone: SummaryTone;
	/** Sentences in reading order, already translated. */
	sentences: string[];
}

function variantName(results: ExperimentResults, key: string | undefined): string {
	const variant = results.variants.find((v) => v.key === key);
	return variant?.name || key || '';
}

/** The variant the summary talks about: the verdict's, else the best-converting treatment. */
function focus(results: ExperimentResults): VariantResult | undefined {
	const named = results.variants.find((v) => v.key === results.verdict.variant && !v.isControl);
	if (named) return named;
	return results.variants
		.filter((v) => !v.isControl && v.conversion)
		.sort((a, b) => (b.conversion!.relativeLift ?? 0) - (a.conversion!.relativeLift ?? 0))[0];
}

/** Whole days, at least one: "about 0 more days" helps nobody. */
function days(value: number | null | undefined): number | null {
	if (value === null || value === undefined || !Number.isFinite(value) || value < 0) return null;
	return Math.max(1, Math.ceil(value));
}

export function resultsSummary(locale: Locale, results: ExperimentResults): ResultsSummary {
	const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
	const { verdict } = results;
	const control = results.variants.find((v) => v.isControl);
	const sentences: string[] = [];
	let tone: SummaryTone = 'neutral';

	const lift = (variant: VariantResult) =>
		shownLift(variant.conversion, results.sequential, control?.rate ?? 0);
	const liftParams = (variant: VariantResult) => {
		const shown = lift(variant);
		return {
			variant: variantName(results, variant.key),
			lift: percent(locale, shown ? Math.abs(shown.estimate) : null),
			interval: intervalText(locale, shown?.interval),
			level: percent(locale, 1 - results.alpha),
			chance: chanceText(locale, variant.chanceToBeatControl)
		};
	};

	const reason = (code: string) => verdict.reasons.find((r) => r.code === code);
	const target = focus(results);

	switch (verdict.status) {
		case 'srm':
			tone = 'bad';
			sentences.push(t('experiments.summary.srm', { p: pValueText(locale, results.srm?.pValue) }));
			break;
		case 'winner':
			tone = 'good';
			if (target) {
				sentences.push(t('experiments.summary.better', liftParams(target)));
				sentences.push(t('experiments.summary.chance', liftParams(target)));
			}
			break;
		case 'guardrail': {
			tone = 'warning';
			if (target) sentences.push(t('experiments.summary.better', liftParams(target)));
			const events = verdict.reasons
				.filter((r) => r.code === 'guardrail_worse' && r.event)
				.map((r) => r.event!);
			sentences.push(
				t('experiments.summary.guardrail', { events: [...new Set(events)].join(', ') || '—' })
			);
			break;
		}
		case 'loser':
			tone = 'bad';
			if (target) sentences.push(t('experiments.summary.worse', liftParams(target)));
			break;
		case 'flat':
			tone = 'neutral';
			sentences.push(
				t('experiments.summary.flat', {
					mde: percent(locale, results.power.mdeNow ?? results.power.relativeMde)
				})
			);
			break;
		case 'collecting': {
			tone = 'neutral';
			if (reason('no_units') || !results.variants.some((v) => v.units > 0)) {
				sentences.push(t('experiments.summary.noUnits'));
				break;
			}
			const shownSoFar = target ? lift(target) : null;
			if (target && shownSoFar && Number.isFinite(shownSoFar.estimate)) {
				sentences.push(
					t(
						shownSoFar.estimate >= 0
							? 'experiments.summary.soFarBetter'
							: 'experiments.summary.soFarWorse',
						liftParams(target)
					)
				);
			}
			const wait = days(
				results.power.daysToReach ??
					reason('underpowered')?.value ??
					reason('too_few_units')?.value ??
					null
			);
			sentences.push(
				wait === null
					? t('experiments.summary.tooEarlyUnknown')
					: t('experiments.summary.tooEarly', { days: wait })
			);
			break;
		}
	}

	if (verdict.status !== 'srm' && results.srm && !results.srm.mismatch)
		sentences.push(t('experiments.summary.srmOk'));
	if (results.contaminated > 0)
		sentences.push(t('experiments.summary.contaminated', { count: results.contaminated }));

	const stopped = results.experiment.status === 'stopped';
	if (results.experiment.winner) {
		sentences.push(
			t('experiments.summary.rolledOut', {
				variant: variantName(results, results.experiment.winner)
			})
		);
	} else if (verdict.status === 'winner') {
		sentences.push(t('experiments.summary.rollOut'));
	} else if (verdict.status === 'loser') {
		sentences.push(t('experiments.summary.keepControl'));
	} else if (stopped) {
		sentences.push(t('experiments.summary.stopped'));
	}
	return { tone, sentences };
}
