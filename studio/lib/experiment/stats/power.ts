/**
 * Planning: how many units each variant needs to detect a relative lift on a conversion rate,
 * the smallest lift a given sample can detect, and how long the current traffic takes to get
 * there. The sample size is the standard one for a two-sided two-proportion z-test (Fleiss;
 * the formula G*Power and most online calculators use), with p2 = p1 (1 + MDE) and p̄ = (p1+p2)/2:
 *
 *   n = ( z_{1-α/2} · sqrt(2 p̄ (1 - p̄)) + z_{1-β} · sqrt(p1 (1 - p1) + p2 (1 - p2)) )² / (p2 - p1)²
 */
import { normalQuantile } from './distributions';
import { DEFAULT_ALPHA } from './types';

export const DEFAULT_POWER = 0.8;

/** The formula above, unrounded; NaN where it does not apply. */
function requiredUnits(p1: number, relativeMde: number, alpha: number, power: number): number {
	const p2 = p1 * (1 + relativeMde);
	if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1) || !(alpha > 0 && alpha < 1)) return NaN;
	if (!(power > 0 && power < 1)) return NaN;
	if (p2 === p1) return Infinity;
	const pBar = (p1 + p2) / 2;
	const zAlpha = normalQuantile(1 - alpha / 2);
	const zBeta = normalQuantile(power);
	const root =
		zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
	return (root * root) / ((p2 - p1) * (p2 - p1));
}

/**
 * Units per variant, rounded up. Defaults: alpha 0.05 (two-sided), power 0.8. Infinity for a
 * relative MDE of 0; NaN for a baseline outside (0, 1) or a lift that takes the rate outside it.
 */
export function sampleSizePerVariant(input: {
	baselineRate: number;
	relativeMde: number;
	alpha?: number;
	power?: number;
}): number {
	const n = requiredUnits(
		input.baselineRate,
		input.relativeMde,
		input.alpha ?? DEFAULT_ALPHA,
		input.power ?? DEFAULT_POWER
	);
	return Number.isFinite(n) ? Math.ceil(n - 1e-9) : n;
}

/**
 * The smallest positive relative lift detectable with `unitsPerVariant` units per variant (the
 * inverse of the formula, by bisection: n falls monotonically as the lift grows). Infinity when
 * even a lift to a rate of 1 would not be detectable; NaN for invalid input.
 */
export function minimumDetectableEffect(input: {
	baselineRate: number;
	unitsPerVariant: number;
	alpha?: number;
	power?: number;
}): number {
	const p1 = input.baselineRate;
	const units = input.unitsPerVariant;
	const alpha = input.alpha ?? DEFAULT_ALPHA;
	const power = input.power ?? DEFAULT_POWER;
	if (!(p1 > 0 && p1 < 1) || !(units > 0) || Number.isNaN(requiredUnits(p1, 0.1, alpha, power))) {
		return NaN;
	}
	if (units === Infinity) return 0;
	// Lifts are searched in (0, 1/p1 - 1), where the treated rate stays below 1.
	let lo = 0;
	let hi = 1 / p1 - 1;
	if (!(requiredUnits(p1, hi * (1 - 1e-12), alpha, power) <= units)) return Infinity;
	for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
		const mid = 0.5 * (lo + hi);
		if (requiredUnits(p1, mid, alpha, power) > units) lo = mid;
		else hi = mid;
	}
	return hi;
}

/**
 * Whole days until `unitsNeeded` is reached at `unitsPerDay` (use the same basis for all three,
 * e.g. units per variant): 0 when already reached, null when traffic is zero or unknown.
 */
export function daysToReach(
	unitsNeeded: number,
	unitsSoFar: number,
	unitsPerDay: number
): number | null {
	if (Number.isNaN(unitsNeeded) || Number.isNaN(unitsSoFar)) return null;
	const remaining = unitsNeeded - Math.max(0, unitsSoFar);
	if (remaining <= 0) return 0;
	if (!Number.isFinite(remaining) || !(unitsPerDay > 0) || !Number.isFinite(unitsPerDay)) {
		return null;
	}
	return Math.ceil(remaining / unitsPerDay);
}
