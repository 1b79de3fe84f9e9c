import type { Db } from '../db/connect';
import { apiKeysOf } from '../api-key/api-key-service';
import { countEventsReceivedSince } from './install-repository';

/** How far back the install check looks: long enough to click around a shop, short enough to tell. */
export const INSTALL_CHECK_WINDOW_MS = 5 * 60 * 1000;

export interface InstallCheck {
	windowMinutes: number;
	eventsReceived: number;
	checkedAt: number;
}

/** Events the workspace received recently, so a shop can see its new snippet working. */
export async function installCheck(
	db: Db,
	workspaceId: number,
	now = Date.now()
): Promise<InstallCheck> {
	const eventsReceived = await countEventsReceivedSince(
		db,
		workspaceId,
		now - INSTALL_CHECK_WINDOW_MS
	);
	return { windowMinutes: INSTALL_CHECK_WINDOW_MS / 60_000, eventsReceived, checkedAt: now };
}

/** Names and shown prefixes of the active write keys, so the owner knows which one to paste. */
export async function activeWriteKeys(
	db: Db,
	workspaceId: number
): Promise<{ name: string; prefix: string }[]> {
	const keys = await apiKeysOf(db, workspaceId);
	return keys
		.filter((key) => key.kind === 'write' && key.revokedAt === null)
		.map((key) => ({ name: key.name, prefix: key.prefix }));
}
