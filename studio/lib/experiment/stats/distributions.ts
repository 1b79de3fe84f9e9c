/**
 * The distributions the tests need: normal, Student t, chi-square and beta. Cumulative functions
 * come in pairs (cdf and survival) because p-values live in the upper tail, where 1 - cdf would
 * round to 0 long before the true value does.
 */
import { logBeta, logGamma, regularizedBeta, regularizedGamma } from './special';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

export function normalPdf(x: number): number {
	return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Φ(x), through erfc(t) = Q(1/2, t²) so both tails keep relative accuracy. */
export function normalCdf(x: number): number {
	if (Number.isNaN(x)) return NaN;
	const { lower, upper } = regularizedGamma(0.5, 0.5 * x * x);
	return x < 0 ? 0.5 * upper : 0.5 + 0.5 * lower;
}

/** 1 - Φ(x), accurate in the upper tail. */
export function normalSf(x: number): number {
	return normalCdf(-x);
}

// Acklam's rational approximation (relative error 1.15e-9), refined below by one Halley step.
const A = [
	-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
	-3.066479806614716e1, 2.506628277459239
];
const B = [
	-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
	-1.328068155288572e1
];
const C = [
	-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
	4.374664141464968, 2.938163982698783
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function poly(coefficients: number[], x: number): number {
	return coefficients.reduce((sum, c) => sum * x + c, 0);
}

/** Φ⁻¹(p), the normal quantile, to about full double precision. */
export function normalQuantile(p: number): number {
	if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	let x: number;
	if (p < P_LOW) {
		const q = Math.sqrt(-2 * Math.log(p));
		x = poly(C, q) / (poly(D, q) * q + 1);
	} else if (p <= 1 - P_LOW) {
		const q = p - 0.5;
		const r = q * q;
		x = (poly(A, r) * q) / (poly(B, r) * r + 1);
	} else {
		const q = Math.sqrt(-2 * Math.log(1 - p));
		x = -poly(C, q) / (poly(D, q) * q + 1);
	}
	// Halley's step on Φ(x) - p; the error is taken in whichever tail is small.
	const e = x < 0 ? normalCdf(x) - p : 1 - p - normalSf(x);
	const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
	// Below p ≈ 1e-300 the density underflows; Acklam's value is then as good as it gets.
	return Number.isFinite(u) ? x - u / (1 + 0.5 * x * u) : x;
}

/** Both tails of Student's t with `df` degrees of freedom: P(T ≤ t) and P(T > t). */
function studentTTails(t: number, df: number): { cdf: number; sf: number } {
	if (Number.isNaN(t) || !(df > 0)) return { cdf: NaN, sf: NaN };
	if (df === Infinity) return { cdf: normalCdf(t), sf: normalSf(t) };
	if (t === Infinity) return { cdf: 1, sf: 0 };
	if (t === -Infinity) return { cdf: 0, sf: 1 };
	// P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2); both x and 1 - x are formed without cancellation.
	const t2 = t * t;
	const x = df / (df + t2);
	const y = t2 / (df + t2);
	const tail = 0.5 * regularizedBeta(x, df / 2, 0.5, y).lower;
	return t < 0 ? { cdf: tail, sf: 1 - tail } : { cdf: 1 - tail, sf: tail };
}

export function studentTCdf(t: number, df: number): number {
	return studentTTails(t, df).cdf;
}

export function studentTSf(t: number, df: number): number {
	return studentTTails(t, df).sf;
}

export function studentTPdf(t: number, df: number): number {
	if (df === Infinity) return normalPdf(t);
	const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
	return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The t quantile: Newton's method from the normal quantile, safeguarded by bisection on a
 * bracket, solving in the smaller tail so extreme p keep their accuracy.
 */
export function studentTQuantile(p: number, df: number): number {
	if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return NaN;
	if (df === Infinity) return normalQuantile(p);
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	if (p === 0.5) return 0;
	if (p > 0.5) return -studentTQuantile(1 - p, df);
	// p < 0.5: the root is negative; solve cdf(t) = p.
	if (df === 1) return Math.tan(Math.PI * (p - 0.5));
	if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
	let lo = -1;
	while (studentTCdf(lo, df) > p) lo *= 2;
	let hi = 0;
	let t = Math.max(lo, Math.min(hi, normalQuantile(p)));
	for (let i = 0; i < 200; i++) {
		const f = studentTCdf(t, df) - p;
		if (f === 0) return t;
		if (f > 0) hi = t;
		else lo = t;
		let next = t - f / studentTPdf(t, df);
		if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
		if (Math.abs(next - t) <= 1e-15 * Math.abs(t)) return next;
		t = next;
	}
	return t;
}

/** Chi-square with k degrees of freedom: P(X ≤ x) = P(k/2, x/2). */
export function chiSquareCdf(x: number, k: number): number {
	return regularizedGamma(k / 2, x / 2).lower;
}

/** Chi-square upper tail, the goodness-of-fit p-value. */
export function chiSquareSf(x: number, k: number): number {
	return regularizedGamma(k / 2, x / 2).upper;
}

/** Beta(a, b) density, in log space so large posteriors (a, b in the millions) do not overflow. */
export function betaPdf(x: number, a: number, b: number): number {
	if (x < 0 || x > 1) return 0;
	if (x === 0) return a === 1 ? Math.exp(-logBeta(a, b)) : a < 1 ? Infinity : 0;
	if (x === 1) return b === 1 ? Math.exp(-logBeta(a, b)) : b < 1 ? Infinity : 0;
	return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
}

export function betaCdf(x: number, a: number, b: number): number {
	return regularizedBeta(x, a, b).lower;
}

export function betaSf(x: number, a: number, b: number): number {
	return regularizedBeta(x, a, b).upper;
}
