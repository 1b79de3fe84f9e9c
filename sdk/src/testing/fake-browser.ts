/**
 * A small stand-in for the parts of a browser window the tracker uses, so its tests run under
 * Node without jsdom. Everything it does is recorded: requests, beacons, storage and cookie writes.
 */

export interface FakeRequest {
	url: string;
	init: RequestInit;
	body: { batch: Record<string, unknown>[]; writeKey: string; sentAt: string };
}

export interface FakeResponse {
	status: number;
	headers?: Record<string, string>;
}

/** Answers each request: a response, or an Error for a network failure. */
export type Responder = (request: FakeRequest) => FakeResponse | Error;

export interface FakeBrowserOptions {
	url?: string;
	title?: string;
	referrer?: string;
	language?: string;
	doNotTrack?: string;
	globalPrivacyControl?: boolean;
	onLine?: boolean;
	/** Leave out fetch, sendBeacon or localStorage to imitate an old or locked-down browser. */
	fetch?: boolean;
	sendBeacon?: boolean;
	localStorage?: 'ok' | 'missing' | 'throws' | 'quota';
	/** Whether sendBeacon accepts the payload. */
	beaconAccepts?: boolean;
	respond?: Responder;
	/** Answers the SDK's GET requests (config, offers): a JSON body with a status, or an Error. */
	get?: (url: URL) => { status: number; json: unknown } | Error;
	/** Storage content before the page loads, e.g. a queue a previous page left. */
	storage?: Map<string, string>;
	cookie?: string;
}

type Listener = (event: { type: string }) => void;

class Events {
	listeners = new Map<string, Listener[]>();
	addEventListener(type: string, listener: Listener): void {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
	}
	removeEventListener(): void {}
	dispatch(type: string): void {
		for (const listener of this.listeners.get(type) ?? []) listener({ type });
	}
}

