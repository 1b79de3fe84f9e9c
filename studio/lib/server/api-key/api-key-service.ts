import { recordAudit } from '../audit/audit-service';
import type { Db } from '../db/connect';
import type { ApiKeyKind } from '../db/schema';
import { generateToken, hashToken } from '../auth/tokens';
import {
	findApiKeyByHash,
	insertApiKey,
	listApiKeys,
	revokeApiKeyRow,
	touchApiKey
} from './api-key-repository';

/** Recognisable at a glance and by secret scanners: `rg_write_…` may be public, `rg_secret_…` not. */
export const KEY_PREFIX: Record<ApiKeyKind, string> = { write: 'rg_write_', secret: 'rg_secret_' };
const SHOWN_PREFIX_CHARS = 6;
/** last_used_at is a hint, not a log: writing it once a minute spares a write per request. */
const TOUCH_EVERY_MS = 60 * 1000;

export type ApiKeyError = 'name_required' | 'name_too_long' | 'kind_invalid' | 'not_found';

export function isApiKeyKind(value: unknown): value is ApiKeyKind {
	return value === 'write' || value === 'secret';
}

export async function createApiKey(
	db: Db,
	input: {
		workspaceId: number;
		kind: ApiKeyKind;
		name: string;
		createdBy: number | null;
		ip: string | null;
	},
	now = Date.now(),
	/** Only the demo seed passes a fixed secret, so its printed keys survive restarts. */
	secret = generateToken(24)
): Promise<{ ok: true; id: number; key: string } | { ok: false; error: ApiKeyError }> {
	const name = input.name.trim();
	if (!name) return { ok: false, error: 'name_required' };
	if ([...name].length > 100) return { ok: false, error: 'name_too_long' };
	if (!isApiKeyKind(input.kind)) return { ok: false, error: 'kind_invalid' };
	const key = KEY_PREFIX[input.kind] + secret;
	const id = await insertApiKey(db, {
		workspaceId: input.workspaceId,
		kind: input.kind,
		name,
		prefix: key.slice(0, KEY_PREFIX[input.kind].length + SHOWN_PREFIX_CHARS),
		keyHash: hashToken(key),
		createdBy: input.createdBy,
		now
	});
	await recordAudit(db, {
		workspaceId: input.workspaceId,
		actorUserId: input.createdBy,
		action: 'key.created',
		target: name,
		ip: input.ip,
		detail: { kind: input.kind }
	});
	return { ok: true, id, key };
}

export async function apiKeysOf(db: Db, workspaceId: number) {
	return listApiKeys(db, workspaceId);
}

export async function revokeApiKey(
	db: Db,
	input: { workspaceId: number; keyId: number; actorUserId: number; ip: string | null },
	now = Date.now()
): Promise<{ ok: true } | { ok: false; error: ApiKeyError }> {
	const revoked = await revokeApiKeyRow(db, input.workspaceId, input.keyId, now);
	if (!revoked) return { ok: false, error: 'not_found' };
	await recordAudit(db, {
		workspaceId: input.workspaceId,
		actorUserId: input.actorUserId,
		action: 'key.revoked',
		target: revoked.name,
		ip: input.ip,
		detail: { kind: revoked.kind, prefix: revoked.prefix }
	});
	return { ok: true };
}

export type KeyAuthError = 'key_missing' | 'key_invalid' | 'key_revoked' | 'key_kind_not_allowed';

export type KeyAuth =
	| { ok: true; workspaceId: number; kind: ApiKeyKind; keyId: number }
	| { ok: false; error: KeyAuthError };

/** Resolves a presented key to its workspace, refusing revoked keys and keys of the wrong kind. */
export async function authenticateApiKey(
	db: Db,
	presented: string | null,
	accept: readonly ApiKeyKind[],
	now = Date.now()
): Promise<KeyAuth> {
	if (!presented) return { ok: false, error: 'key_missing' };
	if (presented.length > 200) return { ok: false, error: 'key_invalid' };
	const row = await findApiKeyByHash(db, hashToken(presented));
	if (!row) return { ok: false, error: 'key_invalid' };
	if (row.revokedAt !== null) return { ok: false, error: 'key_revoked' };
	if (!accept.includes(row.kind)) return { ok: false, error: 'key_kind_not_allowed' };
	if (row.lastUsedAt === null || now - row.lastUsedAt > TOUCH_EVERY_MS)
		await touchApiKey(db, row.id, now);
	return { ok: true, workspaceId: row.workspaceId, kind: row.kind, keyId: row.id };
}
