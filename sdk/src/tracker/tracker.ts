import { eventContext, pageContext } from './context.js';
import { watchHistory } from './history.js';
import { prune, readQueue, storeEvents, unstoreEvents } from './queue.js';
import { AID_KEY, createStorage, EXPOSED_KEY, QUEUE_KEY, UID_KEY } from './storage.js';
import type { Storage } from './storage.js';
import { batchBody, byteLength, MAX_EVENT_BYTES, retryDelay, splitBatches } from './transport.js';
import type { ConsentState, InitOptions, Properties, TrackingEvent } from './types.js';

/** What a page can ask of the tracker; every method returns nothing and never throws. */
export interface Tracker {
	init(options: InitOptions): void;
	identify(userId: string, traits?: Properties): void;
	track(event: string, properties?: Properties): void;
	page(properties?: Properties): void;
	alias(userId: string, previousId?: string): void;
	/** Sign-out: forgets the user id and starts a new anonymous visitor. */
	reset(): void;
	consent(state: ConsentState): void;
	/** Sends what waits now; mainly for tests and for pages about to navigate away. */
	flush(): void;
	/** Runs `callback` once `init` has run: at once if it has, else right after it. */
	ready(callback: () => void): void;
	/** For the modules built on the tracker (offers, variants): who the visitor is, and the setup. */
	state(): TrackerState;
}

export interface TrackerState {
	anonymousId?: string;
	userId?: string;
	consent: ConsentState;
	options?: InitOptions;
}

/** The part of the 64 KiB keepalive budget routine flushes may use. */
const KEEPALIVE_SHARE = 16_000;

type Fields = Partial<TrackingEvent> & Pick<TrackingEvent, 'type'>;

function uuid(): string {
	const bytes = new Uint8Array(16);
	try {
		crypto.getRandomValues(bytes);
	} catch {
		// crypto is missing only in very old or odd embedders; uniqueness then rests on Math.random
		for (let i = 0; i < 16; i++) bytes[i] = (Math.random() * 256) | 0;
	}
	bytes[6] = (bytes[6]! & 15) | 64;
	bytes[8] = (bytes[8]! & 63) | 128;
	let hex = '';
	for (let i = 0; i < 16; i++) {
		hex += (bytes[i]! + 256).toString(16).slice(1) + (i % 2 && i > 2 && i < 10 ? '-' : '');
	}
	return hex;
}

/**
 * A tracker bound to `target` (a window), resolved at `init` rather than here so that creating one
 * under Node (SSR) touches nothing. Delivery is at least once; the studio deduplicates on
 * messageId, so every retry and every replay reuses the id the event was born with.
 */
