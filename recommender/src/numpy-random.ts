/**
 * numpy's `default_rng(seed).random(n)`, bit for bit: SeedSequence entropy mixing, the PCG64
 * (XSL-RR 128/64) generator and the 53-bit double conversion. The offline evaluation uses it so
 * that a per-user split drawn here is the very split `recsys_ref.py` draws in Python, and the
 * two tables compare line for line. Written from the published algorithms (O'Neill's PCG paper,
 * numpy's SeedSequence documentation); only `random()` is provided because that is all the
 * split protocol draws.
 */

const MASK32 = 0xffffffffn;
const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
// PCG's default 128-bit LCG multiplier.
const PCG_MULT = 0x2360ed051fc65da44385df649fccf645n;

// SeedSequence's hashing constants (numpy/random/bit_generator.pyx).
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

/** A non-negative integer seed as numpy coerces it: little-endian 32-bit words. */
function seedWords(seed: number | bigint): number[] {
	let value = BigInt(seed);
	if (value < 0n) throw new RangeError('seed must be non-negative');
	const words: number[] = [];
	do {
		words.push(Number(value & MASK32));
		value >>= 32n;
	} while (value > 0n);
	return words;
}

/** SeedSequence(seed).generate_state(n32, uint32). */
function seedSequenceState(seed: number | bigint, n32: number): Uint32Array {
	const entropy = seedWords(seed);
	let hashA = INIT_A;
	const hashmix = (input: number): number => {
		let value = (input ^ hashA) >>> 0;
		hashA = Math.imul(hashA, MULT_A) >>> 0;
		value = Math.imul(value, hashA) >>> 0;
		return (value ^ (value >>> 16)) >>> 0;
	};
	const mix = (x: number, y: number): number => {
		const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
		return (result ^ (result >>> 16)) >>> 0;
	};
	const pool = new Uint32Array(POOL_SIZE);
	for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(entropy[i] ?? 0);
	for (let src = 0; src < POOL_SIZE; src++) {
		for (let dst = 0; dst < POOL_SIZE; dst++) {
			if (src !== dst) pool[dst] = mix(pool[dst] as number, hashmix(pool[src] as number));
		}
	}
	for (let src = POOL_SIZE; src < entropy.length; src++) {
		for (let dst = 0; dst < POOL_SIZE; dst++) {
			pool[dst] = mix(pool[dst] as number, hashmix(entropy[src] as number));
		}
	}
	const state = new Uint32Array(n32);
	let hashB = INIT_B;
	for (let i = 0; i < n32; i++) {
		let value = ((pool[i % POOL_SIZE] as number) ^ hashB) >>> 0;
		hashB = Math.imul(hashB, MULT_B) >>> 0;
		value = Math.imul(value, hashB) >>> 0;
		state[i] = (value ^ (value >>> 16)) >>> 0;
	}
	return state;
}

/** A seeded source of doubles in [0, 1), identical to numpy's `default_rng(seed).random()`. */
export class NumpyRandom {
	private state: bigint;
	private readonly inc: bigint;

	constructor(seed: number | bigint) {
		const words = seedSequenceState(seed, 8);
		// generate_state(4, uint64) views the 32-bit words little-endian, pairwise.
		const u64 = (i: number): bigint =>
			(BigInt(words[2 * i + 1] as number) << 32n) | BigInt(words[2 * i] as number);
		const initState = (u64(0) << 64n) | u64(1);
		const initSeq = (u64(2) << 64n) | u64(3);
		this.inc = ((initSeq << 1n) | 1n) & MASK128;
		this.state = 0n;
		this.step();
		this.state = (this.state + initState) & MASK128;
		this.step();
	}

	private step(): void {
		this.state = (this.state * PCG_MULT + this.inc) & MASK128;
	}

	/** The next raw 64-bit output (numpy's `bit_generator.random_raw()`). */
	nextUint64(): bigint {
		this.step();
		const rot = Number(this.state >> 122n);
		const xored = ((this.state >> 64n) ^ this.state) & MASK64;
		return ((xored >> BigInt(rot)) | (xored << BigInt((64 - rot) & 63))) & MASK64;
	}

	/** A double in [0, 1) from the top 53 bits, as numpy does it. */
	random(): number {
		return Number(this.nextUint64() >> 11n) / 9007199254740992;
	}

	/** n draws, like `rng.random(n)`. */
	randomArray(n: number): Float64Array {
		const out = new Float64Array(n);
		for (let i = 0; i < n; i++) out[i] = this.random();
		return out;
	}
}
