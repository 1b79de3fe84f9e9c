import { createHmac } from 'node:crypto';

export type WebhookResult =
	{ ok: true; status: number } | { ok: false; retryable: boolean; error: string; status?: number };

const MAX_ERROR_BODY = 2048;
// Codes that say "not now" rather than "never": request timeout, too early, too many requests.
const RETRYABLE_4XX = new Set([408, 425, 429]);

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

	let response: Response;
	try {
		response = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'regulars-signature': signWebhook(
					request.secret,
					Math.floor(request.now / 1000),
					request.body
				),
				'idempotency-key': request.idempotencyKey,
				'user-agent': 'Regulars-Webhooks/1'
			},
			body: request.body,
			// A redirect would resend the signed body somewhere nobody configured.
			redirect: 'manual',
			signal: AbortSignal.timeout(timeoutMs)
		});
	} catch (error) {
		return { ok: false, retryable: true, error: describeFetchError(error, timeoutMs) };
	}

	const { status } = response;
	if (status >= 200 && status < 300) {
		await response.body?.cancel().catch(() => undefined);
		return { ok: true, status };
	}
	const snippet = await readSnippet(response);
	const error = `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
	if (status >= 300 && status < 400)
		return { ok: false, retryable: false, status, error: `redirect not followed (${error})` };
	return { ok: false, retryable: status >= 500 || RETRYABLE_4XX.has(status), status, error };
}

/**
 * The start of an error response, for the outbox page. A bring-your-own-buffer reader takes at
 * most 2 KB off the socket, so a target answering with a huge body cannot make us download it.
 */
async function readSnippet(response: Response): Promise<string> {
	if (!response.body) return '';
	let buffer = new ArrayBuffer(MAX_ERROR_BODY);
	let size = 0;
	const reader = response.body.getReader({ mode: 'byob' });
	try {
		while (size < MAX_ERROR_BODY) {
			const { done, value } = await reader.read(
				new Uint8Array(buffer, size, MAX_ERROR_BODY - size)
			);
			// Each read transfers the buffer; the view it returns is where the bytes now live.
			if (value) buffer = value.buffer;
			if (done || !value) break;
			size += value.byteLength;
		}
	} catch {
		// A body cut off or timed out still leaves the status, which is what matters.
	} finally {
		await reader.cancel().catch(() => undefined);
	}
	// A read that failed midway leaves the buffer detached (length 0): there is no text then.
	if (buffer.byteLength === 0) return '';
	return new TextDecoder()
		.decode(new Uint8Array(buffer, 0, size))
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 500);
}

function describeFetchError(error: unknown, timeoutMs: number): string {
	const e = error as {
		name?: string;
		message?: string;
		cause?: { code?: string; message?: string };
	};
	if (e.name === 'TimeoutError' || e.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
	const cause = e.cause?.code ?? e.cause?.message;
	return `network error: ${e.message ?? String(error)}${cause ? ` (${cause})` : ''}`;
}
