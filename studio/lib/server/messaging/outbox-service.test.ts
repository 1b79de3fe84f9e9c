import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../../test/setup/smtp-sink';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { insertCustomer, insertWorkspace, NOW } from '../segment/segment-fixture';
import {
	forgetChannelSettings,
	getChannelSettings,
	saveChannelSettings
} from './channel-settings-service';
import { closeEmailTransports } from './email-channel';
import {
	messageRow,
	queueEmail,
	queueWebhook,
	startWebhookTarget,
	type WebhookTarget
} from './outbox-fixture';
import { insertMessage } from './outbox-repository';
import { deliverDueMessages } from './outbox-service';
import { configureSecretBox } from './secret-box';
import { configureWebhooks, signWebhook } from './webhook-channel';

const FAST = { backoffMs: [0, 0, 0, 0] };

let sink: SmtpSink;
let target: WebhookTarget;

beforeAll(async () => {
	configureSecretBox({ secret: 'outbox tests' });
	// The webhook target listens on 127.0.0.1, as a self-hosted shop's intranet service would.
	configureWebhooks({ allowPrivate: true });
	sink = await startSmtpSink();
	target = await startWebhookTarget();
});
afterAll(async () => {
	closeEmailTransports();
	await sink?.close();
	await target?.close();
});

