import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../db/connect';
import { insertMessage } from './outbox-repository';

// For tests only: a real HTTP server for webhooks to hit, and helpers that queue messages the way
// the journey engine does.

export interface ReceivedRequest {
	path: string;
	method: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** Decides the answer for a request; returning null leaves it unanswered (a hung target). */
export type Responder = (
	request: ReceivedRequest,
	seen: number
) => { status: number; body?: string; headers?: Record<string, string> } | null;

export interface WebhookTarget {
	url: (path: string) => string;
	requests: ReceivedRequest[];
	on: (path: string, responder: Responder) => void;
	close: () => Promise<void>;
}

export async function startWebhookTarget(): Promise<WebhookTarget> {
	const requests: ReceivedRequest[] = [];
	const responders = new Map<string, Responder>();
	const hung: ServerResponse[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request: ReceivedRequest = {
				path: req.url ?? '',
				method: req.method ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8')
			};
			requests.push(request);
			const seen = requests.filter((r) => r.path === request.path).length;
			const responder: Responder = responders.get(request.path) ?? (() => ({ status: 200 }));
			const answer = responder(request, seen);
			if (!answer) return void hung.push(res);
			res.writeHead(answer.status, answer.headers);
			res.end(answer.body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: (path) => `http://127.0.0.1:${port}${path}`,
		requests,
		on: (path, responder) => void responders.set(path, responder),
		close: async () => {
			for (const res of hung) res.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

let keyCounter = 0;

export async function queueEmail(
	db: Db,
	workspaceId: number,
	customerId: number | null,
	mail: { to: string; subject: string; key?: string },
	now: number
): Promise<{ id: number; key: string }> {
	const key = mail.key ?? `email-${process.pid}-${keyCounter++}`;
	const { id } = await insertMessage(db, {
		workspaceId,
		journeyId: null,
		enrollmentId: null,
		customerId,
		nodeId: 'email-1',
		channel: 'email',
		idempotencyKey: key,
		status: 'pending',
		recipient: mail.to,
		subject: mail.subject,
		payload: {
			to: mail.to,
			subject: mail.subject,
			text: `${mail.subject}\n\nPlain text body.`,
			html: `<p>${mail.subject}</p>`
		},
		now
	});
	return { id, key };
}

export async function queueWebhook(
	db: Db,
	workspaceId: number,
	customerId: number | null,
	hook: { url: string; body: string },
	now: number
): Promise<{ id: number; key: string }> {
	const key = `webhook-${process.pid}-${keyCounter++}`;
	const { id } = await insertMessage(db, {
		workspaceId,
		journeyId: null,
		enrollmentId: null,
		customerId,
		nodeId: 'webhook-1',
		channel: 'webhook',
		idempotencyKey: key,
		status: 'pending',
		recipient: hook.url,
		subject: null,
		payload: hook,
		now
	});
	return { id, key };
}

export async function messageRow(db: Db, id: number) {
	return db.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
