import type {
	ExperimentPower,
	ExperimentVerdict,
	VariantResult,
	VerdictReason
} from '../../experiment/model';

/** Below this many units in any variant the test is too young to call, whatever the p-value. */
export const MIN_UNITS_PER_VARIANT = 100;
/** Above this share of units seen in two variants, the page warns (assignment leaks). */
export const CONTAMINATION_WARNING = 0.02;

/**
 * The machine-readable verdict behind the page's plain-language summary, judged on the primary
 * metric (the conversion rate) in this order: a split that does not match the weights makes
 * every other number untrustworthy (`srm`); too few units means wait (`collecting`); a variant
 * significantly better than control wins unless one of its guardrails got significantly worse
 * (`guardrail`); every variant significantly worse is a `loser`; no difference with the planned
 * sample reached is `flat`, without it `collecting` with the days still to wait.
 */
export function judge(input: {
	results: VariantResult[];
	srm: { mismatch: boolean; pValue: number } | null;
	contaminated: number;
	totalUnits: number;
	power: ExperimentPower;
	alpha: number;
	sequential: boolean;
	stopped: boolean;
	cupedReduction: number;
}): ExperimentVerdict {
	const reasons: VerdictReason[] = [];
	if (input.stopped) reasons.push({ code: 'stopped' });
	const seen = input.totalUnits + input.contaminated;
	if (input.contaminated > 0 && input.contaminated / seen > CONTAMINATION_WARNING)
		reasons.push({ code: 'contamination', value: input.contaminated / seen });
	if (input.totalUnits === 0)
		return { status: 'collecting', reasons: [...reasons, { code: 'no_units' }] };
	if (input.srm?.mismatch)
		return { status: 'srm', reasons: [...reasons, { code: 'srm', value: input.srm.pValue }] };
	const smallest = Math.min(...input.results.map((r) => r.units));
	if (smallest < MIN_UNITS_PER_VARIANT)
		return {
			status: 'collecting',
			reasons: [
				...reasons,
				{ code: 'too_few_units', value: MIN_UNITS_PER_VARIANT - smallest },
				...(input.power.daysToReach !== null
					? [{ code: 'underpowered' as const, value: input.power.daysToReach }]
					: [])
			]
		};
	if (input.cupedReduction > 0)
		reasons.push({ code: 'cuped_applied', value: input.cupedReduction });

	const pOf = (r: VariantResult) =>
		r.conversion
			? input.sequential
				? (r.conversion.alwaysValid?.pValue ?? r.conversion.pValue)
				: r.conversion.pValue
			: NaN;
	const treatments = input.results.filter((r) => !r.isControl);
	const lifts = treatments.filter((r) => pOf(r) < input.alpha && r.conversion!.difference > 0);
	const drops = treatments.filter((r) => pOf(r) < input.alpha && r.conversion!.difference < 0);
	for (const r of treatments)
		for (const g of r.guardrails)
			if (g.worse) reasons.push({ code: 'guardrail_worse', variant: r.key, event: g.event });

	if (lifts.length) {
		const best = lifts.reduce((a, b) =>
			b.conversion!.relativeLift > a.conversion!.relativeLift ? b : a
		);
		reasons.push({ code: 'significant_lift', variant: best.key, value: pOf(best) });
		const harmed = best.guardrails.some((g) => g.worse);
		return { status: harmed ? 'guardrail' : 'winner', variant: best.key, reasons };
	}
	if (treatments.length && drops.length === treatments.length) {
		for (const r of drops)
			reasons.push({ code: 'significant_drop', variant: r.key, value: pOf(r) });
		// The least bad of the losers: the one to look at if any.
		const least = drops.reduce((a, b) =>
			b.conversion!.relativeLift > a.conversion!.relativeLift ? b : a
		);
		return { status: 'loser', variant: least.key, reasons };
	}
	for (const r of treatments)
		if (!drops.includes(r))
			reasons.push({ code: 'not_significant', variant: r.key, value: pOf(r) });
	for (const r of drops) reasons.push({ code: 'significant_drop', variant: r.key, value: pOf(r) });
	const needed = input.power.unitsNeededPerVariant;
	if (needed !== null && smallest >= needed) return { status: 'flat', reasons };
	if (input.power.daysToReach !== null)
		reasons.push({ code: 'underpowered', value: input.power.daysToReach });
	return { status: 'collecting', reasons };
}
