/**
 * Bayesian read-outs per variant against the control (index 0): the chance the variant's true
 * value beats the control's, and the expected loss of choosing it, E[max(0, control - variant)]
 * (what one gives up on average if the variant is in fact worse).
 *
 * Rates: Beta(1, 1) priors, so posteriors are Beta(1 + conversions, 1 + units - conversions).
 * Both numbers are one-dimensional integrals over the control's posterior, computed by adaptive
 * Gauss–Kronrod quadrature (deterministic, about 10 significant digits, no Monte Carlo):
 *   P(T > C)        = ∫ f_C(c) · (1 - F_T(c)) dc
 *   E[max(0, C-T)]  = ∫ f_C(c) · (c·F_T(c) - E[T]·F_T⁺(c)) dc,  F_T⁺ = cdf of Beta(a_T + 1, b_T)
 * (the inner expectation E[(c - T)⁺] = c·P(T < c) - E[T; T < c], and E[T; T < c] = E[T]·F_T⁺(c)).
 *
 * Means: the posterior of each mean is approximated as normal with the sample mean and variance
 * s²/n (a flat prior), so D = T - C ~ N(μ, σ²) and
 *   P(D > 0) = Φ(μ/σ),   E[max(0, -D)] = σ·φ(μ/σ) - μ·Φ(-μ/σ).
 *
 * The control's own row: chanceToBeatControl is NaN (not applicable) and expectedLoss is the
 * loss of keeping the control, E[max(0, V - C)], against the variant V most likely to beat it
 * (0 when there is no other variant).
 */
import { betaPdf, normalCdf, normalPdf } from './distributions';
import { integrate } from './quadrature';
import { logBeta, regularizedBeta } from './special';
import type { MeanData, ProportionData } from './types';

export interface BayesResult {
	chanceToBeatControl: number;
	expectedLoss: number;
}

interface BetaPosterior {
	a: number;
	b: number;
	mean: number;
	sd: number;
}

function posterior(d: ProportionData): BetaPosterior | null {
	if (
		!Number.isFinite(d.units) ||
		!Number.isFinite(d.conversions) ||
		d.units < 0 ||
		d.conversions < 0 ||
		d.conversions > d.units
	) {
		return null;
	}
	const a = 1 + d.conversions;
	const b = 1 + d.units - d.conversions;
	const n = a + b;
	return { a, b, mean: a / n, sd: Math.sqrt((a * b) / (n * n * (n + 1))) };
}

// Beyond 40 standard deviations either posterior's density is below e^-40 of its peak even for
// the skewed Beta(1, n) (an exponential tail), far under the 4 significant digits promised.
const SPAN = 40;
const STEPS = [0, 1, 2, 4, 8, 16];

/** [lower, upper] of the control's support worth integrating, and where to split it. */
function domain(control: BetaPosterior, treatment: BetaPosterior) {
	const lower = Math.max(0, control.mean - SPAN * control.sd);
	const upper = Math.min(1, control.mean + SPAN * control.sd);
	const breakpoints: number[] = [];
	for (const p of [control, treatment]) {
		for (const k of STEPS) breakpoints.push(p.mean - k * p.sd, p.mean + k * p.sd);
	}
	return { lower, upper, breakpoints };
}

/** P(T > C) and E[max(0, C - T)] for two Beta posteriors. */
export function betaComparison(control: BetaPosterior, treatment: BetaPosterior): BayesResult {
	const { lower, upper, breakpoints } = domain(control, treatment);
	const { a: aT, b: bT, mean: mT } = treatment;
	const logBetaT = logBeta(aT, bT);
	// Both integrals on the same nodes, so each node costs one incomplete beta: F_T⁺ follows from
	// F_T by the recurrence I_c(a+1, b) = I_c(a, b) - c^a (1-c)^b / (a B(a, b)).
	const integrand = (c: number): number[] => {
		const density = betaPdf(c, control.a, control.b);
		if (density === 0) return [0, 0];
		const tails = regularizedBeta(c, aT, bT);
		const step = Math.exp(aT * Math.log(c) + bT * Math.log1p(-c) - logBetaT) / aT;
		const lossInside = c * tails.lower - mT * (tails.lower - step);
		return [density * tails.upper, density * Math.max(0, lossInside)];
	};
	// The loss is of the order of the posteriors' spread; scale its tolerance to it.
	const scale = control.sd + treatment.sd;
	const [chance = NaN, loss = NaN] = integrate(integrand, lower, upper, {
		breakpoints,
		absolute: [1e-13, 1e-13 * scale],
		relative: 1e-10
	});
	return { chanceToBeatControl: Math.min(1, Math.max(0, chance)), expectedLoss: loss };
}

function normalComparison(control: MeanData, treatment: MeanData): BayesResult {
	const mu = treatment.mean - control.mean;
	const sigma = Math.sqrt(control.variance / control.units + treatment.variance / treatment.units);
	if (sigma === 0) {
		return { chanceToBeatControl: mu > 0 ? 1 : mu < 0 ? 0 : 0.5, expectedLoss: Math.max(0, -mu) };
	}
	const z = mu / sigma;
	return {
		chanceToBeatControl: normalCdf(z),
		expectedLoss: sigma * normalPdf(z) - mu * normalCdf(-z)
	};
}

const UNKNOWN: BayesResult = { chanceToBeatControl: NaN, expectedLoss: NaN };

/**
 * Rows in input order. The control row's expected loss is that of keeping it: against the
 * strongest challenger, the loss of C is E[max(0, V - C)], i.e. V's comparison with roles
 * swapped.
 */
function withControlRow(
	rows: BayesResult[],
	lossOfKeepingControl: (index: number) => number
): BayesResult[] {
	let best = -1;
	for (let i = 1; i < rows.length; i++) {
		const chance = rows[i]?.chanceToBeatControl ?? NaN;
		if (best < 0 || chance > (rows[best]?.chanceToBeatControl ?? NaN)) best = i;
	}
	const controlLoss = rows.length < 2 ? 0 : best < 0 ? NaN : lossOfKeepingControl(best);
	return [{ chanceToBeatControl: NaN, expectedLoss: controlLoss }, ...rows.slice(1)];
}

export function bayesProportions(variants: ProportionData[]): BayesResult[] {
	if (variants.length === 0) return [];
	const posteriors = variants.map(posterior);
	const control = posteriors[0];
	const rows = posteriors.map((p, i) =>
		i === 0 || !control || !p ? { ...UNKNOWN } : betaComparison(control, p)
	);
	return withControlRow(rows, (i) => {
		const p = posteriors[i];
		return control && p ? betaComparison(p, control).expectedLoss : NaN;
	});
}

export function bayesMeans(variants: MeanData[]): BayesResult[] {
	if (variants.length === 0) return [];
	const valid = (d: MeanData | undefined): d is MeanData =>
		!!d && Number.isFinite(d.mean) && Number.isFinite(d.variance) && d.units > 0 && d.variance >= 0;
	const control = variants[0];
	const rows = variants.map((v, i) =>
		i === 0 || !valid(control) || !valid(v) ? { ...UNKNOWN } : normalComparison(control, v)
	);
	return withControlRow(rows, (i) => {
		const v = variants[i];
		return valid(control) && valid(v) ? normalComparison(v, control).expectedLoss : NaN;
	});
}
