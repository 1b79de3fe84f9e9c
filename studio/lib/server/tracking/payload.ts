import { createHash } from 'node:crypto';
import { eventTime, parseTime } from './clock';
import { MAX_EVENT_BYTES, MAX_EVENT_NAME_LENGTH, MAX_ID_LENGTH } from './limits';
import {
	cleanText,
	isPlainObject,
	sanitizeObject,
	TooDeepError,
	type PlainObject
} from './sanitize';

export type EventType = 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias';
export type Consent = 'granted' | 'denied';

const EVENT_TYPES = new Set<string>(['track', 'identify', 'page', 'screen', 'group', 'alias']);

export function isEventType(value: unknown): value is EventType {
	return typeof value === 'string' && EVENT_TYPES.has(value);
}

/** One accepted event, cleaned and ready to store. */
export interface TrackedEvent {
	/** Position in the request (0 for single-event endpoints), for reporting. */
	index: number;
	type: EventType;
	messageId: string;
	userId: string | null;
	anonymousId: string | null;
	/** alias only: the id being linked to userId. */
	previousId: string | null;
	name: string | null;
	/** What goes into event.properties: properties, or traits for identify/group. */
	properties: PlainObject;
	/** identify only: the traits to merge into the profile. */
	traits: PlainObject | null;
	consent: Consent | null;
	timestamp: number;
	/** properties as JSON, already measured against the per-event limit. */
	json: string;
}

export type RejectionCode =
	| 'invalid_event'
	| 'invalid_type'
	| 'missing_identity'
	| 'invalid_user_id'
	| 'invalid_anonymous_id'
	| 'invalid_previous_id'
	| 'invalid_message_id'
	| 'invalid_event_name'
	| 'invalid_properties'
	| 'invalid_traits'
	| 'invalid_context'
	| 'too_deep'
	| 'event_too_large';

export interface Rejection {
	index: number;
	code: RejectionCode;
	message: string;
}

export interface ParseContext {
	receivedAt: number;
	/**
	 * The request's sentAt (a batch's top-level one, or the SentAt header); null when absent, and
	 * then an event's own sentAt counts.
	 */
	sentAt: number | null;
	/** RudderStack's AnonymousId header, used when an event has none. */
	anonymousIdHeader: string | null;
}

function reject(index: number, code: RejectionCode, message: string): Rejection {
	return { index, code, message };
}

/** A string id, null when absent, or false when present but unusable. */
type IdResult = string | null | false;

/** Segment ids may be strings or numbers; both are stored as strings. Empty means absent. */
function readId(value: unknown): IdResult {
	if (value === undefined || value === null) return null;
	let text: string;
	if (typeof value === 'string') text = cleanText(value).trim();
	else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
	else return false;
	if (!text) return null;
	return text.length > MAX_ID_LENGTH ? false : text;
}

function readConsent(value: unknown): Consent | null {
	if (value === true) return 'granted';
	if (value === false) return 'denied';
	if (typeof value !== 'string') return null;
	const lower = value.trim().toLowerCase();
	if (lower === 'granted' || lower === 'denied') return lower;
	return null;
}

/** A retried body without messageIds must dedupe too, so the fallback id hashes the event. */
function derivedMessageId(raw: PlainObject, type: EventType): string {
	const hash = createHash('sha256');
	hash.update(type);
	for (const key of Object.keys(raw).sort()) {
		if (key === 'sentAt' || key === 'writeKey' || key === 'receivedAt') continue;
		hash.update(`\u0001${key}\u0002${JSON.stringify(raw[key]) ?? ''}`);
	}
	return `derived-${hash.digest('hex').slice(0, 40)}`;
}

/**
 * Validates and cleans one event. `type` comes from the path for single-event endpoints and from
 * the event itself inside a batch.
 */
