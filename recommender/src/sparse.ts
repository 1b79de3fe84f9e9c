/**
 * Compressed sparse rows: row r's entries are `indices[indptr[r] .. indptr[r + 1])` with the
 * matching `values`, column indices ascending. Typed arrays keep a 300k-entry matrix in a few
 * megabytes, make it transferable to and from a worker thread, and serialise without copying.
 * A CSC matrix is the CSR of the transpose, so `transpose` is all the column access needed.
 */
export interface Csr {
	rows: number;
	cols: number;
	indptr: Int32Array;
	indices: Int32Array;
	values: Float32Array;
}

/**
 * Builds a CSR matrix from (row, col, value) triplets in any order. Duplicate cells are summed
 * (how repeated events on one product add up to one interaction strength) or, with
 * `combine = 'max'`, the largest is kept (the latest purchase time).
 */
export function csrFromTriplets(
	rows: number,
	cols: number,
	rowOf: ArrayLike<number>,
	colOf: ArrayLike<number>,
	valueOf: ArrayLike<number>,
	combine: 'sum' | 'max' = 'sum'
): Csr {
	const n = rowOf.length;
	const counts = new Int32Array(rows + 1);
	for (let e = 0; e < n; e++) {
		const r = rowOf[e] as number;
		if (r < 0 || r >= rows) throw new RangeError(`row ${r} out of range`);
		const c = colOf[e] as number;
		if (c < 0 || c >= cols) throw new RangeError(`column ${c} out of range`);
		counts[r + 1] = (counts[r + 1] as number) + 1;
	}
	for (let r = 0; r < rows; r++) counts[r + 1] = (counts[r + 1] as number) + (counts[r] as number);
	// Counting sort by row, then sort each row by column and merge duplicates.
	const fill = counts.slice(0, rows);
	const cols1 = new Int32Array(n);
	const vals1 = new Float64Array(n);
	for (let e = 0; e < n; e++) {
		const r = rowOf[e] as number;
		const at = fill[r] as number;
		fill[r] = at + 1;
		cols1[at] = colOf[e] as number;
		vals1[at] = valueOf[e] as number;
	}
	const indptr = new Int32Array(rows + 1);
	const indices = new Int32Array(n);
	const values = new Float32Array(n);
	let out = 0;
	const order: number[] = [];
	for (let r = 0; r < rows; r++) {
		const start = counts[r] as number;
		const end = counts[r + 1] as number;
		order.length = 0;
		for (let p = start; p < end; p++) order.push(p);
		order.sort((a, b) => (cols1[a] as number) - (cols1[b] as number));
		let last = -1;
		for (const p of order) {
			const c = cols1[p] as number;
			if (c === last) {
				const before = values[out - 1] as number;
				const v = vals1[p] as number;
				values[out - 1] = combine === 'sum' ? before + v : Math.max(before, v);
			} else {
				indices[out] = c;
				values[out] = vals1[p] as number;
				out++;
				last = c;
			}
		}
		indptr[r + 1] = out;
	}
	return { rows, cols, indptr, indices: indices.slice(0, out), values: values.slice(0, out) };
}

/** The transpose (equivalently: the CSC form of `m`), columns ascending within each row. */
export function transpose(m: Csr): Csr {
	const nnz = m.indices.length;
	const indptr = new Int32Array(m.cols + 1);
	for (let p = 0; p < nnz; p++) {
		const c = (m.indices[p] as number) + 1;
		indptr[c] = (indptr[c] as number) + 1;
	}
	for (let c = 0; c < m.cols; c++)
		indptr[c + 1] = (indptr[c + 1] as number) + (indptr[c] as number);
	const fill = indptr.slice(0, m.cols);
	const indices = new Int32Array(nnz);
	const values = new Float32Array(nnz);
	// Rows are visited in order, so each output row comes out sorted without a sort.
	for (let r = 0; r < m.rows; r++) {
		for (let p = m.indptr[r] as number; p < (m.indptr[r + 1] as number); p++) {
			const c = m.indices[p] as number;
			const at = fill[c] as number;
			fill[c] = at + 1;
			indices[at] = r;
			values[at] = m.values[p] as number;
		}
	}
	return { rows: m.cols, cols: m.rows, indptr, indices, values };
}

/** Row r's column indices (a view, not a copy). */
export function rowIndices(m: Csr, r: number): Int32Array {
	return m.indices.subarray(m.indptr[r], m.indptr[r + 1]);
}

/** Row r's values (a view, not a copy). */
export function rowValues(m: Csr, r: number): Float32Array {
	return m.values.subarray(m.indptr[r], m.indptr[r + 1]);
}

/** The value at (r, c), 0 when absent; binary search because columns are sorted. */
export function valueAt(m: Csr, r: number, c: number): number {
	let lo = m.indptr[r] as number;
	let hi = (m.indptr[r + 1] as number) - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const col = m.indices[mid] as number;
		if (col === c) return m.values[mid] as number;
		if (col < c) lo = mid + 1;
		else hi = mid - 1;
	}
	return 0;
}

/** Euclidean norm of every row. */
export function rowNorms(m: Csr): Float64Array {
	const norms = new Float64Array(m.rows);
	for (let r = 0; r < m.rows; r++) {
		let sum = 0;
		for (let p = m.indptr[r] as number; p < (m.indptr[r + 1] as number); p++) {
			const v = m.values[p] as number;
			sum += v * v;
		}
		norms[r] = Math.sqrt(sum);
	}
	return norms;
}
