import { gunzipSync, inflateSync } from 'node:zlib';
import { parseTime } from './clock';
import { MAX_EVENT_BYTES, MAX_REQUEST_BYTES } from './limits';
import {
	isRejection,
	parseEvent,
	type EventType,
	type ParseContext,
	type Rejection,
	type RejectionCode,
	type TrackedEvent
} from './payload';
import { isPlainObject, type PlainObject } from './sanitize';

export type RequestErrorCode =
	| 'request_too_large'
	| 'event_too_large'
	| 'unsupported_encoding'
	| 'invalid_encoding'
	| 'invalid_json'
	| 'invalid_body'
	| 'invalid_batch';

/** A permanent problem with the whole request: answered 400 (415 for an unknown encoding). */
export class RequestError extends Error {
	constructor(
		readonly code: RequestErrorCode | RejectionCode,
		message: string,
		readonly status = 400
	) {
		super(message);
	}
}

const TOO_LARGE = `The request body is larger than the limit of 500 KB (${MAX_REQUEST_BYTES} bytes); send smaller batches.`;

/**
 * Reads the raw body, stopping as soon as it passes the limit so an oversize upload costs no
 * more than the limit. adapter-node's own BODY_SIZE_LIMIT may cut in first; that is reported the
 * same way.
 */
export async function readBody(request: Request): Promise<Buffer> {
	const length = Number(request.headers.get('content-length'));
	if (Number.isFinite(length) && length > MAX_REQUEST_BYTES)
		throw new RequestError('request_too_large', TOO_LARGE);
	if (!request.body) return Buffer.alloc(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > MAX_REQUEST_BYTES) {
				void reader.cancel().catch(() => undefined);
				throw new RequestError('request_too_large', TOO_LARGE);
			}
			chunks.push(value);
		}
	} catch (error) {
		if (error instanceof RequestError) throw error;
		const status = (error as { status?: number }).status;
		if (status === 413) throw new RequestError('request_too_large', TOO_LARGE);
		throw new RequestError('invalid_body', 'The request body could not be read completely.');
	}
	return Buffer.concat(chunks, size);
}

/** gzip and deflate bodies, with the request limit applied to what they expand to. */
export function decodeBody(body: Buffer, encoding: string | null): Buffer {
	const name = (encoding ?? '').trim().toLowerCase();
	if (!name || name === 'identity') return body;
	const options = { maxOutputLength: MAX_REQUEST_BYTES };
	try {
		if (name === 'gzip' || name === 'x-gzip') return gunzipSync(body, options);
		if (name === 'deflate') return inflateSync(body, options);
	} catch (error) {
		if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
			throw new RequestError(
				'request_too_large',
				`The decompressed request body is larger than the limit of 500 KB (${MAX_REQUEST_BYTES} bytes).`
			);
		throw new RequestError('invalid_encoding', `The body is not valid ${name} data.`);
	}
	throw new RequestError(
		'unsupported_encoding',
		`Content-Encoding "${name.slice(0, 40)}" is not supported: send gzip, deflate or no encoding.`,
		415
	);
}

/** JSON whatever the Content-Type says: analytics.js sends text/plain to dodge preflights. */
export function parseJsonBody(body: Buffer): PlainObject {
	if (body.length === 0)
		throw new RequestError('invalid_json', 'The request body is empty: send a JSON object.');
	let value: unknown;
	try {
		value = JSON.parse(body.toString('utf8'));
	} catch {
		throw new RequestError('invalid_json', 'The request body is not valid JSON.');
	}
	if (!isPlainObject(value))
		throw new RequestError('invalid_body', 'The request body must be a JSON object.');
	return value;
}

export interface ParsedRequest {
	events: TrackedEvent[];
	rejected: Rejection[];
}

/**
 * The events of one request. A batch keeps its valid events and lists the rest by index; a
 * single-event call with a bad event is refused whole, as the clients expect.
 */
export function parseTrackingBody(
	body: PlainObject,
	pathType: EventType | 'batch',
	ctx: Omit<ParseContext, 'sentAt'> & { sentAtHeader: string | null },
	bodyBytes: number
): ParsedRequest {
	const sentAt = parseTime(body.sentAt) ?? parseTime(ctx.sentAtHeader);
	const parseCtx: ParseContext = { ...ctx, sentAt };
	if (pathType !== 'batch') {
		if (bodyBytes > MAX_EVENT_BYTES)
			throw new RequestError(
				'event_too_large',
				`The event is larger than the limit of 32 KB (${MAX_EVENT_BYTES} bytes).`
			);
		const result = parseEvent(body, 0, pathType, parseCtx);
		if (isRejection(result)) throw new RequestError(result.code, result.message);
		return { events: [result], rejected: [] };
	}
	const batch = body.batch;
	if (!Array.isArray(batch))
		throw new RequestError('invalid_batch', '"batch" must be an array of events.');
	const events: TrackedEvent[] = [];
	const rejected: Rejection[] = [];
	for (let i = 0; i < batch.length; i++) {
		const result = parseEvent(batch[i], i, null, parseCtx);
		if (isRejection(result)) rejected.push(result);
		else events.push(result);
	}
	return { events, rejected };
}
