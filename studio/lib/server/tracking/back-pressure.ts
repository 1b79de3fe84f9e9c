import { MAX_IN_FLIGHT } from './limits';

/**
 * Counts ingest requests in flight in this process. Past the limit new ones are turned away with
 * 429 at once, before their bodies are read, so a flood queues in the clients (which retry) rather
 * than in this process's memory, and the requests already admitted stay fast.
 */
export class InFlightGate {
	private current = 0;
	private lastEnteredAt = 0;
	constructor(readonly limit = MAX_IN_FLIGHT) {}

	tryEnter(): boolean {
		if (this.current >= this.limit) return false;
		this.current++;
		this.lastEnteredAt = Date.now();
		return true;
	}

	/** Whether shops are sending now: a request in flight or one admitted in the last `ms`. */
	busy(now = Date.now(), ms = 250): boolean {
		return this.current > 0 || now - this.lastEnteredAt < ms;
	}

	leave(): void {
		if (this.current > 0) this.current--;
	}

	get inFlight(): number {
		return this.current;
	}
}

// INGEST_MAX_IN_FLIGHT lowers the limit, for small machines and for the back-pressure test.
export const ingestGate = new InFlightGate(
	Number(process.env.INGEST_MAX_IN_FLIGHT) > 0
		? Number(process.env.INGEST_MAX_IN_FLIGHT)
		: undefined
);
