/**
 * Special functions the distributions rest on: log-gamma and the regularized incomplete gamma and
 * beta functions. Written out here (Numerical Recipes' series and Lentz continued fractions)
 * because the studio takes no numerics dependency; accuracy is close to double precision over the
 * ranges A/B tests produce, which the tests check against scipy.
 */

const EPSILON = 1e-15;
// Lentz's algorithm replaces exact zeros by this so a ratio never divides by zero.
const TINY = 1e-300;
// Large enough for a and b in the tens of millions: the continued fractions need about
// sqrt(max(a, b)) terms.
const MAX_ITERATIONS = 100_000;

// Lanczos approximation, g = 7, n = 9 (the coefficients Boost and many ports use): relative
// error around 1e-15 for positive arguments.
const LANCZOS_G = 7;
const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
	-176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
	1.5056327351493116e-7
];

/** ln Γ(x) for x > 0 (reflection below 0.5 keeps the series accurate near 0). */
export function logGamma(x: number): number {
	if (Number.isNaN(x)) return NaN;
	if (x <= 0 && Number.isInteger(x)) return Infinity;
	if (x < 0.5) {
		// Γ(x)Γ(1-x) = π / sin(πx); only |Γ| is needed for the positive arguments used here.
		return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
	}
	const z = x - 1;
	let sum = LANCZOS[0] ?? 0;
	for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] ?? 0) / (z + i);
	const t = z + LANCZOS_G + 0.5;
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The remainder of Stirling's formula, ln Γ(x) - ((x - 1/2) ln x - x + ln √(2π)), for x ≥ 10
 * by its asymptotic series (the next term is below 1e-13 there).
 */
function stirlingRemainder(x: number): number {
	const r = 1 / (x * x);
	return (
		(1 / 12 -
			r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188 - (691 * r) / 360360))))) /
		x
	);
}

/**
 * ln B(a, b). Summing three ln Γ values loses digits when an argument is large (ln Γ(5e8) is
 * about 1e10, so its last bit is worth 1e-6), which is exactly the t distribution with many
 * degrees of freedom; there the large parts are combined analytically first, as R's lbeta does.
 */
export function logBeta(a: number, b: number): number {
	const p = Math.min(a, b);
	const q = Math.max(a, b);
	if (p >= 10) {
		const correction = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(p + q);
		return (
			-0.5 * Math.log(q) +
			LN_SQRT_2PI +
			correction +
			(p - 0.5) * Math.log(p / (p + q)) +
			q * Math.log1p(-p / (p + q))
		);
	}
	if (q >= 10) {
		const correction = stirlingRemainder(q) - stirlingRemainder(p + q);
		return (
			logGamma(p) + correction + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q))
		);
	}
	return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Both tails of the regularized incomplete gamma: lower P(a, x) and upper Q(a, x) = 1 - P. */
export interface GammaTails {
	lower: number;
	upper: number;
}

/**
 * Regularized incomplete gamma P(a, x) and Q(a, x). Each tail is computed directly where it is
 * the small one (series below a + 1, continued fraction above), so p-values far in the tail keep
 * their relative accuracy instead of being 1 minus something close to 1.
 */
export function regularizedGamma(a: number, x: number): GammaTails {
	if (!(a > 0) || Number.isNaN(x)) return { lower: NaN, upper: NaN };
	if (x <= 0) return { lower: 0, upper: 1 };
	if (x === Infinity) return { lower: 1, upper: 0 };
	const logPrefix = a * Math.log(x) - x - logGamma(a);
	if (x < a + 1) {
		// Series: P = e^-x x^a / Γ(a+1) · Σ x^n / ((a+1)...(a+n)).
		let term = 1 / a;
		let sum = term;
		for (let n = 1; n < MAX_ITERATIONS; n++) {
			term *= x / (a + n);
			sum += term;
			if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
		}
		const lower = Math.min(1, sum * Math.exp(logPrefix));
		return { lower, upper: 1 - lower };
	}
	// Continued fraction for Q (modified Lentz).
	let b = x + 1 - a;
	let c = 1 / TINY;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < MAX_ITERATIONS; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < TINY) d = TINY;
		c = b + an / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPSILON) break;
	}
	const upper = Math.min(1, Math.exp(logPrefix) * h);
	return { lower: 1 - upper, upper };
}

/** Continued fraction for the incomplete beta (Numerical Recipes' betacf, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (Math.abs(d) < TINY) d = TINY;
	d = 1 / d;
	let h = d;
	for (let m = 1; m < MAX_ITERATIONS; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPSILON) break;
	}
	return h;
}

/** Both tails of the regularized incomplete beta: I_x(a, b) and 1 - I_x(a, b). */
export interface BetaTails {
	lower: number;
	upper: number;
}

/**
 * Regularized incomplete beta I_x(a, b) and its complement. `y` may pass 1 - x when the caller
 * knows it more precisely than 1 - x can be computed (x close to 1, as in the t distribution
 * with many degrees of freedom).
 */
export function regularizedBeta(x: number, a: number, b: number, y = 1 - x): BetaTails {
	if (!(a > 0) || !(b > 0) || Number.isNaN(x) || Number.isNaN(y)) {
		return { lower: NaN, upper: NaN };
	}
	if (x <= 0) return { lower: 0, upper: 1 };
	if (y <= 0) return { lower: 1, upper: 0 };
	// ln x through log1p(-y) when x is near 1: there y carries the digits and x has lost them.
	const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
	const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
	const logFront = a * logX + b * logY - logBeta(a, b);
	// The fraction converges fast only below the mean-ish point; above it use the symmetry
	// I_x(a, b) = 1 - I_{1-x}(b, a), computing the small tail directly.
	if (x < (a + 1) / (a + b + 2)) {
		const lower = Math.min(1, (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a);
		return { lower, upper: 1 - lower };
	}
	const upper = Math.min(1, (Math.exp(logFront) * betaContinuedFraction(b, a, y)) / b);
	return { lower: 1 - upper, upper };
}
