// The demo shop must come out the same on every start and every instance, so nothing here may
// touch Math.random or the clock: every draw flows from the seed string.

/** cyrb128: spreads any string over four 32-bit words, enough state for sfc32. */
function hashSeed(seed: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < seed.length; i++) {
		const k = seed.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A seeded sfc32 generator with the draws the demo data needs. */
export class Random {
	private a: number;
	private b: number;
	private c: number;
	private d: number;
	private spareNormal: number | null = null;

	constructor(readonly seed: string) {
		[this.a, this.b, this.c, this.d] = hashSeed(seed);
		// The first outputs of sfc32 still echo the seed words; burn them.
		for (let i = 0; i < 12; i++) this.next();
	}

	/** Uniform in [0, 1). */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/**
	 * An independent stream for one part of the data (a customer, the catalogue), so that drawing
	 * more numbers in one part does not reshuffle every other part.
	 */
	fork(label: string): Random {
		return new Random(`${this.seed}/${label}`);
	}

	/** Uniform integer in [min, max], both ends included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** Uniform real in [min, max). */
	between(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new RangeError('pick from an empty list');
		return items[Math.floor(this.next() * items.length)] as T;
	}

	/** One item, each chosen in proportion to its weight. */
	weighted<T>(items: readonly T[], weights: readonly number[]): T {
		return items[this.weightedIndex(weights)] as T;
	}

	weightedIndex(weights: readonly number[]): number {
		let total = 0;
		for (const w of weights) total += w;
		if (!(total > 0)) throw new RangeError('weights must have a positive sum');
		let target = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			target -= weights[i] ?? 0;
			if (target < 0) return i;
		}
		return weights.length - 1;
	}

	/** Standard normal (Marsaglia polar method; the second value is kept for the next call). */
	normal(mean = 0, sd = 1): number {
		if (this.spareNormal !== null) {
			const spare = this.spareNormal;
			this.spareNormal = null;
			return mean + sd * spare;
		}
		let u: number;
		let v: number;
		let s: number;
		do {
			u = this.next() * 2 - 1;
			v = this.next() * 2 - 1;
			s = u * u + v * v;
		} while (s >= 1 || s === 0);
		const factor = Math.sqrt((-2 * Math.log(s)) / s);
		this.spareNormal = v * factor;
		return mean + sd * u * factor;
	}

	/** Exponential with the given mean: waiting times between independent happenings. */
	exponential(mean: number): number {
		return -Math.log(1 - this.next()) * mean;
	}

	/**
	 * Gamma(shape, scale) by Marsaglia and Tsang. Gaps between a regular's orders are gamma
	 * distributed: a high shape gives a steady rhythm, a shape near 1 an erratic one.
	 */
	gamma(shape: number, scale = 1): number {
		if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(this.next(), 1 / shape);
		const d = shape - 1 / 3;
		const c = 1 / Math.sqrt(9 * d);
		for (;;) {
			let x: number;
			let v: number;
			do {
				x = this.normal();
				v = 1 + c * x;
			} while (v <= 0);
			v = v * v * v;
			const u = this.next();
			if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
			if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
		}
	}

	/** Poisson count with the given mean (Knuth; the demo only needs small means). */
	poisson(mean: number): number {
		if (mean <= 0) return 0;
		if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
		const limit = Math.exp(-mean);
		let k = 0;
		let p = this.next();
		while (p > limit) {
			k++;
			p *= this.next();
		}
		return k;
	}

	/** Fisher-Yates in place; returns the same array for chaining. */
	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			const tmp = items[i] as T;
			items[i] = items[j] as T;
			items[j] = tmp;
		}
		return items;
	}

	/** A version-4-shaped UUID, as analytics.js uses for anonymous ids. */
	uuid(): string {
		const hex = (n: number) => {
			let out = '';
			for (let i = 0; i < n; i++) out += Math.floor(this.next() * 16).toString(16);
			return out;
		};
		const variant = (8 + Math.floor(this.next() * 4)).toString(16);
		return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
	}
}
