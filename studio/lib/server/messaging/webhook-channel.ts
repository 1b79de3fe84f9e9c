import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { urlToHttpOptions } from 'node:url';
import { BlockedAddressError, isPublicAddress, publicOnlyLookup } from './public-address';

export type WebhookResult =
	{ ok: true; status: number } | { ok: false; retryable: boolean; error: string; status?: number };

const MAX_ERROR_BODY = 2048;
// Codes that say "not now" rather than "never": request timeout, too early, too many requests.
const RETRYABLE_4XX = new Set([408, 425, 429]);

let allowPrivate = false;
const lookupPublicOnly = publicOnlyLookup();

/**
 * Webhooks reach only public addresses unless the operator allows private ones
 * (REGULARS_WEBHOOK_ALLOW_PRIVATE=1): a self-hosted shop may well post to its own intranet, a
 * hosted studio must not let a journey call its metadata service or database.
 */
export function configureWebhooks(next: { allowPrivate?: boolean }): void {
	allowPrivate = next.allowPrivate ?? false;
}

/**
 * The `regulars-signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * A receiver recomputes it over the raw body and rejects old timestamps to stop replays.
 */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
	const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
	return `t=${timestampSeconds},v1=${mac}`;
}

export async function sendWebhook(request: {
	url: string;
	body: string;
	secret: string;
	idempotencyKey: string;
	timeoutMs?: number;
	now: number;
}): Promise<WebhookResult> {
	const timeoutMs = request.timeoutMs ?? 10_000;
	let url: URL;
	try {
		url = new URL(request.url);
	} catch {
		return { ok: false, retryable: false, error: 'invalid_url' };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		return { ok: false, retryable: false, error: 'invalid_url' };
	const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
	// Sockets skip `lookup` for literal addresses, so those are judged here.
	if (!allowPrivate && isIP(literal) && !isPublicAddress(literal))
		return blocked(new BlockedAddressError(literal));

	// One deadline for connecting, sending and reading the answer.
	const signal = AbortSignal.timeout(timeoutMs);
	const options: RequestOptions = {
		...urlToHttpOptions(url),
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'content-length': Buffer.byteLength(request.body),
			'regulars-signature': signWebhook(
				request.secret,
				Math.floor(request.now / 1000),
				request.body
			),
			'idempotency-key': request.idempotencyKey,
			'user-agent': 'Regulars-Webhooks/1'
		},
		// A pooled socket would skip the address check, and webhooks are too few to need a pool.
		agent: false,
		signal,
		...(allowPrivate ? {} : { lookup: lookupPublicOnly })
	};

	let response: IncomingMessage;
	try {
		// Node's client never follows redirects: a redirect would resend the signed body somewhere
		// nobody configured.
		response = await post(url.protocol, options, request.body);
	} catch (error) {
		if (error instanceof BlockedAddressError) return blocked(error);
		if (signal.aborted)
			return { ok: false, retryable: true, error: `timeout after ${timeoutMs} ms` };
		return { ok: false, retryable: true, error: describeNetworkError(error) };
	}

	const status = response.statusCode ?? 0;
	if (status >= 200 && status < 300) {
		response.destroy();
		return { ok: true, status };
	}
	const snippet = await readSnippet(response);
	const error = `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
	if (status >= 300 && status < 400)
		return { ok: false, retryable: false, status, error: `redirect not followed (${error})` };
	return { ok: false, retryable: status >= 500 || RETRYABLE_4XX.has(status), status, error };
}

function blocked(error: BlockedAddressError): WebhookResult {
	// Trying again would reach the same address: only a new URL (or the operator) can fix it.
	return { ok: false, retryable: false, error: error.message };
}

/** Resolves once the answer's status and headers have arrived. */
function post(protocol: string, options: RequestOptions, body: string): Promise<IncomingMessage> {
	const send = protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((resolve, reject) => {
		const outgoing = send(options, resolve);
		// Errors after the answer has begun reach the body reader; rejecting then is a no-op.
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

/**
 * The start of an error response, for the outbox page. Reading stops once 2 KB have arrived and
 * the connection is dropped, so a target answering with a huge body cannot make us download it.
 */
async function readSnippet(response: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of response as AsyncIterable<Buffer>) {
			chunks.push(chunk);
			size += chunk.length;
			if (size >= MAX_ERROR_BODY) break;
		}
	} catch {
		// A body cut off or timed out still leaves the status, which is what matters.
	} finally {
		response.destroy();
	}
	return new TextDecoder()
		.decode(Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY))
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 500);
}

function describeNetworkError(error: unknown): string {
	const e = error as NodeJS.ErrnoException;
	const message = e.message ?? String(error);
	const code = e.code && !message.includes(e.code) ? ` (${e.code})` : '';
	return `network error: ${message}${code}`;
}
