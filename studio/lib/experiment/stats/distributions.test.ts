import { describe, expect, it } from 'vitest';
import {
	betaCdf,
	betaPdf,
	betaSf,
	chiSquareCdf,
	chiSquareSf,
	normalCdf,
	normalQuantile,
	normalSf,
	studentTCdf,
	studentTQuantile,
	studentTSf
} from './distributions';
import { logGamma } from './special';

// Expected values are scipy 1.17's; each comment is the python line that produced it
// (`from scipy.stats import norm, t, chi2, beta; from scipy.special import gammaln`).
// The bar is a relative error of 1e-9, far past the 4 significant digits required.
function expectRelative(actual: number, expected: number, tolerance = 1e-9): void {
	if (expected === 0) expect(Math.abs(actual)).toBeLessThan(tolerance);
	else expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

describe('logGamma', () => {
	it.each([
		[0.1, 2.252712651734206], // gammaln(0.1)
		[5.5, 3.9578139676187165], // gammaln(5.5)
		[100.3, 360.5147057290581], // gammaln(100.3)
		[1e6, 12815504.569147611] // gammaln(1e6)
	])('ln Γ(%f)', (x, expected) => expectRelative(logGamma(x), expected, 1e-12));

	it('is 0 at 1', () => expect(Math.abs(logGamma(1))).toBeLessThan(1e-14));
});

describe('normal distribution', () => {
	it.each([
		[-8, 6.22096057427174e-16], // norm.cdf(-8)
		[-3, 0.0013498980316300933], // norm.cdf(-3)
		[-1.96, 0.024997895148220435], // norm.cdf(-1.96)
		[0, 0.5], // norm.cdf(0)
		[0.5, 0.6914624612740131], // norm.cdf(0.5)
		[1.2345, 0.8914916766373298], // norm.cdf(1.2345)
		[3, 0.9986501019683699] // norm.cdf(3)
	])('Φ(%f)', (x, expected) => expectRelative(normalCdf(x), expected));

	it('keeps relative accuracy far in the upper tail', () => {
		expectRelative(normalSf(8), 6.22096057427174e-16); // norm.sf(8)
	});

	it.each([
		[1e-10, -6.361340902404056], // norm.ppf(1e-10)
		[0.001, -3.090232306167813], // norm.ppf(0.001)
		[0.025, -1.9599639845400545], // norm.ppf(0.025)
		[0.3, -0.5244005127080409], // norm.ppf(0.3)
		[0.975, 1.959963984540054], // norm.ppf(0.975)
		[0.999, 3.090232306167813] // norm.ppf(0.999)
	])('Φ⁻¹(%f)', (p, expected) => expectRelative(normalQuantile(p), expected));

	it('has exact quantiles at the ends and the middle', () => {
		expect(normalQuantile(0.5)).toBe(0);
		expect(normalQuantile(0)).toBe(-Infinity);
		expect(normalQuantile(1)).toBe(Infinity);
		expect(normalQuantile(1.5)).toBeNaN();
	});
});

describe('Student t distribution', () => {
	it.each([
		[-2.5, 1, 0.12111894159084341], // t.cdf(-2.5, 1)
		[1.5, 3, 0.8847080673775886], // t.cdf(1.5, 3)
		[-2.0, 10.5, 0.03601690007848415], // t.cdf(-2.0, 10.5)
		[2.0, 30, 0.9726874775185085], // t.cdf(2.0, 30)
		[-1.96, 1e6, 0.024998033792634926] // t.cdf(-1.96, 1e6)
	])('cdf(%f; df %f)', (x, df, expected) => expectRelative(studentTCdf(x, df), expected));

	it.each([
		[4.5, 7, 0.0013991650389213158], // t.sf(4.5, 7)
		[3, 1e9, 0.0013498980648689565], // t.sf(3, 1e9)
		[12, 2.2, 0.0023917069377587456] // t.sf(12, 2.2)
	])('sf(%f; df %f)', (x, df, expected) => expectRelative(studentTSf(x, df), expected, 1e-8));
	// The 1e-8 is for df = 1e9, where the continued fraction gives up ~6e-9 to rounding (the
	// error is ~3e-10 at df = 1e7 and ~1e-11 at 1e6); still five orders past 4 digits.

	it.each([
		[0.975, 1, 12.706204736174694], // t.ppf(0.975, 1)
		[0.975, 2, 4.302652729749462], // t.ppf(0.975, 2)
		[0.975, 5, 2.5705818356363146], // t.ppf(0.975, 5)
		[0.975, 17.3, 2.1070320037534676], // t.ppf(0.975, 17.3)
		[0.975, 1000, 1.9623390808264083], // t.ppf(0.975, 1000)
		[1e-6, 4, -41.577854150450975], // t.ppf(1e-6, 4)
		[0.8, 3.5, 0.9567588339323106] // t.ppf(0.8, 3.5)
	])('quantile(%f; df %f)', (p, df, expected) => expectRelative(studentTQuantile(p, df), expected));

	it('becomes the normal with infinite degrees of freedom', () => {
		expect(studentTCdf(1.3, Infinity)).toBe(normalCdf(1.3));
		expect(studentTQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
	});
});

describe('chi-square distribution', () => {
	it.each([
		[3.84, 1, 0.9499564787512949], // chi2.cdf(3.84, 1)
		[0.5, 4, 0.026499021160743912], // chi2.cdf(0.5, 4)
		[30, 50, 0.011164780271550276] // chi2.cdf(30, 50)
	])('cdf(%f; k %f)', (x, k, expected) => expectRelative(chiSquareCdf(x, k), expected));

	it.each([
		[10, 3, 0.01856613546304325], // chi2.sf(10, 3)
		[150, 19, 2.1915635993460626e-22], // chi2.sf(150, 19)
		[1e-3, 1, 0.9747728793699604] // chi2.sf(1e-3, 1)
	])('sf(%f; k %f)', (x, k, expected) => expectRelative(chiSquareSf(x, k), expected));
});

describe('beta distribution', () => {
	it('matches scipy', () => {
		expectRelative(betaCdf(0.3, 2.5, 7), 0.6412224629717214); // beta.cdf(0.3, 2.5, 7)
		expectRelative(betaSf(0.12, 121, 881), 0.519647241830633); // beta.sf(0.12, 121, 881)
		expectRelative(betaPdf(0.1, 101, 901), 42.058807651946516); // beta.pdf(0.1, 101, 901)
		// beta.cdf(0.0102, 10001, 990001): a posterior a million units wide
		expectRelative(betaCdf(0.0102, 10001, 990001), 0.9767279675927848, 1e-8);
	});
});
