import { recordAudit } from '../audit/audit-service';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connect';
import { inTransaction } from '../db/transaction';
import {
	ensureWebhookSecret,
	findChannelSettingsRow,
	replaceWebhookSecret,
	upsertChannelSettings,
	type ChannelSettingsRow
} from './channel-settings-repository';
import { openSecret, sealSecret } from './secret-box';

export interface SmtpSettings {
	host: string;
	port: number;
	secure: boolean;
	user: string | null;
	password: string | null;
}

/** A workspace's channel settings with its secrets opened. Never send this to a browser. */
export interface ChannelSettings {
	smtp: SmtpSettings | null;
	fromAddress: string | null;
	webhookSecret: string;
	capPerDay: number | null;
	capPerWeek: number | null;
	/** Share of customers (0..0.2) kept out of every journey to measure lift. */
	globalHoldout: number;
}

// The outbox reads settings for every message; 5 s of staleness after an edit on another
// instance is a fair price for not opening two secrets per message.
const CACHE_MS = 5_000;
const cache = new Map<number, { at: number; settings: ChannelSettings }>();

export function forgetChannelSettings(workspaceId?: number): void {
	if (workspaceId === undefined) cache.clear();
	else cache.delete(workspaceId);
}

/** Creates the settings row and its webhook secret on first use. */
export async function getChannelSettings(
	db: Db,
	workspaceId: number,
	now: number
): Promise<ChannelSettings> {
	const hit = cache.get(workspaceId);
	if (hit && now >= hit.at && now - hit.at < CACHE_MS) return hit.settings;
	let row = await findChannelSettingsRow(db, workspaceId);
	if (!row?.webhook_secret) {
		await ensureWebhookSecret(db, workspaceId, sealSecret(newWebhookSecret()), now);
		row = await findChannelSettingsRow(db, workspaceId);
		if (!row?.webhook_secret) throw new Error(`No channel settings for workspace ${workspaceId}`);
	}
	const settings = openRow(row, row.webhook_secret);
	cache.set(workspaceId, { at: now, settings });
	return settings;
}

function openRow(row: ChannelSettingsRow, sealedWebhookSecret: string): ChannelSettings {
	return {
		smtp:
			row.smtp_host && row.smtp_port
				? {
						host: row.smtp_host,
						port: row.smtp_port,
						secure: Boolean(row.smtp_secure),
						user: row.smtp_user,
						password: row.smtp_password ? openSecret(row.smtp_password) : null
					}
				: null,
		fromAddress: row.from_address,
		webhookSecret: openSecret(sealedWebhookSecret),
		capPerDay: row.cap_per_day,
		capPerWeek: row.cap_per_week,
		globalHoldout: row.global_holdout
	};
}

