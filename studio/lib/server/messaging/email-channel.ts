import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { SMTPSentMessageInfo, SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import type { ChannelSettings, SmtpSettings } from './channel-settings-service';
import type { EmailPayload } from './message-payload';

export type SendResult =
	{ ok: true; providerId: string } | { ok: false; retryable: boolean; error: string };

type Transport = Mail<SMTPSentMessageInfo, SMTPTransportOptions>;

// One transport per distinct SMTP configuration, so an edit in the studio takes effect with the
// next message while unchanged workspaces keep theirs.
const transports = new Map<string, Transport>();
const MAX_TRANSPORTS = 100;

/**
 * Sends one message. `messageId` is the outbox row's id (for the X-Regulars-Message-Id header);
 * the Message-ID header is derived from the idempotency key so a receiving system can recognise
 * a duplicate should one ever get through.
 */
export async function sendEmail(
	settings: ChannelSettings,
	mail: EmailPayload & { messageId: string; idempotencyKey: string }
): Promise<SendResult> {
	if (!settings.smtp || !settings.fromAddress)
		return { ok: false, retryable: false, error: 'smtp_not_configured' };
	try {
		const info = await transportFor(settings.smtp).sendMail({
			from: settings.fromAddress,
			to: mail.to,
			subject: mail.subject,
			text: mail.text || undefined,
			html: mail.html || undefined,
			messageId: messageIdHeader(mail.idempotencyKey),
			headers: {
				'X-Regulars-Idempotency-Key': mail.idempotencyKey,
				'X-Regulars-Message-Id': mail.messageId
			}
		});
		return { ok: true, providerId: (info.response || info.messageId).slice(0, 500) };
	} catch (error) {
		return classify(error);
	}
}

/** `<key@regulars>`, with characters a Message-ID may not hold percent-encoded. */
export function messageIdHeader(idempotencyKey: string): string {
	const local = encodeURIComponent(idempotencyKey).replace(
		/[()]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `<${local}@regulars>`;
}

function classify(error: unknown): SendResult {
	const e = error as { message?: string; code?: string; responseCode?: number };
	const text = `${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`.slice(0, 1000);
	if (typeof e.responseCode === 'number') {
		// 5xx is the server's final word (unknown mailbox, policy, bad login); 4xx says try later.
		return { ok: false, retryable: e.responseCode < 500, error: text };
	}
	// Errors nodemailer raises before talking to anyone (a malformed address) will not improve;
	// everything else without a reply code is the network: refused, reset, timed out, TLS.
	const permanent = e.code === 'EENVELOPE' || e.code === 'ECONFIG' || e.code === 'EMESSAGE';
	return { ok: false, retryable: !permanent, error: text };
}

function transportFor(smtp: SmtpSettings): Transport {
	const key = JSON.stringify([smtp.host, smtp.port, smtp.secure, smtp.user, smtp.password]);
	let transport = transports.get(key);
	if (transport) return transport;
	const local = smtp.host === '127.0.0.1' || smtp.host === 'localhost' || smtp.host === '::1';
	transport = createTransport({
		host: smtp.host,
		port: smtp.port,
		secure: smtp.secure,
		auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 20_000,
		// A relay on this machine (a test sink, a local Postfix) rarely has a public certificate;
		// anywhere else an unverifiable certificate means the password could be intercepted.
		tls: { rejectUnauthorized: !local }
	});
	if (transports.size >= MAX_TRANSPORTS) {
		const [oldestKey, oldest] = transports.entries().next().value!;
		transports.delete(oldestKey);
		oldest.close();
	}
	transports.set(key, transport);
	return transport;
}

export function closeEmailTransports(): void {
	for (const transport of transports.values()) transport.close();
	transports.clear();
}
