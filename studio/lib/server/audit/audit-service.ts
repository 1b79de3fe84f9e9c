import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { insertAuditEntries, listAuditEntries, type AuditInput } from './audit-repository';

export type { AuditAction, AuditInput } from './audit-repository';

export async function recordAudit(db: Db, ...entries: AuditInput[]): Promise<void> {
	await insertAuditEntries(db, entries);
}

export const AUDIT_PAGE_SIZE = 50;

export async function auditPage(db: Db, workspaceId: number, beforeId?: number) {
	const rows = await listAuditEntries(db, workspaceId, { limit: AUDIT_PAGE_SIZE + 1, beforeId });
	const entries = rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({
		...row,
		detail: readJson<Record<string, unknown> | null>(row.detail, null)
	}));
	const next = rows.length > AUDIT_PAGE_SIZE ? entries[entries.length - 1]?.id : undefined;
	return { entries, next };
}