function newWebhookSecret(): string {
	return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** A new signing secret, effective at once; receivers must be told the new one. */
/** Who made a change, for the audit log (settings that decide where messages go). */
export interface SettingsActor {
	userId: number | null;
	ip: string | null;
}

export async function rotateWebhookSecret(
	db: Db,
	workspaceId: number,
	now: number,
	actor?: SettingsActor
): Promise<string> {
	const secret = newWebhookSecret();
	await replaceWebhookSecret(db, workspaceId, sealSecret(secret), now);
	if (actor)
		await recordAudit(db, {
			workspaceId,
			actorUserId: actor.userId,
			action: 'workspace.updated',
			target: 'webhook signing secret rotated',
			ip: actor.ip
		});
	forgetChannelSettings(workspaceId);
	return secret;
}

export interface SettingsProblem {
	field: string;
	code: 'required' | 'invalid' | 'too_long' | 'out_of_range';
}

/**
 * What the settings form sends. An empty or missing `smtp.password` keeps the stored one, so the
 * page never has to show it; `smtp: null` turns email off.
 */
export interface ChannelSettingsInput {
	smtp: {
		host: string;
		port: number | string;
		secure?: boolean;
		user?: string | null;
		password?: string;
	} | null;
	fromAddress: string | null;
	capPerDay: number | string | null;
	capPerWeek: number | string | null;
	globalHoldout: number | string;
}

export async function saveChannelSettings(
	db: Db,
	workspaceId: number,
	input: unknown,
	now: number,
	actor?: SettingsActor
): Promise<{ ok: true } | { ok: false; problems: SettingsProblem[] }> {
	const parsed = parseSettings(input);
	if (!parsed.ok) return parsed;
	const { value } = parsed;
	await inTransaction(db, async (trx) => {
		const old = await findChannelSettingsRow(trx, workspaceId);
		let password: string | null = null;
		if (value.smtp?.user) {
			password = value.smtp.password
				? sealSecret(value.smtp.password)
				: (old?.smtp_password ?? null);
		}
		await upsertChannelSettings(
			trx,
			workspaceId,
			{
				smtpHost: value.smtp?.host ?? null,
				smtpPort: value.smtp?.port ?? null,
				smtpSecure: value.smtp?.secure ?? false,
				smtpUser: value.smtp?.user ?? null,
				// Without a user there is no login, so no password is kept either.
				smtpPassword: password,
				fromAddress: value.fromAddress,
				capPerDay: value.capPerDay,
				capPerWeek: value.capPerWeek,
				globalHoldout: value.globalHoldout
			},
			now
		);
		// What changed, never the password.
		if (actor)
			await recordAudit(trx, {
				workspaceId,
				actorUserId: actor.userId,
				action: 'workspace.updated',
				target: 'channel settings',
				ip: actor.ip,
				detail: {
					smtpHost: value.smtp?.host ?? null,
					smtpUser: value.smtp?.user ?? null,
					passwordChanged: !!value.smtp?.password,
					fromAddress: value.fromAddress,
					capPerDay: value.capPerDay,
					capPerWeek: value.capPerWeek,
					globalHoldout: value.globalHoldout
				}
			});
	});
	forgetChannelSettings(workspaceId);
	return { ok: true };
}

interface ParsedSettings {
	smtp: {
		host: string;
		port: number;
		secure: boolean;
		user: string | null;
		password: string;
	} | null;
	fromAddress: string | null;
	capPerDay: number | null;
	capPerWeek: number | null;
	globalHoldout: number;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:.]{2,}$/;

function parseSettings(
	input: unknown
): { ok: true; value: ParsedSettings } | { ok: false; problems: SettingsProblem[] } {
	if (!isRecord(input)) return { ok: false, problems: [{ field: '', code: 'invalid' }] };
	const problems: SettingsProblem[] = [];
	const problem = (field: string, code: SettingsProblem['code']) => problems.push({ field, code });

	let smtp: ParsedSettings['smtp'] = null;
	if (input.smtp !== null && input.smtp !== undefined) {
		if (!isRecord(input.smtp)) problem('smtp', 'invalid');
		else {
			const host = typeof input.smtp.host === 'string' ? input.smtp.host.trim() : '';
			if (!host) problem('smtp.host', 'required');
			else if (host.length > 255) problem('smtp.host', 'too_long');
			else if (/[\s\p{Cc}]/u.test(host)) problem('smtp.host', 'invalid');
			const port = toNumber(input.smtp.port);
			if (port === null) problem('smtp.port', 'required');
			else if (!Number.isInteger(port)) problem('smtp.port', 'invalid');
			else if (port < 1 || port > 65535) problem('smtp.port', 'out_of_range');
			const secure = input.smtp.secure;
			if (secure !== undefined && typeof secure !== 'boolean') problem('smtp.secure', 'invalid');
			const user = input.smtp.user;
			if (user !== undefined && user !== null && typeof user !== 'string')
				problem('smtp.user', 'invalid');
			else if (typeof user === 'string' && user.length > 255) problem('smtp.user', 'too_long');
			const password = input.smtp.password;
			if (password !== undefined && typeof password !== 'string')
				problem('smtp.password', 'invalid');
			else if (typeof password === 'string' && password.length > 1000)
				problem('smtp.password', 'too_long');
			smtp = {
				host,
				port: port ?? 0,
				secure: secure === true,
				user: typeof user === 'string' && user.trim() ? user.trim() : null,
				password: typeof password === 'string' ? password : ''
			};
		}
	}

	const rawFrom = input.fromAddress;
	const fromAddress = typeof rawFrom === 'string' && rawFrom.trim() ? rawFrom.trim() : null;
	if (rawFrom !== undefined && rawFrom !== null && typeof rawFrom !== 'string')
		problem('fromAddress', 'invalid');
	else if (fromAddress === null) {
		if (smtp) problem('fromAddress', 'required');
	} else if (fromAddress.length > 254) problem('fromAddress', 'too_long');
	else if (!EMAIL.test(fromAddress)) problem('fromAddress', 'invalid');

	const cap = (field: 'capPerDay' | 'capPerWeek'): number | null => {
		const value = toNumber(input[field]);
		if (value === null) return null;
		if (!Number.isInteger(value)) problem(field, 'invalid');
		else if (value < 1 || value > 1000) problem(field, 'out_of_range');
		return value;
	};
	const capPerDay = cap('capPerDay');
	const capPerWeek = cap('capPerWeek');

	const globalHoldout = toNumber(input.globalHoldout) ?? 0;
	if (Number.isNaN(globalHoldout)) problem('globalHoldout', 'invalid');
	else if (globalHoldout < 0 || globalHoldout > 0.2) problem('globalHoldout', 'out_of_range');

	if (problems.length > 0) return { ok: false, problems };
	return { ok: true, value: { smtp, fromAddress, capPerDay, capPerWeek, globalHoldout } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Numbers come from JSON or from form text; blank means "not set", anything else odd is NaN. */
function toNumber(value: unknown): number | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
	if (typeof value === 'string') {
		const text = value.trim();
		if (!text) return null;
		return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
	}
	return NaN;
}
