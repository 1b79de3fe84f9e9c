/** A position in a score vector and its score. */
export interface Scored {
	index: number;
	score: number;
}

/**
 * The k highest scores, best first; equal scores are ordered by lower index so that results are
 * stable across runs and platforms. NaN and -Infinity are skipped (models use -Infinity to mean
 * "never recommend"), as are indices for which `exclude` returns true.
 *
 * A fixed-size min-heap holds the best k seen so far with the weakest at the root, so each of the
 * n scores costs at most O(log k): O(n log k) in all, instead of sorting a whole catalogue to
 * show ten products. `exclude` is consulted only for scores that would enter the heap, which
 * keeps an expensive filter (already bought, out of stock) off most of the catalogue; it must
 * therefore be a pure predicate.
 */
export function topK(
	scores: ArrayLike<number>,
	k: number,
	exclude?: (index: number) => boolean
): Scored[] {
	const capacity = Math.min(Math.floor(k), scores.length);
	if (!(capacity > 0)) return [];

	// Parallel typed arrays rather than objects: no allocation per candidate.
	const heapScores = new Float64Array(capacity);
	const heapIndices = new Uint32Array(capacity);
	let size = 0;

	// Whether heap slot a ranks below slot b: a lower score, or an equal score at a higher index.
	const weaker = (a: number, b: number): boolean => {
		const sa = heapScores[a] as number;
		const sb = heapScores[b] as number;
		return sa < sb || (sa === sb && (heapIndices[a] as number) > (heapIndices[b] as number));
	};
	const swap = (a: number, b: number): void => {
		const s = heapScores[a] as number;
		heapScores[a] = heapScores[b] as number;
		heapScores[b] = s;
		const i = heapIndices[a] as number;
		heapIndices[a] = heapIndices[b] as number;
		heapIndices[b] = i;
	};

	for (let index = 0; index < scores.length; index++) {
		const score = scores[index] as number;
		// `score > -Infinity` is false for NaN and -Infinity alike.
		if (!(score > Number.NEGATIVE_INFINITY)) continue;
		// Indices only grow, so a candidate tying the root ranks below it and cannot enter.
		if (size === capacity && !(score > (heapScores[0] as number))) continue;
		if (exclude !== undefined && exclude(index)) continue;

		if (size < capacity) {
			// Sift up from the new leaf.
			let child = size++;
			heapScores[child] = score;
			heapIndices[child] = index;
			while (child > 0) {
				const parent = (child - 1) >> 1;
				if (!weaker(child, parent)) break;
				swap(child, parent);
				child = parent;
			}
		} else {
			// Replace the weakest and sift down.
			heapScores[0] = score;
			heapIndices[0] = index;
			let parent = 0;
			for (;;) {
				const left = 2 * parent + 1;
				if (left >= size) break;
				const right = left + 1;
				const child = right < size && weaker(right, left) ? right : left;
				if (!weaker(child, parent)) break;
				swap(child, parent);
				parent = child;
			}
		}
	}

	const result = new Array<Scored>(size);
	for (let i = 0; i < size; i++) {
		result[i] = { index: heapIndices[i] as number, score: heapScores[i] as number };
	}
	return result.sort((a, b) => b.score - a.score || a.index - b.index);
}
