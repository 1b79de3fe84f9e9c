import { chooseVariant, hash } from './core/index.js';
import { createOffers } from './offers/render.js';
import type { Offers } from './offers/render.js';
import { replayStub } from './snippet.js';
import { createTracker } from './tracker/tracker.js';
import type { Tracker } from './tracker/tracker.js';
import { createVariants } from './variant/variant.js';
import { VERSION } from './version.js';

/**
 * What the script tag exposes as `window.regulars` (and `createRegulars` gives npm users): the
 * tracker's methods, offers for a slot, experiment variants and the hashing behind them.
 */
export interface RegularsGlobal extends Omit<Tracker, 'ready'> {
	version: string;
	hash: typeof hash;
	chooseVariant: typeof chooseVariant;
	offers: Offers;
	variant(experimentKey: string): Promise<string | null>;
	/** Runs `callback(regulars)` once `init` has run; the snippet's stub records it too. */
	ready(callback: (regulars: RegularsGlobal) => void): void;
}

/**
 * Wraps a function the host page may call with anything, so that a bad argument yields a
 * harmless fallback instead of an exception in someone else's page.
 */
function guard<A extends unknown[], R>(fn: (...args: A) => R, fallback: R): (...args: A) => R {
	return (...args) => {
		try {
			return fn(...args);
		} catch {
			return fallback;
		}
	};
}

/** `target` is the window the tracker will use; it is first read by `init`, never here. */
export function createGlobal(target?: Window): RegularsGlobal {
	const tracker = createTracker(target);
	const api: RegularsGlobal = {
		...tracker,
		version: VERSION,
		// NaN falls outside every range, so a failed hash means "not in the experiment".
		hash: guard(hash, NaN),
		chooseVariant: guard(chooseVariant, -1),
		offers: createOffers(tracker, target),
		variant: createVariants(tracker, target),
		ready: (callback) => tracker.ready(() => callback(api))
	};
	return api;
}

/**
 * Installs the global on `target` (the window) and reports whether it did. A copy already
 * installed is left alone: a tag included twice must not reset the first one's state. Calls the
 * snippet's stub recorded are replayed onto the new global, in order. Never throws, because a
 * non-writable or trapped property on the host's window is not our error to raise.
 */
export function installGlobal(target: object): boolean {
	try {
		const host = target as { regulars?: unknown };
		const existing = host.regulars;
		if (
			typeof existing === 'object' &&
			existing !== null &&
			typeof (existing as { version?: unknown }).version === 'string'
		) {
			return false;
		}
		const api = createGlobal(target as Window);
		host.regulars = api;
		if (host.regulars !== api) return false;
		replayStub(existing, api);
		return true;
	} catch {
		return false;
	}
}
