import type { Db } from '../db/connect';
import { getChannelSettings } from './channel-settings-service';
import { sendEmail } from './email-channel';
import type { EmailPayload, WebhookPayload } from './message-payload';
import {
	claimDueMessages,
	markFailed,
	markRetry,
	markSent,
	recoverInterrupted,
	type ClaimedMessage
} from './outbox-repository';
import { sendWebhook } from './webhook-channel';

export interface DeliveryOptions {
	/** Messages claimed per run. */
	limit?: number;
	/** How long a claim lasts; a send still running after this is treated as interrupted. */
	holdMs?: number;
	/** Wait before each retry; its length + 1 is the number of attempts in all. */
	backoffMs?: number[];
	/** Webhook request timeout. */
	timeoutMs?: number;
}

export interface DeliveryCounts {
	sent: number;
	retried: number;
	failed: number;
}

export const DEFAULT_BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000];
// Enough parallelism that one slow webhook target or mail server does not hold up the batch,
// few enough that a small SMTP relay is not flooded with connections.
const IN_FLIGHT = 4;

type Outcome =
	{ ok: true; providerId: string | null } | { ok: false; retryable: boolean; error: string };

/** One pass of the outbox: never throws because of a single message. */
export async function deliverDueMessages(
	db: Db,
	now = Date.now(),
	options: DeliveryOptions = {}
): Promise<DeliveryCounts> {
	const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
	const recovered = await recoverInterrupted(db, now);
	if (recovered > 0)
		console.warn(`Outbox: ${recovered} interrupted message(s) marked unconfirmed, not resent.`);
	const batch = await claimDueMessages(db, now, options.limit ?? 20, options.holdMs ?? 60_000);
	const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };

	let next = 0;
	const worker = async () => {
		while (next < batch.length) {
			const message = batch[next++]!;
			const outcome = await attempt(db, message, now, options.timeoutMs);
			try {
				counts[await record(db, message, outcome, now, backoff)]++;
			} catch (error) {
				// The row stays 'sending' and becomes 'unconfirmed' when its claim runs out,
				// which is right: it may well have been delivered.
				console.error(`Outbox: could not record the outcome of message ${message.id}`, error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, batch.length) }, worker));
	return counts;
}

async function attempt(
	db: Db,
	message: ClaimedMessage,
	now: number,
	timeoutMs: number | undefined
): Promise<Outcome> {
	try {
		const settings = await getChannelSettings(db, message.workspaceId, now);
		if (message.channel === 'email') {
			const mail = emailPayload(message.payload);
			if (!mail) return { ok: false, retryable: false, error: 'invalid_payload' };
			return await sendEmail(settings, {
				...mail,
				messageId: String(message.id),
				idempotencyKey: message.idempotencyKey
			});
		}
		const hook = webhookPayload(message.payload);
		if (!hook) return { ok: false, retryable: false, error: 'invalid_payload' };
		const result = await sendWebhook({
			url: hook.url,
			body: hook.body,
			secret: settings.webhookSecret,
			idempotencyKey: message.idempotencyKey,
			timeoutMs,
			now
		});
		return result.ok ? { ok: true, providerId: `HTTP ${result.status}` } : result;
	} catch (error) {
		// Unexpected (settings unreadable, a bug): nothing was sent, so trying again is safe.
		console.error(`Outbox: message ${message.id} could not be attempted`, error);
		return { ok: false, retryable: true, error: `internal: ${(error as Error).message}` };
	}
}

async function record(
	db: Db,
	message: ClaimedMessage,
	outcome: Outcome,
	now: number,
	backoff: number[]
): Promise<keyof DeliveryCounts> {
	if (outcome.ok) {
		await markSent(db, message.id, { providerId: outcome.providerId, now });
		return 'sent';
	}
	const attempts = message.attempts + 1;
	const error = outcome.error.slice(0, 1000);
	if (outcome.retryable && attempts < backoff.length + 1) {
		const nextAttemptAt = now + (backoff[attempts - 1] ?? 0);
		await markRetry(db, message.id, { attempts, nextAttemptAt, error });
		return 'retried';
	}
	await markFailed(db, message.id, { attempts, error, now });
	return 'failed';
}

function emailPayload(payload: unknown): EmailPayload | null {
	const p = payload as Partial<EmailPayload> | null;
	if (!p || typeof p.to !== 'string' || typeof p.subject !== 'string') return null;
	if (typeof p.text !== 'string' && typeof p.html !== 'string') return null;
	return { to: p.to, subject: p.subject, text: p.text ?? '', html: p.html ?? '' };
}

function webhookPayload(payload: unknown): WebhookPayload | null {
	const p = payload as Partial<WebhookPayload> | null;
	if (!p || typeof p.url !== 'string' || typeof p.body !== 'string') return null;
	return { url: p.url, body: p.body };
}
