import type { RecommenderModel } from './model.js';

/**
 * Binary snapshots of a trained model for the database: a small JSON header describing the
 * model's plain fields, followed by every typed array's raw bytes, each 8-byte aligned. Loading
 * makes views onto one copied buffer, so a 10 MB model loads in about the time of a memcpy
 * instead of parsing millions of numbers out of JSON. Typed arrays are stored in the host's
 * byte order (little-endian on every platform Node runs on); the header records it and loading
 * refuses a mismatch rather than reading garbage.
 */

const MAGIC = [0x52, 0x47, 0x52, 0x31]; // "RGR1"
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type TypedArray = Int32Array | Float32Array | Float64Array | Uint8Array;
const CONSTRUCTORS = { Int32Array, Float32Array, Float64Array, Uint8Array } as const;
type TypedName = keyof typeof CONSTRUCTORS;

interface ArrayRef {
	$typed: TypedName;
	offset: number;
	length: number;
}

function typedName(value: unknown): TypedName | undefined {
	for (const name of Object.keys(CONSTRUCTORS) as TypedName[]) {
		if (value instanceof CONSTRUCTORS[name]) return name;
	}
	return undefined;
}

/** The model as bytes (a Uint8Array, ready for a BLOB / bytea column). */
export function serialize(model: RecommenderModel): Uint8Array {
	const arrays: TypedArray[] = [];
	let offset = 0;
	const header = JSON.stringify(model, (_key, value: unknown) => {
		const name = typedName(value);
		if (name === undefined) return value;
		const array = value as TypedArray;
		const ref: ArrayRef = { $typed: name, offset, length: array.length };
		arrays.push(array);
		offset += align8(array.byteLength);
		return ref;
	});
	const headerBytes = utf8Encode(JSON.stringify({ littleEndian: LITTLE_ENDIAN, model: header }));
	const start = align8(8 + headerBytes.length);
	const out = new Uint8Array(start + offset);
	out.set(MAGIC, 0);
	new DataView(out.buffer).setUint32(4, headerBytes.length, true);
	out.set(headerBytes, 8);
	let at = start;
	for (const array of arrays) {
		out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
		at += align8(array.byteLength);
	}
	return out;
}

/** A model back from `serialize`'s bytes. */
export function deserialize(bytes: Uint8Array): RecommenderModel {
	if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) {
		throw new Error('not a recommender snapshot');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const headerLength = view.getUint32(4, true);
	const envelope = JSON.parse(utf8Decode(bytes.subarray(8, 8 + headerLength))) as {
		littleEndian: boolean;
		model: string;
	};
	if (envelope.littleEndian !== LITTLE_ENDIAN) {
		throw new Error('snapshot was written on a machine of the other byte order');
	}
	// One aligned copy of the payload; every array is a view into it.
	const payload = bytes.slice(align8(8 + headerLength)).buffer;
	const model = JSON.parse(envelope.model, (_key, value: unknown) => {
		if (value === null || typeof value !== 'object' || !('$typed' in value)) return value;
		const ref = value as ArrayRef;
		const Ctor = CONSTRUCTORS[ref.$typed];
		if (Ctor === undefined) throw new Error(`unknown array type ${String(ref.$typed)}`);
		return new Ctor(payload, ref.offset, ref.length);
	}) as RecommenderModel;
	if (model.version !== 1) throw new Error(`unsupported snapshot version ${String(model.version)}`);
	return model;
}

function align8(n: number): number {
	return Math.ceil(n / 8) * 8;
}

// UTF-8 by hand: TextEncoder is a host API, and this library stays within the language.
function utf8Encode(text: string): Uint8Array {
	const out: number[] = [];
	for (const ch of text) {
		const c = ch.codePointAt(0) as number;
		if (c < 0x80) out.push(c);
		else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
		else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
		else
			out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
	}
	return Uint8Array.from(out);
}

function utf8Decode(bytes: Uint8Array): string {
	const parts: string[] = [];
	let chunk: number[] = [];
	for (let i = 0; i < bytes.length;) {
		const b = bytes[i] as number;
		const extra = b < 0x80 ? 0 : b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
		let c = extra === 0 ? b : b & (0x3f >> extra);
		for (let t = 1; t <= extra; t++) c = (c << 6) | ((bytes[i + t] as number) & 63);
		chunk.push(c);
		i += extra + 1;
		if (chunk.length >= 4096) {
			parts.push(String.fromCodePoint(...chunk));
			chunk = [];
		}
	}
	parts.push(String.fromCodePoint(...chunk));
	return parts.join('');
}
