import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { testDatabases } from '../db/testing';
import { insertWorkspace, NOW } from '../segment/segment-fixture';
import {
	forgetChannelSettings,
	getChannelSettings,
	rotateWebhookSecret,
	saveChannelSettings
} from './channel-settings-service';
import { sendEmail } from './email-channel';
import { configureSecretBox, openSecret } from './secret-box';

const VALID = {
	smtp: { host: 'smtp.example.com', port: 587, secure: false, user: 'mailer', password: 'pw-1' },
	fromAddress: 'hello@shop.example',
	capPerDay: 2,
	capPerWeek: 5,
	globalHoldout: 0.1
};

describe.each(testDatabases())('channel settings on $dialect', ({ dialect, open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;

	beforeAll(async () => {
		if (skip) return;
		configureSecretBox({ secret: 'channel settings tests' });
		forgetChannelSettings();
		({ db, close } = await open());
	});
	afterAll(async () => {
		forgetChannelSettings();
		await close?.();
	});

	const rawRow = (ws: number) =>
		db
			.selectFrom('channel_settings')
			.selectAll()
			.where('workspace_id', '=', ws)
			.executeTakeFirstOrThrow();

	it.skipIf(skip)('makes one webhook secret per workspace and stores it sealed', async () => {
		const ws = await insertWorkspace(db, `secret-${dialect}`);
		const first = await getChannelSettings(db, ws, NOW);
		expect(first.webhookSecret).toMatch(/^whsec_[\w-]{43}$/);
		expect(first).toMatchObject({
			smtp: null,
			fromAddress: null,
			capPerDay: null,
			globalHoldout: 0
		});
		forgetChannelSettings(ws);
		const second = await getChannelSettings(db, ws, NOW + 1);
		expect(second.webhookSecret).toBe(first.webhookSecret);

		const row = await rawRow(ws);
		expect(row.webhook_secret).toMatch(/^v1\./);
		expect(JSON.stringify(row)).not.toContain(first.webhookSecret.slice('whsec_'.length));
		expect(openSecret(row.webhook_secret!)).toBe(first.webhookSecret);

		const other = await insertWorkspace(db, `secret-other-${dialect}`);
		expect((await getChannelSettings(db, other, NOW)).webhookSecret).not.toBe(first.webhookSecret);

		const rotated = await rotateWebhookSecret(db, ws, NOW + 2);
		expect(rotated).not.toBe(first.webhookSecret);
		expect((await getChannelSettings(db, ws, NOW + 3)).webhookSecret).toBe(rotated);
	});

	it.skipIf(skip)(
		'audits who changed the settings and rotated the secret, never the password',
		async () => {
			const ws = await insertWorkspace(db, `audit-${dialect}`);
			const actor = { userId: null, ip: '203.0.113.9' };
			expect((await saveChannelSettings(db, ws, VALID, NOW, actor)).ok).toBe(true);
			await rotateWebhookSecret(db, ws, NOW + 1, actor);
			const entries = await db
				.selectFrom('audit_log')
				.selectAll()
				.where('workspace_id', '=', ws)
				.orderBy('id')
				.execute();
			expect(entries.map((e) => [e.action, e.target, e.ip])).toEqual([
				['workspace.updated', 'channel settings', '203.0.113.9'],
				['workspace.updated', 'webhook signing secret rotated', '203.0.113.9']
			]);
			expect(JSON.stringify(entries)).not.toContain('pw-1');
			expect(readJson(entries[0]!.detail, {})).toMatchObject({
				smtpHost: 'smtp.example.com',
				passwordChanged: true
			});
		}
	);

	it.skipIf(skip)('rejects bad input field by field and changes nothing', async () => {
		const ws = await insertWorkspace(db, `invalid-${dialect}`);
		const result = await saveChannelSettings(
			db,
			ws,
			{
				smtp: { host: 'smtp example.com', port: 70_000, secure: 'yes', user: 'u' },
				fromAddress: 'not-an-email',
				capPerDay: 0,
				capPerWeek: 1.5,
				globalHoldout: 0.5
			},
			NOW
		);
		expect(result).toEqual({
			ok: false,
			problems: [
				{ field: 'smtp.host', code: 'invalid' },
				{ field: 'smtp.port', code: 'out_of_range' },
				{ field: 'smtp.secure', code: 'invalid' },
				{ field: 'fromAddress', code: 'invalid' },
				{ field: 'capPerDay', code: 'out_of_range' },
				{ field: 'capPerWeek', code: 'invalid' },
				{ field: 'globalHoldout', code: 'out_of_range' }
			]
		});
		const more = await saveChannelSettings(
			db,
			ws,
			{ smtp: { host: '', port: 'abc' }, fromAddress: null, capPerDay: 1001, globalHoldout: -1 },
			NOW
		);
		expect(more).toEqual({
			ok: false,
			problems: [
				{ field: 'smtp.host', code: 'required' },
				{ field: 'smtp.port', code: 'invalid' },
				{ field: 'fromAddress', code: 'required' },
				{ field: 'capPerDay', code: 'out_of_range' },
				{ field: 'globalHoldout', code: 'out_of_range' }
			]
		});
		const long = await saveChannelSettings(
			db,
			ws,
			{ ...VALID, smtp: { ...VALID.smtp, host: 'a'.repeat(256) } },
			NOW
		);
		expect(long).toEqual({ ok: false, problems: [{ field: 'smtp.host', code: 'too_long' }] });
		expect(await saveChannelSettings(db, ws, 'nope', NOW)).toMatchObject({ ok: false });
		expect(
			await db.selectFrom('channel_settings').selectAll().where('workspace_id', '=', ws).execute()
		).toEqual([]);
	});

	it.skipIf(skip)('seals the SMTP password and keeps it when none is sent', async () => {
		const ws = await insertWorkspace(db, `smtp-${dialect}`);
		expect(await saveChannelSettings(db, ws, VALID, NOW)).toEqual({ ok: true });
		const saved = await getChannelSettings(db, ws, NOW);
		expect(saved).toMatchObject({
			smtp: {
				host: 'smtp.example.com',
				port: 587,
				secure: false,
				user: 'mailer',
				password: 'pw-1'
			},
			fromAddress: 'hello@shop.example',
			capPerDay: 2,
			capPerWeek: 5
		});
		expect(saved.globalHoldout).toBeCloseTo(0.1, 6);
		const row = await rawRow(ws);
		expect(row.smtp_password).toMatch(/^v1\./);
		expect(JSON.stringify(row)).not.toContain('pw-1');

		// Form values arrive as text; an empty password means "unchanged".
		const edited = {
			...VALID,
			smtp: { host: 'smtp2.example.com', port: '2525', secure: true, user: 'mailer', password: '' },
			capPerDay: '',
			capPerWeek: null
		};
		expect(await saveChannelSettings(db, ws, edited, NOW + 1)).toEqual({ ok: true });
		const kept = await getChannelSettings(db, ws, NOW + 1);
		expect(kept.smtp).toEqual({
			host: 'smtp2.example.com',
			port: 2525,
			secure: true,
			user: 'mailer',
			password: 'pw-1'
		});
		expect(kept).toMatchObject({ capPerDay: null, capPerWeek: null });
		expect(kept.webhookSecret).toBe(saved.webhookSecret);

		const { password: _omitted, ...noPassword } = VALID.smtp;
		expect(await saveChannelSettings(db, ws, { ...VALID, smtp: noPassword }, NOW + 2)).toEqual({
			ok: true
		});
		expect((await getChannelSettings(db, ws, NOW + 2)).smtp?.password).toBe('pw-1');

		expect(
			await saveChannelSettings(
				db,
				ws,
				{ ...VALID, smtp: { ...VALID.smtp, password: 'pw-2' } },
				NOW + 3
			)
		).toEqual({ ok: true });
		expect((await getChannelSettings(db, ws, NOW + 3)).smtp?.password).toBe('pw-2');

		// Turning email off forgets the server and its password.
		expect(await saveChannelSettings(db, ws, { ...VALID, smtp: null }, NOW + 4)).toEqual({
			ok: true
		});
		const off = await getChannelSettings(db, ws, NOW + 4);
		expect(off.smtp).toBeNull();
		expect((await rawRow(ws)).smtp_password).toBeNull();
		expect(
			await sendEmail(off, {
				to: 'ada@example.com',
				subject: 's',
				text: 't',
				html: '',
				messageId: '1',
				idempotencyKey: 'k'
			})
		).toEqual({ ok: false, retryable: false, error: 'smtp_not_configured' });
	});
});