export function parseEvent(
	raw: unknown,
	index: number,
	pathType: EventType | null,
	ctx: ParseContext
): TrackedEvent | Rejection {
	if (!isPlainObject(raw)) return reject(index, 'invalid_event', 'An event must be a JSON object.');
	const type = pathType ?? raw.type;
	if (!isEventType(type))
		return reject(
			index,
			'invalid_type',
			'The event type must be one of track, identify, page, screen, group or alias.'
		);

	const userId = readId(raw.userId);
	if (userId === false)
		return reject(
			index,
			'invalid_user_id',
			`userId must be a string or a number of at most ${MAX_ID_LENGTH} characters.`
		);
	let anonymousId = readId(raw.anonymousId);
	if (anonymousId === false)
		return reject(
			index,
			'invalid_anonymous_id',
			`anonymousId must be a string or a number of at most ${MAX_ID_LENGTH} characters.`
		);
	anonymousId ??= ctx.anonymousIdHeader;
	if (userId === null && anonymousId === null)
		return reject(index, 'missing_identity', 'Each event needs a userId or an anonymousId.');

	let previousId: string | null = null;
	if (type === 'alias') {
		const previous = readId(raw.previousId);
		if (previous === false || previous === null)
			return reject(
				index,
				'invalid_previous_id',
				'An alias needs a previousId: a string or a number.'
			);
		if (userId === null)
			return reject(index, 'invalid_user_id', 'An alias needs the userId to link previousId to.');
		previousId = previous;
	}

	const givenId = readId(raw.messageId);
	if (givenId === false)
		return reject(
			index,
			'invalid_message_id',
			`messageId must be a string or a number of at most ${MAX_ID_LENGTH} characters.`
		);
	const messageId = givenId ?? derivedMessageId(raw, type);

	let name: string | null = null;
	const rawName = type === 'track' ? raw.event : raw.name;
	if (type === 'track') {
		if (typeof rawName !== 'string' || !rawName.trim() || rawName.length > MAX_EVENT_NAME_LENGTH)
			return reject(
				index,
				'invalid_event_name',
				`A track call needs "event": a non-empty string of at most ${MAX_EVENT_NAME_LENGTH} characters.`
			);
		name = cleanText(rawName.trim());
	} else if (typeof rawName === 'string' && rawName.trim()) {
		name = cleanText(rawName.trim()).slice(0, MAX_EVENT_NAME_LENGTH);
	}

	let properties: PlainObject | null | 'invalid';
	let traits: PlainObject | null | 'invalid' = null;
	let context: PlainObject | null | 'invalid';
	try {
		properties = sanitizeObject(raw.properties);
		if (type === 'identify' || type === 'group') traits = sanitizeObject(raw.traits);
		context = sanitizeObject(raw.context);
	} catch (error) {
		if (error instanceof TooDeepError)
			return reject(
				index,
				'too_deep',
				'The event nests objects or arrays more than 32 levels deep.'
			);
		throw error;
	}
	if (properties === 'invalid')
		return reject(index, 'invalid_properties', '"properties" must be a JSON object.');
	if (traits === 'invalid')
		return reject(index, 'invalid_traits', '"traits" must be a JSON object.');
	if (context === 'invalid')
		return reject(index, 'invalid_context', '"context" must be a JSON object.');

	// What the event table keeps: the call's own data, plus its context under a key no Segment
	// property uses, so campaign, page and device stay queryable.
	let stored: PlainObject;
	if (type === 'identify') stored = { ...traits };
	else if (type === 'group') {
		const groupId = readId(raw.groupId);
		stored = { ...traits, ...(typeof groupId === 'string' ? { groupId } : {}) };
	} else if (type === 'alias') stored = { previousId };
	else stored = { ...properties };
	if (context && Object.keys(context).length) stored.$context = context;
	const json = JSON.stringify(stored);
	if (json.length > MAX_EVENT_BYTES / 3 && Buffer.byteLength(json) > MAX_EVENT_BYTES)
		return reject(
			index,
			'event_too_large',
			`The event is larger than the limit of 32 KB (${MAX_EVENT_BYTES} bytes).`
		);

	const consent = readConsent(traits?.consent) ?? readConsent(context?.consent);
	const timestamp = eventTime(
		ctx.receivedAt,
		ctx.sentAt ?? parseTime(raw.sentAt),
		parseTime(raw.timestamp) ?? parseTime(raw.originalTimestamp)
	);

	return {
		index,
		type,
		messageId,
		userId,
		anonymousId,
		previousId,
		name,
		properties: type === 'identify' || type === 'group' ? (traits ?? {}) : (properties ?? {}),
		traits: type === 'identify' ? (traits ?? {}) : null,
		consent,
		timestamp,
		json
	};
}

export function isRejection(value: TrackedEvent | Rejection): value is Rejection {
	return 'code' in value;
}