export function createFakeBrowser(options: FakeBrowserOptions = {}) {
	const requests: FakeRequest[] = [];
	const beacons: FakeRequest[] = [];
	const storageWrites: string[] = [];
	const cookieWrites: string[] = [];
	const store = options.storage ?? new Map<string, string>();
	let cookieJar = options.cookie ?? '';
	let respond: Responder = options.respond ?? (() => ({ status: 200 }));
	const url = new URL(options.url ?? 'https://shop.example/');

	const location = {
		get href() {
			return url.href;
		},
		get pathname() {
			return url.pathname;
		},
		get search() {
			return url.search;
		},
		get protocol() {
			return url.protocol;
		}
	};

	const document = Object.assign(new Events(), {
		title: options.title ?? 'Home',
		referrer: options.referrer ?? '',
		visibilityState: 'visible'
	});
	// An accessor, as in a browser: reading gives `name=value` pairs, writing sets one cookie.
	Object.defineProperty(document, 'cookie', {
		get: () => cookieJar,
		set(value: string) {
			cookieWrites.push(value);
			const [pair] = value.split(';');
			const [name] = pair!.split('=');
			const others = cookieJar.split('; ').filter((c) => c && !c.startsWith(`${name}=`));
			if (!/Max-Age=0(;|$)/.test(value)) others.push(pair!);
			cookieJar = others.join('; ');
		}
	});

	const localStorage = {
		getItem: (key: string) => store.get(key) ?? null,
		setItem: (key: string, value: string) => {
			storageWrites.push(`set ${key}`);
			store.set(key, String(value));
		},
		removeItem: (key: string) => {
			storageWrites.push(`remove ${key}`);
			store.delete(key);
		}
	};
	const throwing = {
		getItem: () => {
			throw new Error('SecurityError');
		},
		setItem: () => {
			throw new Error('QuotaExceededError');
		},
		removeItem: () => {
			throw new Error('SecurityError');
		}
	};

	const parse = (requestUrl: string, init: RequestInit): FakeRequest => ({
		url: requestUrl,
		init,
		body: JSON.parse(init.body as string) as FakeRequest['body']
	});

	const gets: URL[] = [];
	const fetch = (requestUrl: string, init: RequestInit) => {
		if (init.body === undefined) {
			const target = new URL(requestUrl);
			gets.push(target);
			const answer = options.get?.(target) ?? new Error('no GET responder');
			if (answer instanceof Error) return Promise.reject(new TypeError('Failed to fetch'));
			return Promise.resolve({
				ok: answer.status >= 200 && answer.status < 300,
				status: answer.status,
				json: () => Promise.resolve(answer.json)
			});
		}
		const request = parse(requestUrl, init);
		requests.push(request);
		const answer = respond(request);
		if (answer instanceof Error) return Promise.reject(new TypeError('Failed to fetch'));
		const headers = new Map(
			Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])
		);
		return Promise.resolve({
			status: answer.status,
			headers: { get: (k: string) => headers.get(k.toLowerCase()) ?? null }
		});
	};

	const navigator: Record<string, unknown> = {
		language: options.language ?? 'en-GB',
		doNotTrack: options.doNotTrack ?? null,
		onLine: options.onLine ?? true
	};
	if (options.globalPrivacyControl !== undefined) {
		navigator.globalPrivacyControl = options.globalPrivacyControl;
	}
	const beaconBodies: Promise<void>[] = [];
	if (options.sendBeacon !== false) {
		navigator.sendBeacon = (beaconUrl: string, data: Blob) => {
			if (options.beaconAccepts === false) return false;
			// Blob text is asynchronous; tests await `settle()` before reading beacons.
			beaconBodies.push(
				data.text().then((text) => {
					beacons.push({
						url: beaconUrl,
						init: { body: text },
						body: JSON.parse(text) as FakeRequest['body']
					});
				})
			);
			beaconSizes.push(data.size);
			beaconTypes.push(data.type);
			return true;
		};
	}
	const beaconSizes: number[] = [];
	const beaconTypes: string[] = [];

	const history = {
		pushState(_state: unknown, _unused: string, next?: string) {
			if (next) url.href = new URL(next, url).href;
		},
		replaceState(_state: unknown, _unused: string, next?: string) {
			if (next) url.href = new URL(next, url).href;
		}
	};

	const win = Object.assign(new Events(), { location, document, navigator, history });
	if (options.fetch !== false) Object.assign(win, { fetch });
	if (options.localStorage === 'throws') {
		Object.defineProperty(win, 'localStorage', {
			get() {
				throw new Error('SecurityError');
			}
		});
	} else if (options.localStorage === 'quota') {
		Object.assign(win, { localStorage: throwing });
	} else if (options.localStorage !== 'missing') {
		Object.assign(win, { localStorage });
	}

	return {
		window: win as unknown as Window,
		requests,
		/** The GET requests (config, offers), in order. */
		gets,
		beacons,
		beaconSizes,
		beaconTypes,
		storageWrites,
		cookieWrites,
		store,
		get cookie() {
			return cookieJar;
		},
		/** The events waiting in the stored queue. */
		stored(): Record<string, unknown>[] {
			return JSON.parse(store.get('regulars_queue') ?? '[]') as Record<string, unknown>[];
		},
		/** Every event sent, by fetch or beacon, in order of sending. */
		events() {
			return ([] as Record<string, unknown>[]).concat(
				...[...requests, ...beacons].map((r) => r.body.batch)
			);
		},
		respondWith(next: Responder) {
			respond = next;
		},
		/** Moves to `next` as a browser would: the URL and title change, then the router's event. */
		navigate(next: string, title: string) {
			win.history.pushState({}, '', next);
			document.title = title;
		},
		back(previous: string, title: string) {
			url.href = new URL(previous, url).href;
			document.title = title;
			win.dispatch('popstate');
		},
		hide() {
			document.visibilityState = 'hidden';
			document.dispatch('visibilitychange');
		},
		pagehide() {
			win.dispatch('pagehide');
		},
		online() {
			navigator.onLine = true;
			win.dispatch('online');
		},
		async settle() {
			await Promise.all(beaconBodies);
		}
	};
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;
