/** Where the site stands on the visitor's consent; `pending` holds events in memory only. */
export type ConsentState = 'pending' | 'granted' | 'denied';

export interface InitOptions {
	/** The workspace's public write key; sent in the body, never as a header (no preflight). */
	writeKey: string;
	/** The studio's origin, e.g. `https://studio.example.com`. */
	host: string;
	debug?: boolean;
	/** Defaults to `granted`, for sites without a consent banner. */
	consent?: ConsentState;
	/** Treat Do-Not-Track or Global Privacy Control as `denied`. */
	respectDoNotTrack?: boolean;
	/** Send as soon as this many events wait (default 20). */
	flushAt?: number;
	/** Otherwise send this long after the first waiting event (default 1000 ms). */
	flushIntervalMs?: number;
	/** CSP nonce for anything the SDK injects into the page (offers, later). */
	nonce?: string;
}

export type Properties = Record<string, unknown>;

/** One message of the Segment HTTP tracking spec. */
export interface TrackingEvent {
	type: 'track' | 'identify' | 'page' | 'alias';
	messageId: string;
	anonymousId: string;
	userId?: string;
	timestamp: string;
	context: Properties;
	event?: string;
	properties?: Properties;
	traits?: Properties;
	previousId?: string;
}
