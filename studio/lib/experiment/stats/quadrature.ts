/**
 * Adaptive Gauss–Kronrod (7/15-point) integration, the same rule QUADPACK's qag uses: each panel
 * is split in half until the Kronrod and Gauss estimates agree. Callers pass breakpoints where
 * the integrand changes scale (a narrow posterior inside a wide one), so no feature falls
 * between the nodes of a coarse first panel.
 */

// Kronrod nodes (non-negative half) and weights; the Gauss weights pair with the odd nodes.
const XGK = [
	0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945,
	0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0
];
const WGK = [
	0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592,
	0.1690047266392679, 0.19035057806478542, 0.20443294007529889, 0.20948214108472782
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

/** A vector of integrals evaluated on the same nodes, with an error estimate for each. */
interface Panel {
	values: number[];
	errors: number[];
}

function kronrod(f: (x: number) => number[], a: number, b: number): Panel {
	const center = 0.5 * (a + b);
	const half = 0.5 * (b - a);
	const fc = f(center);
	const kronrodSum = fc.map((v) => v * (WGK[7] ?? 0));
	const gaussSum = fc.map((v) => v * (WG[3] ?? 0));
	for (let j = 0; j < 7; j++) {
		const dx = half * (XGK[j] ?? 0);
		const left = f(center - dx);
		const right = f(center + dx);
		for (let k = 0; k < fc.length; k++) {
			const pair = (left[k] ?? 0) + (right[k] ?? 0);
			kronrodSum[k] = (kronrodSum[k] ?? 0) + (WGK[j] ?? 0) * pair;
			// Odd Kronrod indices (1, 3, 5) are the 7-point Gauss nodes.
			if (j % 2 === 1) gaussSum[k] = (gaussSum[k] ?? 0) + (WG[(j - 1) / 2] ?? 0) * pair;
		}
	}
	return {
		values: kronrodSum.map((v) => v * half),
		errors: kronrodSum.map((v, k) => Math.abs((v - (gaussSum[k] ?? 0)) * half))
	};
}

// Work is bounded by a panel budget rather than a recursion depth: when rounding keeps the error
// estimate above an over-strict tolerance, refinement stops instead of doubling forever.
const MAX_PANELS = 2000;

interface Piece extends Panel {
	a: number;
	b: number;
	/** The largest error relative to its component's tolerance: > 1 means not done. */
	badness: number;
}

/**
 * ∫ f over [a, b] for a vector-valued f (several integrals sharing their costly parts), split
 * first at `breakpoints` (those outside (a, b) are ignored), then refined globally, always
 * halving the panel with the largest error estimate (QUADPACK's qag strategy), until every
 * component's summed error is below max(absolute[k], relative × |result[k]|).
 */
export function integrate(
	f: (x: number) => number[],
	a: number,
	b: number,
	options: { breakpoints?: number[]; absolute?: number[]; relative?: number } = {}
): number[] {
	const points = [a, ...(options.breakpoints ?? []).filter((p) => p > a && p < b), b].sort(
		(x, y) => x - y
	);
	const pieces: Piece[] = [];
	for (let i = 1; i < points.length; i++) {
		const lo = points[i - 1] ?? a;
		const hi = points[i] ?? b;
		if (hi > lo) pieces.push({ a: lo, b: hi, badness: 0, ...kronrod(f, lo, hi) });
	}
	if (pieces.length === 0) return [];
	const size = pieces[0]?.values.length ?? 0;
	const relative = options.relative ?? 1e-11;
	const sum = (key: 'values' | 'errors') =>
		Array.from({ length: size }, (_, k) => pieces.reduce((t, p) => t + (p[key][k] ?? 0), 0));
	while (pieces.length < MAX_PANELS) {
		const values = sum('values');
		const errors = sum('errors');
		const tolerances = values.map((v, k) =>
			Math.max(options.absolute?.[k] ?? 1e-13, relative * Math.abs(v))
		);
		if (errors.every((e, k) => e <= (tolerances[k] ?? 0))) break;
		let worst = 0;
		for (let i = 0; i < pieces.length; i++) {
			const piece = pieces[i] as Piece;
			piece.badness = Math.max(...piece.errors.map((e, k) => e / (tolerances[k] ?? 1)));
			if (piece.badness > (pieces[worst] as Piece).badness) worst = i;
		}
		const split = pieces[worst] as Piece;
		const mid = 0.5 * (split.a + split.b);
		// Panels narrower than rounding allows cannot be improved.
		if (!(mid > split.a && mid < split.b)) break;
		pieces[worst] = { a: split.a, b: mid, badness: 0, ...kronrod(f, split.a, mid) };
		pieces.push({ a: mid, b: split.b, badness: 0, ...kronrod(f, mid, split.b) });
	}
	return sum('values');
}
