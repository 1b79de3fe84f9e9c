import { describe, expect, it } from 'vitest';
import { bayesMeans, bayesProportions } from './bayesian';

// References (scipy 1.17), with Beta(1 + x, 1 + n - x) posteriors, ac, bc, at, bt their shapes:
//   from scipy.stats import beta, norm; from scipy.integrate import quad
//   lo, hi = beta.ppf(1e-16, ac, bc), beta.isf(1e-16, ac, bc)
//   chance: quad(lambda c: beta.pdf(c,ac,bc)*beta.sf(c,at,bt), lo, hi, points=..., epsrel=1e-13)
//     (and, exactly, Evan Miller's sum: np.sum(np.exp(betaln(ac+i,bc+bt) - np.log(bt+i)
//      - betaln(1+i,bt) - betaln(ac,bc))) over i = np.arange(at); the two agree to 1e-10)
//   loss: a nested double integral, no closed form inside, quad(lambda c: beta.pdf(c,ac,bc) *
//     quad(lambda t: (c-t)*beta.pdf(t,at,bt), beta.ppf(1e-16,at,bt), c)[0], lo, hi, points=...)
//   control loss: the same with control and treatment swapped.
// The promise is 4 significant digits; the bar here is a relative error of 1e-7.
function expectRelative(actual: number, expected: number, tolerance = 1e-7): void {
	expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

describe('bayesProportions', () => {
	it.each([
		// [xc, nc, xt, nt, chance (exact sum), expected loss, loss of keeping control]
		[100, 1000, 120, 1000, 0.9231834389724246, 0.00048461392635643124, 0.020444693766675764],
		[10, 100, 9, 120, 0.25417478065873284, 0.03171346196706936, 0.0058375378269215255],
		[0, 500, 3, 500, 0.9378744378752847, 0.00012326255608360816, 0.006099358173613483],
		[5000, 100000, 5150, 100000, 0.936756180907883, 2.6975846886332097e-5, 0.0015269458474863285],
		[20, 200, 5600, 50000, 0.6649548489489379, 0.005297632594411765, 0.013352755934032585],
		// Large posteriors (chance by quad here: the exact sum has 50,201 and 502,001 terms)
		[
			50000, 1000000, 50200, 1000000, 0.7415943569389798, 4.807251700678029e-5,
			0.0002480721170075777
		],
		[
			500000, 10000000, 502000, 10000000, 0.979818528027536, 7.237190429187804e-7,
			0.00020072367904292953
		]
	])('%i/%i vs %i/%i', (xc, nc, xt, nt, chance, loss, controlLoss) => {
		const [control, treatment] = bayesProportions([
			{ units: nc, conversions: xc },
			{ units: nt, conversions: xt }
		]);
		expectRelative(treatment?.chanceToBeatControl ?? NaN, chance);
		expectRelative(treatment?.expectedLoss ?? NaN, loss);
		expect(control?.chanceToBeatControl).toBeNaN();
		expectRelative(control?.expectedLoss ?? NaN, controlLoss);
	});

	it('gives one half for identical variants, and handles empty ones', () => {
		const data = { units: 3000, conversions: 210 };
		const [, same] = bayesProportions([data, { ...data }]);
		expect(Math.abs((same?.chanceToBeatControl ?? NaN) - 0.5)).toBeLessThan(1e-10);
		// No units at all: both posteriors are the uniform prior.
		const [, empty] = bayesProportions([
			{ units: 0, conversions: 0 },
			{ units: 0, conversions: 0 }
		]);
		expect(Math.abs((empty?.chanceToBeatControl ?? NaN) - 0.5)).toBeLessThan(1e-10);
		// E[max(0, C - T)] for two independent uniforms is 1/6.
		expect(Math.abs((empty?.expectedLoss ?? NaN) - 1 / 6)).toBeLessThan(1e-10);
	});

	it('picks the strongest challenger for the control row and flags bad input with NaN', () => {
		const rows = bayesProportions([
			{ units: 1000, conversions: 100 },
			{ units: 1000, conversions: 90 },
			{ units: 1000, conversions: 120 },
			{ units: 10, conversions: 11 }
		]);
		expect(rows).toHaveLength(4);
		// Keeping the control loses what switching to variant 2 (120/1000) would gain.
		expectRelative(rows[0]?.expectedLoss ?? NaN, 0.020444693766675764);
		expect(rows[1]?.chanceToBeatControl).toBeLessThan(0.5);
		expect(rows[3]?.chanceToBeatControl).toBeNaN();
		expect(bayesProportions([{ units: 10, conversions: 1 }])).toEqual([
			{ chanceToBeatControl: NaN, expectedLoss: 0 }
		]);
		expect(bayesProportions([])).toEqual([]);
	});
});

describe('bayesMeans', () => {
	// python: mu, s = mt-mc, np.sqrt(vc/nc+vt/nt); chance = norm.cdf(mu/s)
	//   loss = quad(lambda d: -d*norm.pdf(d,mu,s), -np.inf, 0)[0]  (by integration, not the formula)
	//   control loss = quad(lambda d: d*norm.pdf(d,mu,s), 0, np.inf)[0]
	it.each([
		[400, 52.0, 900.0, 380, 55.5, 1024.0, 0.9422528083171252, 0.0549392523737799, 3.55493925237378],
		[30, 10.0, 4.0, 30, 9.2, 9.0, 0.11212827833592937, 0.8357880199789134, 0.03578801997891254]
	])(
		'n %i mean %f var %f vs n %i mean %f var %f',
		(nc, mc, vc, nt, mt, vt, chance, loss, cLoss) => {
			const [control, treatment] = bayesMeans([
				{ units: nc, mean: mc, variance: vc },
				{ units: nt, mean: mt, variance: vt }
			]);
			expectRelative(treatment?.chanceToBeatControl ?? NaN, chance, 1e-9);
			expectRelative(treatment?.expectedLoss ?? NaN, loss, 1e-9);
			expectRelative(control?.expectedLoss ?? NaN, cLoss, 1e-9);
		}
	);

	it('handles zero variance, identical variants and empty variants', () => {
		const flat = { units: 10, mean: 5, variance: 0 };
		expect(bayesMeans([flat, { ...flat, mean: 6 }])[1]).toEqual({
			chanceToBeatControl: 1,
			expectedLoss: 0
		});
		expect(bayesMeans([flat, { ...flat, mean: 4 }])[1]).toEqual({
			chanceToBeatControl: 0,
			expectedLoss: 1
		});
		const data = { units: 50, mean: 20, variance: 30 };
		expect(bayesMeans([data, { ...data }])[1]?.chanceToBeatControl).toBe(0.5);
		expect(
			bayesMeans([data, { units: 0, mean: 0, variance: 0 }])[1]?.chanceToBeatControl
		).toBeNaN();
	});
});
