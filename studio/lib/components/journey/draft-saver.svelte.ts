/**
 * Autosave of the canvas's draft: edits are sent a moment after the marketer pauses, one request
 * at a time, always the newest definition. A failed save keeps the edit and tries again, so
 * nothing typed is lost to a flaky connection; `flush` lets publishing wait for the last save.
 */
import type { JourneyDefinition } from '$lib/journey/definition';
import type { JourneyProblem } from '$lib/journey/problems';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

const RETRY_MS = 5_000;

export class DraftSaver {
	status = $state<SaveStatus>('saved');
	savedAt = $state<number | null>(null);
	#queued: JourneyDefinition | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#running: Promise<void> | null = null;

	constructor(
		/** Read at each save: the page may move to another journey. */
		private readonly url: () => string,
		private readonly onsaved: (definition: JourneyDefinition, problems: JourneyProblem[]) => void,
		private readonly delayMs = 600
	) {}

	schedule(definition: JourneyDefinition): void {
		this.#queued = definition;
		if (this.status !== 'saving') this.status = 'pending';
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.flush(), this.delayMs);
	}

	/** Resolves when everything edited so far is stored; false when the server refused it. */
	async flush(): Promise<boolean> {
		clearTimeout(this.#timer);
		while (this.#running || this.#queued) {
			if (this.#running) {
				await this.#running;
				// A failed save has queued its retry; do not spin on it here.
				if (this.status === 'error') return false;
				continue;
			}
			const definition = this.#queued!;
			this.#queued = null;
			this.#running = this.#send(definition).finally(() => (this.#running = null));
		}
		return this.status === 'saved';
	}

	async #send(definition: JourneyDefinition): Promise<void> {
		this.status = 'saving';
		try {
			const response = await fetch(this.url(), {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ definition })
			});
			if (!response.ok) throw new Error(`HTTP ${response.status}`);
			const body = (await response.json()) as { problems?: JourneyProblem[] };
			this.onsaved(definition, body.problems ?? []);
			this.savedAt = Date.now();
			if (!this.#queued) this.status = 'saved';
		} catch {
			// Keep the newest edit: a later one queued meanwhile wins, else retry this one.
			this.#queued ??= definition;
			this.status = 'error';
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => void this.flush(), RETRY_MS);
		}
	}

	dispose(): void {
		clearTimeout(this.#timer);
	}
}
