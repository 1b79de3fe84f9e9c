import { CHURN_THRESHOLDS } from '../../customer/churn-risk';
import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from '../../customer/lifecycle';

/**
 * The fallback when a workspace has too little history to learn from: risk grows with how overdue
 * the customer is against their own rhythm, `overdue` = log((1 + days since last order) /
 * (1 + usual gap)), as in the k-NN features. A logistic curve in that log ratio, placed so that
 * the lifecycle rules' declining ratio reads as the start of medium risk and the churned ratio as
 * the start of high risk: the stage badge and the risk label then tell one story.
 */
export interface RuleCurve {
	/** The log overdue ratio at which risk is 50%. */
	centre: number;
	slope: number;
}

const logit = (p: number) => Math.log(p / (1 - p));

function through(declining: number, churned: number): RuleCurve | null {
	const x1 = Math.log(declining);
	const x2 = Math.log(churned);
	// Equal ratios (allowed by the rules) would make the curve a step.
	if (x2 - x1 < 0.05) return null;
	const slope = (logit(CHURN_THRESHOLDS.high) - logit(CHURN_THRESHOLDS.medium)) / (x2 - x1);
	return { centre: x1 - logit(CHURN_THRESHOLDS.medium) / slope, slope };
}

const DEFAULT_CURVE = through(
	DEFAULT_LIFECYCLE_RULES.decliningGapRatio,
	DEFAULT_LIFECYCLE_RULES.churnedGapRatio
) as RuleCurve;

export function ruleCurve(
	rules: Pick<LifecycleRules, 'decliningGapRatio' | 'churnedGapRatio'>
): RuleCurve {
	const curve = through(rules.decliningGapRatio, rules.churnedGapRatio);
	if (curve) return curve;
	// Keep the default steepness, still starting medium risk at their declining ratio.
	const x1 = Math.log(rules.decliningGapRatio);
	return {
		centre: x1 - logit(CHURN_THRESHOLDS.medium) / DEFAULT_CURVE.slope,
		slope: DEFAULT_CURVE.slope
	};
}

export function ruleRisk(curve: RuleCurve, overdue: number): number {
	return 1 / (1 + Math.exp(-curve.slope * (overdue - curve.centre)));
}
