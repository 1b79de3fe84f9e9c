import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Built by `npm run build -w sdk`; the server runs from the repository root. */
export const SCRIPT_PATH = 'sdk/dist/regulars.min.js';

export interface ScriptFile {
	body: Buffer;
	etag: string;
}

let cached: { mtimeMs: number; size: number; file: ScriptFile } | null = null;

/**
 * The script-tag build with a content-hash ETag, or null when it has not been built. The file is
 * re-read only when its modification time or size changes, so a rebuild is served at once.
 */
export async function loadScript(root = process.cwd()): Promise<ScriptFile | null> {
	const path = resolve(root, SCRIPT_PATH);
	let info;
	try {
		info = await stat(path);
	} catch {
		return null;
	}
	if (!info.isFile()) return null;
	if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.file;
	const body = await readFile(path);
	const digest = createHash('sha256').update(body).digest('base64url').slice(0, 22);
	const file = { body, etag: `"${digest}"` };
	cached = { mtimeMs: info.mtimeMs, size: info.size, file };
	return file;
}

/** Whether `If-None-Match` names this ETag (weak or strong, in a list, or `*`). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch
		.split(',')
		.map((tag) => tag.trim().replace(/^W\//, ''))
		.some((tag) => tag === '*' || tag === etag);
}
