import { SMTPServer } from 'smtp-server';

// For tests only: a real SMTP server on 127.0.0.1 that keeps what it receives, so email code is
// tested over the wire instead of against a mock.

export interface SinkMessage {
	from: string;
	to: string[];
	raw: string;
	subject: string;
	messageId: string;
}

export interface SinkRejection {
	code: number;
	message: string;
}

export interface SmtpSink {
	port: number;
	messages: SinkMessage[];
	/** While set, every message is refused at the end of DATA with this reply (451, 550...). */
	reject: SinkRejection | null;
	/** How long the sink takes to accept each message, like a slow mail server. */
	delayMs: number;
	waitFor(count: number, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

export async function startSmtpSink(
	options: {
		rejectWith?: SinkRejection;
		/** A fixed port (0 picks a free one). */
		port?: number;
		/** Accept any user name and password, for a studio that has credentials configured. */
		acceptAnyLogin?: boolean;
	} = {}
): Promise<SmtpSink> {
	const waiters = new Set<() => void>();
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: options.acceptAnyLogin ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
		// Loopback only: plain-text login is what a local sink can offer.
		allowInsecureAuth: true,
		onAuth(auth, _session, callback) {
			callback(null, { user: auth.username ?? 'anyone' });
		},
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('error', (error) => callback(error));
			stream.on('end', () => setTimeout(finish, sink.delayMs));
			const finish = () => {
				if (sink.reject) {
					const error = new Error(sink.reject.message) as Error & { responseCode: number };
					error.responseCode = sink.reject.code;
					return callback(error);
				}
				const raw = Buffer.concat(chunks).toString('utf8');
				const headers = parseHeaders(raw);
				const mailFrom = session.envelope.mailFrom;
				sink.messages.push({
					from: mailFrom ? mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw,
					subject: decodeEncodedWords(headers.get('subject') ?? ''),
					messageId: headers.get('message-id') ?? ''
				});
				for (const wake of waiters) wake();
				callback();
			};
		}
	});

	await new Promise<void>((resolve, reject) => {
		server.server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const address = server.server.address();
	if (!address || typeof address === 'string') throw new Error('SMTP sink did not bind a port');

	const sink: SmtpSink = {
		port: address.port,
		messages: [],
		reject: options.rejectWith ?? null,
		delayMs: 0,
		waitFor(count, timeoutMs = 5_000) {
			if (sink.messages.length >= count) return Promise.resolve();
			return new Promise((resolve, reject) => {
				const wake = () => {
					if (sink.messages.length < count) return;
					clearTimeout(timer);
					waiters.delete(wake);
					resolve();
				};
				const timer = setTimeout(() => {
					waiters.delete(wake);
					reject(
						new Error(
							`SMTP sink: ${sink.messages.length} of ${count} messages after ${timeoutMs} ms`
						)
					);
				}, timeoutMs);
				waiters.add(wake);
			});
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
	return sink;
}

/** The header block, unfolded, by lower-cased name (the first occurrence wins). */
function parseHeaders(raw: string): Map<string, string> {
	const end = raw.search(/\r?\n\r?\n/);
	const block = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
	const headers = new Map<string, string>();
	for (const line of block.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
	}
	return headers;
}

const ENCODED_WORD = /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g;

/**
 * RFC 2047: `=?utf-8?B?...?=` and `=?utf-8?Q?...?=`. The bytes of adjacent encoded words are
 * joined before decoding, because a mailer may split one UTF-8 character across two words, and
 * the white space between adjacent encoded words is not part of the text.
 */
export function decodeEncodedWords(value: string): string {
	let out = '';
	let pending: { charset: string; bytes: Buffer[] } | null = null;
	let last = 0;
	const flush = () => {
		if (!pending) return;
		out += new TextDecoder(pending.charset).decode(Buffer.concat(pending.bytes));
		pending = null;
	};
	for (const match of value.matchAll(ENCODED_WORD)) {
		const between = value.slice(last, match.index);
		if (!(pending && /^[ \t]*$/.test(between))) {
			flush();
			out += between;
		}
		const [, charset, encoding, text] = match as unknown as [string, string, string, string];
		const bytes =
			encoding.toUpperCase() === 'B'
				? Buffer.from(text, 'base64')
				: Buffer.from(
						text
							.replace(/_/g, ' ')
							.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
								String.fromCharCode(parseInt(hex, 16))
							),
						'latin1'
					);
		const name = charset.split('*')[0]!.toLowerCase();
		if (pending && pending.charset !== name) flush();
		pending ??= { charset: name, bytes: [] };
		pending.bytes.push(bytes);
		last = match.index + match[0].length;
	}
	flush();
	return out + value.slice(last);
}