export function createTracker(target?: Window): Tracker {
	let win: Window | undefined;
	let options: InitOptions | undefined;
	let storage: Storage;
	let consent: ConsentState = 'pending';
	let anonymousId: string | undefined;
	let userId: string | undefined;
	let referrer = '';
	let lastUrl = '';
	let endpoint = '';
	let flushAt = 20;
	let interval = 1000;
	/** Every event not yet acknowledged, oldest first, including those in flight. */
	let queue: TrackingEvent[] = [];
	const inFlight = new Set<string>();
	let attempt = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	/** Calls made before init, replayed by it, so an npm user need not order them carefully. */
	const early: [keyof Tracker, unknown[]][] = [];

	const log = (...args: unknown[]): void => {
		if (options?.debug) console.log('[regulars]', ...args);
	};
	const granted = (): boolean => consent === 'granted';
	const hasFetch = (): boolean => typeof win!.fetch === 'function';

	const persistIds = (): void => {
		if (!granted()) return;
		storage.setCookie(anonymousId!);
		storage.set(AID_KEY, anonymousId!);
		storage.set(UID_KEY, userId ?? null);
	};

	const clearTimer = (): void => {
		clearTimeout(timer);
		timer = undefined;
	};
	const schedule = (ms: number): void => {
		timer ??= setTimeout(() => {
			timer = undefined;
			flush();
		}, ms);
	};

	const acknowledge = (batch: TrackingEvent[]): void => {
		const ids = new Set(batch.map((e) => e.messageId));
		queue = queue.filter((e) => !ids.has(e.messageId));
		if (granted()) unstoreEvents(storage, ids);
	};

	const send = (batch: TrackingEvent[], body: string, keepalive: boolean): void => {
		for (const e of batch) inFlight.add(e.messageId);
		const done = (): void => {
			for (const e of batch) inFlight.delete(e.messageId);
		};
		const retry = (retryAfter: string | null): void => {
			attempt++;
			clearTimer();
			schedule(retryDelay(attempt, retryAfter, Date.now()));
		};
		// Through a promise so that a fetch throwing synchronously (a bad host) is retried like a
		// network error instead of leaving the batch marked in flight forever.
		Promise.resolve()
			.then(() =>
				win!.fetch(endpoint, {
					method: 'POST',
					body,
					// text/plain is a CORS-safelisted type, so the browser sends no preflight
					headers: { 'Content-Type': 'text/plain' },
					credentials: 'omit',
					keepalive
				})
			)
			.then(
				(res) => {
					done();
					const status = res.status;
					if (status === 429 || status >= 500) {
						log('retrying after', status);
						return retry(res.headers.get('Retry-After'));
					}
					if (status >= 400) log('dropped a batch the server refused:', status);
					attempt = 0;
					acknowledge(batch);
					if (queue.length) schedule(queue.length >= flushAt ? 0 : interval);
				},
				(error: unknown) => {
					done();
					log('network error, will retry', error);
					retry(null);
				}
			)
			.catch(log);
	};

	/** One request at a time, so a batch that fails holds back the rest in their original order. */
	function flush(): void {
		if (!granted() || inFlight.size || !queue.length) return;
		clearTimer();
		if (!hasFetch()) return log('no fetch; events stay queued');
		const batch = splitBatches(queue, options!.writeKey)[0]!;
		const body = batchBody(batch, options!.writeKey);
		// Keepalive lets a request outlive the page, but browsers share 64 KiB of it per page;
		// a big routine batch would leave too little for the flush on exit, so it goes without.
		send(batch, body, byteLength(body) <= KEEPALIVE_SHARE);
	}

	/**
	 * The page may be gone in a moment: hand what waits to the browser. When the network is known
	 * to be down the events stay in storage for the next page instead, because a beacon accepted
	 * offline is lost without a word.
	 */
	const flushOnExit = (): void => {
		if (!granted() || attempt || win!.navigator.onLine === false) return;
		const waiting = queue.filter((e) => !inFlight.has(e.messageId));
		for (const batch of splitBatches(waiting, options!.writeKey)) {
			const body = batchBody(batch, options!.writeKey);
			let sent = false;
			try {
				sent = win!.navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain' }));
			} catch {
				// no sendBeacon, or it refused: a keepalive fetch may still get through
			}
			if (sent) acknowledge(batch);
			else if (hasFetch()) send(batch, body, true);
		}
	};

	const enqueue = (fields: Fields): void => {
		if (!win || consent === 'denied') return;
		const event: TrackingEvent = {
			messageId: uuid(),
			anonymousId: anonymousId!,
			...(userId === undefined ? {} : { userId }),
			timestamp: new Date().toISOString(),
			context: eventContext(win, referrer),
			...fields
		};
		if (byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES) return log('event too large', event);
		queue = prune(queue.concat(event), Date.now());
		if (!granted()) return;
		storeEvents(storage, [event], Date.now());
		if (queue.length >= flushAt && !attempt) flush();
		else schedule(interval);
	};

	const page = (properties?: Properties): void => {
		if (win)
			enqueue({ type: 'page', properties: { ...pageContext(win, referrer), ...properties } });
	};

	const onNavigate = (): void => {
		const url = win!.location.href;
		if (url === lastUrl) return;
		referrer = lastUrl;
		lastUrl = url;
		page();
	};

	const setConsent = (state: ConsentState): void => {
		if (state !== 'granted' && state !== 'denied' && state !== 'pending') return;
		const opts = options!;
		const dnt = win!.navigator as Navigator & { globalPrivacyControl?: boolean };
		if (opts.respectDoNotTrack && (dnt.doNotTrack === '1' || dnt.globalPrivacyControl === true)) {
			state = 'denied';
		}
		consent = state;
		if (state === 'denied') {
			queue = [];
			clearTimer();
			storage.setCookie(null);
			for (const key of [AID_KEY, UID_KEY, QUEUE_KEY, EXPOSED_KEY]) storage.set(key, null);
		} else if (state === 'granted') {
			persistIds();
			storeEvents(storage, queue, Date.now());
			flush();
		}
	};

	const init = (opts: InitOptions): void => {
		if (options) return log('init called twice; the first one counts');
		win = target ?? (typeof window === 'undefined' ? undefined : window);
		if (!win || !opts || !opts.writeKey || !opts.host) return;
		options = opts;
		storage = createStorage(win);
		endpoint = `${opts.host.replace(/\/+$/, '')}/v1/batch`;
		flushAt = opts.flushAt! > 0 ? opts.flushAt! : 20;
		interval = opts.flushIntervalMs! >= 0 ? opts.flushIntervalMs! : 1000;
		anonymousId = storage.cookie() || storage.get(AID_KEY) || uuid();
		userId = storage.get(UID_KEY) ?? undefined;
		referrer = win.document.referrer;
		lastUrl = win.location.href;
		// Events left by an earlier page (offline, closed mid-send) go out first, oldest first.
		queue = prune(readQueue(storage), Date.now());
		setConsent(opts.consent ?? 'granted');
		const exit = (): void => guarded(flushOnExit);
		win.addEventListener('pagehide', exit);
		win.document.addEventListener('visibilitychange', () => {
			if (win!.document.visibilityState === 'hidden') exit();
		});
		win.addEventListener('online', () => {
			if (!attempt) return;
			attempt = 0;
			guarded(flush);
		});
		watchHistory(win, () => guarded(onNavigate));
		for (const [name, args] of early.splice(0)) (api[name] as (...a: unknown[]) => void)(...args);
	};

	function guarded(fn: () => void): void {
		try {
			fn();
		} catch (error) {
			log(error);
		}
	}

	/** Wraps an entry point: before init the call waits, after it any failure is only logged. */
	const entry =
		<A extends unknown[]>(name: keyof Tracker, fn: (...args: A) => void) =>
		(...args: A): void => {
			if (!options) {
				if (early.length < 100) early.push([name, args]);
				return;
			}
			guarded(() => fn(...args));
		};

	const api: Tracker = {
		init: (opts) => guarded(() => init(opts)),
		identify: entry('identify', (id: string, traits?: Properties) => {
			if (consent === 'denied') return;
			// Segment allows an identify with traits only, for a visitor not yet known by id.
			if (id != null && id !== '') userId = String(id);
			persistIds();
			enqueue({ type: 'identify', traits: { ...traits } });
		}),
		track: entry('track', (event: string, properties?: Properties) => {
			if (event) enqueue({ type: 'track', event: String(event), properties: { ...properties } });
		}),
		page: entry('page', page),
		alias: entry('alias', (id: string, previousId?: string) =>
			enqueue({
				type: 'alias',
				userId: String(id),
				previousId: previousId ?? userId ?? anonymousId!
			})
		),
		reset: entry('reset', () => {
			userId = undefined;
			anonymousId = uuid();
			persistIds();
		}),
		consent: entry('consent', setConsent),
		flush: entry('flush', flush),
		ready: entry('ready', (callback: () => void) => callback()),
		state: () => ({
			...(anonymousId === undefined ? {} : { anonymousId }),
			...(userId === undefined ? {} : { userId }),
			consent,
			...(options ? { options } : {})
		})
	};
	return api;
}
