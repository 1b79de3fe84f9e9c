/**
 * Always-valid inference by the mixture sequential probability ratio test (mSPRT) of Johari,
 * Koomen, Pekelis and Walsh, "Always Valid Inference: Continuous Monitoring of A/B Tests"
 * (Operations Research, 2022). The difference estimate θ̂ is treated as normal with variance V
 * (the squared standard error at the current sample size), and the likelihood ratio against
 * H0: θ = θ0 is mixed over θ ~ N(θ0, τ²):
 *
 *   Λ(θ0) = sqrt(V / (V + τ²)) · exp(τ² (θ̂ - θ0)² / (2 V (V + τ²)))
 *
 * By Ville's inequality P(sup_n Λ_n ≥ 1/α) ≤ α under H0, so p = min(1, 1/Λ(0)) and the set
 * {θ0 : Λ(θ0) < 1/α} stay valid at whatever moment someone looks. That set is
 *
 *   θ̂ ± sqrt( V (V + τ²) / τ² · (2 ln(1/α) + ln((V + τ²) / V)) ).
 *
 * Mixing variance: τ² is the square of a plausible effect size. The default plausible effect is
 * 10% of the pooled baseline (pooled rate, or pooled mean; the pooled standard deviation when
 * the mean is 0), overridable as `plausibleLift` or absolutely as `mixingSd`. Sizing τ to the
 * effects one expects makes the interval tightest around the sample sizes where such effects
 * become detectable; any τ > 0 keeps the guarantee.
 *
 * Only the current snapshot is known here, so the p-value is 1/Λ at this look rather than the
 * running minimum over all past looks; each is valid at any stopping time, the running minimum
 * is merely monotone.
 */
import type { Interval } from './types';

export interface AlwaysValid {
	pValue: number;
	differenceInterval: Interval;
}

/**
 * @param estimate θ̂, the observed difference.
 * @param variance V, its squared standard error.
 * @param tau the mixing standard deviation τ.
 */
export function alwaysValid(
	estimate: number,
	variance: number,
	tau: number,
	alpha: number
): AlwaysValid {
	if (!Number.isFinite(estimate) || !(variance >= 0) || !(tau >= 0) || !(alpha > 0)) {
		return { pValue: NaN, differenceInterval: { lower: NaN, upper: NaN } };
	}
	if (variance === 0) {
		// No noise: the estimate is the truth.
		return {
			pValue: estimate === 0 ? 1 : 0,
			differenceInterval: { lower: estimate, upper: estimate }
		};
	}
	const tau2 = tau * tau;
	if (tau2 === 0 || !Number.isFinite(tau2)) {
		// A point-mass (or flat) mixture never accumulates evidence: nothing is ever rejected.
		return { pValue: 1, differenceInterval: { lower: -Infinity, upper: Infinity } };
	}
	const total = variance + tau2;
	const logLambda =
		0.5 * Math.log(variance / total) + (tau2 * estimate * estimate) / (2 * variance * total);
	const pValue = Math.min(1, Math.exp(-logLambda));
	const halfWidth = Math.sqrt(
		((variance * total) / tau2) * (2 * Math.log(1 / alpha) + Math.log(total / variance))
	);
	return {
		pValue,
		differenceInterval: { lower: estimate - halfWidth, upper: estimate + halfWidth }
	};
}

/** τ from the options, or from a plausible relative effect on the pooled baseline. */
export function mixingSd(
	options: { mixingSd?: number; plausibleLift?: number },
	baseline: number,
	fallbackScale: number
): number {
	if (options.mixingSd !== undefined) return options.mixingSd;
	const lift = options.plausibleLift ?? 0.1;
	const scale = baseline !== 0 ? Math.abs(baseline) : Math.abs(fallbackScale);
	return lift * scale;
}