describe.each(testDatabases())('the outbox on $dialect', ({ dialect, open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let ada = 0;
	// Every delivery pass runs a little later than the one before, as the scheduler would.
	let clock = NOW;
	const tick = () => (clock += 1_000);

	beforeAll(async () => {
		if (skip) return;
		forgetChannelSettings();
		({ db, close } = await open());
		ws = await insertWorkspace(db, `outbox-${dialect}`);
		ada = await insertCustomer(db, ws, { name: 'ada' });
		const saved = await saveChannelSettings(
			db,
			ws,
			{
				smtp: { host: '127.0.0.1', port: sink.port, secure: false, user: null },
				fromAddress: 'shop@example.com',
				capPerDay: null,
				capPerWeek: null,
				globalHoldout: 0
			},
			clock
		);
		expect(saved).toEqual({ ok: true });
	});
	afterAll(async () => {
		forgetChannelSettings();
		await close?.();
	});
	beforeEach(() => {
		if (!sink) return;
		sink.messages.length = 0;
		sink.reject = null;
		target.requests.length = 0;
	});

	it.skipIf(skip)('delivers an email over SMTP exactly once, unicode subject intact', async () => {
		const subject = '中文 subject 🎉 — for you';
		const key = `enrollment-7.node-a.1.${dialect}`;
		const queued = await queueEmail(db, ws, ada, { to: 'ada@example.com', subject, key }, clock);
		const again = await insertMessage(db, {
			workspaceId: ws,
			journeyId: null,
			enrollmentId: null,
			customerId: ada,
			nodeId: 'email-1',
			channel: 'email',
			idempotencyKey: key,
			status: 'pending',
			recipient: 'ada@example.com',
			subject: 'a retried step must not queue a second copy',
			payload: {},
			now: clock
		});
		expect(again).toEqual({ id: queued.id, created: false });

		const sentAt = tick();
		expect(await deliverDueMessages(db, sentAt)).toEqual({ sent: 1, retried: 0, failed: 0 });
		expect(await deliverDueMessages(db, tick())).toEqual({ sent: 0, retried: 0, failed: 0 });
		await sink.waitFor(1);
		expect(sink.messages).toHaveLength(1);
		const [mail] = sink.messages;
		expect(mail!.subject).toBe(subject);
		// Non-ASCII subjects travel as RFC 2047 encoded words; the sink decodes them back.
		expect(mail!.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
		expect(mail!.messageId).toBe(`<${key}@regulars>`);
		expect(mail!.from).toBe('shop@example.com');
		expect(mail!.to).toEqual(['ada@example.com']);
		expect(mail!.raw).toContain(`X-Regulars-Idempotency-Key: ${key}`);

		const row = await messageRow(db, queued.id);
		expect(row).toMatchObject({ status: 'sent', attempts: 1, sent_at: sentAt, error: null });
		expect(row.provider_id).toMatch(/^250/);
		const rows = db.selectFrom('message').select('id').where('idempotency_key', '=', key);
		expect(await rows.execute()).toHaveLength(1);
	});

	it.skipIf(skip)('signs webhooks with the workspace secret', async () => {
		const body = JSON.stringify({ event: 'journey.message', customer: { name: '小明' } });
		const { id, key } = await queueWebhook(db, ws, ada, { url: target.url('/ok'), body }, clock);
		const now = tick();
		expect(await deliverDueMessages(db, now)).toEqual({ sent: 1, retried: 0, failed: 0 });

		expect(target.requests).toHaveLength(1);
		const [request] = target.requests;
		expect(request!.method).toBe('POST');
		expect(request!.body).toBe(body);
		expect(request!.headers['content-type']).toBe('application/json');
		expect(request!.headers['idempotency-key']).toBe(key);
		expect(request!.headers['user-agent']).toBe('Regulars-Webhooks/1');
		const { webhookSecret } = await getChannelSettings(db, ws, now);
		const timestamp = Math.floor(now / 1000);
		expect(request!.headers['regulars-signature']).toBe(
			signWebhook(webhookSecret, timestamp, body)
		);
		expect(request!.headers['regulars-signature']).not.toBe(
			signWebhook(webhookSecret, timestamp, body + ' ')
		);
		expect(await messageRow(db, id)).toMatchObject({ status: 'sent', attempts: 1 });
	});

	it.skipIf(skip)('retries a failing target with backoff until it answers', async () => {
		target.on('/flaky', (_, seen) =>
			seen <= 2 ? { status: 500, body: 'database is down' } : { status: 204 }
		);
		const { id } = await queueWebhook(
			db,
			ws,
			ada,
			{ url: target.url('/flaky'), body: '{}' },
			clock
		);

		expect(await deliverDueMessages(db, tick(), FAST)).toEqual({ sent: 0, retried: 1, failed: 0 });
		const waiting = await messageRow(db, id);
		expect(waiting).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: clock });
		expect(waiting.error).toBe('HTTP 500: database is down');
		// Not due before its next attempt time.
		expect(await deliverDueMessages(db, clock - 1, FAST)).toEqual({
			sent: 0,
			retried: 0,
			failed: 0
		});

		expect(await deliverDueMessages(db, tick(), FAST)).toEqual({ sent: 0, retried: 1, failed: 0 });
		expect(await deliverDueMessages(db, tick(), FAST)).toEqual({ sent: 1, retried: 0, failed: 0 });
		expect(target.requests.filter((r) => r.path === '/flaky')).toHaveLength(3);
		expect(await messageRow(db, id)).toMatchObject({ status: 'sent', attempts: 3, error: null });
	});

	it.skipIf(skip)('gives up on a hung target without holding up the batch', async () => {
		target.on('/hung', () => null);
		const hung = await queueWebhook(db, ws, ada, { url: target.url('/hung'), body: '{}' }, clock);
		const healthy = await queueWebhook(db, ws, ada, { url: target.url('/ok'), body: '{}' }, clock);
		const options = { ...FAST, timeoutMs: 200 };

		expect(await deliverDueMessages(db, tick(), options)).toEqual({
			sent: 1,
			retried: 1,
			failed: 0
		});
		expect(await messageRow(db, healthy.id)).toMatchObject({ status: 'sent' });
		for (let attempt = 2; attempt <= 4; attempt++)
			expect(await deliverDueMessages(db, tick(), options)).toEqual({
				sent: 0,
				retried: 1,
				failed: 0
			});
		expect(await deliverDueMessages(db, tick(), options)).toEqual({
			sent: 0,
			retried: 0,
			failed: 1
		});

		const row = await messageRow(db, hung.id);
		expect(row).toMatchObject({ status: 'failed', attempts: 5, next_attempt_at: null });
		expect(row.error).toBe('timeout after 200 ms');
		expect(target.requests.filter((r) => r.path === '/hung')).toHaveLength(5);
		expect(await deliverDueMessages(db, tick(), options)).toEqual({
			sent: 0,
			retried: 0,
			failed: 0
		});
	});

	it.skipIf(skip)(
		'fails at once on a permanent SMTP refusal and retries a temporary one',
		async () => {
			sink.reject = { code: 550, message: 'No such user here' };
			const refused = await queueEmail(
				db,
				ws,
				ada,
				{ to: 'gone@example.com', subject: 'Hi' },
				clock
			);
			expect(await deliverDueMessages(db, tick(), FAST)).toEqual({
				sent: 0,
				retried: 0,
				failed: 1
			});
			const failed = await messageRow(db, refused.id);
			expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
			expect(failed.error).toContain('550');

			sink.reject = { code: 451, message: 'Greylisted, try later' };
			const later = await queueEmail(db, ws, ada, { to: 'ada@example.com', subject: 'Hi' }, clock);
			expect(await deliverDueMessages(db, tick(), FAST)).toEqual({
				sent: 0,
				retried: 1,
				failed: 0
			});
			const waiting = await messageRow(db, later.id);
			expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
			expect(waiting.error).toContain('451');
			expect(sink.messages).toHaveLength(0);

			sink.reject = null;
			expect(await deliverDueMessages(db, tick(), FAST)).toEqual({
				sent: 1,
				retried: 0,
				failed: 0
			});
			expect(await messageRow(db, later.id)).toMatchObject({ status: 'sent', attempts: 2 });
			expect(sink.messages.map((m) => m.to)).toEqual([['ada@example.com']]);
		}
	);

	it.skipIf(skip)('never resends a message whose sender died mid-send', async () => {
		const { id } = await queueEmail(
			db,
			ws,
			ada,
			{ to: 'ada@example.com', subject: 'Lost?' },
			clock
		);
		await db
			.updateTable('message')
			.set({ status: 'sending', claimed_until: clock + 500 })
			.where('id', '=', id)
			.execute();
		expect(await deliverDueMessages(db, tick())).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(await deliverDueMessages(db, tick())).toEqual({ sent: 0, retried: 0, failed: 0 });
		const row = await messageRow(db, id);
		expect(row).toMatchObject({ status: 'unconfirmed', attempts: 0, sent_at: null });
		expect(row.error).toMatch(/not resent/);
		expect(sink.messages).toHaveLength(0);
	});

	it.skipIf(skip)('two concurrent runners deliver each of 30 emails exactly once', async () => {
		const queued = [];
		for (let i = 0; i < 30; i++)
			queued.push(
				await queueEmail(db, ws, ada, { to: `c${i}@example.com`, subject: `#${i}` }, clock)
			);
		let sent = 0;
		for (let round = 0; round < 10 && sent < 30; round++) {
			const now = tick();
			const runs = await Promise.all([
				deliverDueMessages(db, now, { limit: 7 }),
				deliverDueMessages(db, now, { limit: 7 })
			]);
			for (const run of runs) {
				expect(run).toMatchObject({ retried: 0, failed: 0 });
				sent += run.sent;
			}
		}
		expect(sent).toBe(30);
		await sink.waitFor(30);
		expect(sink.messages).toHaveLength(30);
		const ids = new Set(sink.messages.map((m) => m.messageId));
		expect(ids.size).toBe(30);
		expect(ids).toEqual(new Set(queued.map((q) => `<${q.key}@regulars>`)));
		const statuses = await db
			.selectFrom('message')
			.select(['status', 'attempts'])
			.where(
				'id',
				'in',
				queued.map((q) => q.id)
			)
			.execute();
		expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
	});

	it.skipIf(skip)('does not deliver on-site offers, which are sent on insert', async () => {
		const { id, created } = await insertMessage(db, {
			workspaceId: ws,
			journeyId: null,
			enrollmentId: null,
			customerId: ada,
			nodeId: 'offer-1',
			channel: 'offer',
			idempotencyKey: `offer-${dialect}`,
			status: 'sent',
			recipient: null,
			subject: 'Welcome back',
			payload: { placement: 'home', title: 'Welcome back', body: '', skus: [], expiresAt: clock },
			now: clock
		});
		expect(created).toBe(true);
		expect(await messageRow(db, id)).toMatchObject({ status: 'sent', sent_at: clock, attempts: 0 });
		expect(await deliverDueMessages(db, tick())).toEqual({ sent: 0, retried: 0, failed: 0 });
	});
});
