/**
 * Undo/redo over immutable values. Edits that arrive in a burst on the same thing (typing into a
 * subject line, nudging one node) share one entry, so one undo takes back the burst, not a letter.
 */
export const HISTORY_LIMIT = 200;
/** Two edits with the same merge key closer than this become one undo step. */
export const MERGE_WINDOW_MS = 1_000;

export class History<T> {
	#past: T[] = [];
	#future: T[] = [];
	#present: T;
	#lastKey: string | null = null;
	#lastAt = 0;

	constructor(initial: T) {
		this.#present = initial;
	}

	get present(): T {
		return this.#present;
	}

	get canUndo(): boolean {
		return this.#past.length > 0;
	}

	get canRedo(): boolean {
		return this.#future.length > 0;
	}

	/** Records `next` as the new present; `mergeKey` joins it to the previous edit of that key. */
	push(next: T, mergeKey: string | null = null, now = Date.now()): void {
		if (next === this.#present) return;
		const merge =
			mergeKey !== null && mergeKey === this.#lastKey && now - this.#lastAt < MERGE_WINDOW_MS;
		if (!merge) {
			this.#past.push(this.#present);
			if (this.#past.length > HISTORY_LIMIT) this.#past.shift();
		}
		this.#present = next;
		this.#future = [];
		this.#lastKey = mergeKey;
		this.#lastAt = now;
	}

	undo(): T | null {
		const previous = this.#past.pop();
		if (previous === undefined) return null;
		this.#future.push(this.#present);
		this.#present = previous;
		this.#lastKey = null;
		return previous;
	}

	redo(): T | null {
		const next = this.#future.pop();
		if (next === undefined) return null;
		this.#past.push(this.#present);
		this.#present = next;
		this.#lastKey = null;
		return next;
	}
}
