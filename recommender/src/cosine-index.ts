import { rowNorms, transpose, type Csr } from './sparse.js';
import { topK, type Scored } from './top-k.js';

/**
 * Exact cosine nearest-neighbour search over the rows of a sparse matrix (users as item vectors).
 * An inverted index (column -> rows holding it) means a query only visits rows that share at
 * least one column with it, which for shopping baskets is a small part of all customers; a
 * dense scan (what ml-knn does) would touch every row and every column.
 */
export interface CosineIndex {
	rows: Csr;
	/** column -> rows, the inverted index. */
	postings: Csr;
	norms: Float64Array;
}

export function buildCosineIndex(rows: Csr): CosineIndex {
	return { rows, postings: transpose(rows), norms: rowNorms(rows) };
}

/**
 * The k rows most cosine-similar to the sparse query vector, best first, with ties to the lower
 * row. Rows with no shared column (cosine 0) are never returned. `skipRow` leaves out the
 * querying row itself when it is part of the index.
 */
export function nearestRows(
	index: CosineIndex,
	queryColumns: ArrayLike<number>,
	queryValues: ArrayLike<number>,
	k: number,
	skipRow = -1
): Scored[] {
	const { postings, norms } = index;
	const dots = new Float64Array(index.rows.rows);
	let queryNorm = 0;
	for (let t = 0; t < queryColumns.length; t++) {
		const c = queryColumns[t] as number;
		const q = queryValues[t] as number;
		queryNorm += q * q;
		for (let p = postings.indptr[c] as number; p < (postings.indptr[c + 1] as number); p++) {
			const r = postings.indices[p] as number;
			dots[r] = (dots[r] as number) + q * (postings.values[p] as number);
		}
	}
	queryNorm = Math.sqrt(queryNorm);
	if (queryNorm === 0) return [];
	for (let r = 0; r < dots.length; r++) {
		const d = dots[r] as number;
		dots[r] = d > 0 && r !== skipRow ? d / (queryNorm * (norms[r] as number)) : Number.NaN;
	}
	return topK(dots, k);
}

/**
 * User-based kNN scores: score(i) = sum over the k nearest users v of cosine(u, v) * x_vi.
 * Added into `scores` (length = items).
 */
export function scoreUserKnn(
	index: CosineIndex,
	queryColumns: ArrayLike<number>,
	queryValues: ArrayLike<number>,
	k: number,
	scores: Float64Array,
	skipRow = -1
): Scored[] {
	const neighbours = nearestRows(index, queryColumns, queryValues, k, skipRow);
	const { indptr, indices, values } = index.rows;
	for (const { index: v, score: sim } of neighbours) {
		for (let p = indptr[v] as number; p < (indptr[v + 1] as number); p++) {
			const i = indices[p] as number;
			scores[i] = (scores[i] as number) + sim * (values[p] as number);
		}
	}
	return neighbours;
}
