import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Encrypts the few secrets the studio must use again later: SMTP passwords are sent to the mail
 * server and webhook signing secrets key an HMAC, so they are sealed (AES-256-GCM) rather than
 * hashed. The key is SHA-256 of REGULARS_SECRET when the operator sets one, else 32 random bytes
 * kept beside the data (`<dataDir>/secret.key`), so a single-box install works with no setup.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const KEY_FILE = 'secret.key';

let options: { secret?: string; dataDir?: string } = {};
let key: Buffer | null = null;

export function configureSecretBox(next: { secret?: string; dataDir?: string }): void {
	options = { ...next };
	key = null;
}

export function sealSecret(plain: string): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', currentKey(), iv);
	const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	const tag = cipher.getAuthTag();
	return [VERSION, iv, tag, ciphertext]
		.map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
		.join('.');
}

/** Throws when the text was not sealed with this instance's key or has been altered. */
export function openSecret(sealed: string): string {
	const parts = sealed.split('.');
	if (parts.length !== 4 || parts[0] !== VERSION)
		throw new Error('Not a sealed secret (expected v1.<iv>.<tag>.<ciphertext>)');
	const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [
		Buffer,
		Buffer,
		Buffer
	];
	if (iv.length !== IV_BYTES || tag.length !== 16) throw new Error('Sealed secret is malformed');
	const decipher = createDecipheriv('aes-256-gcm', currentKey(), iv);
	decipher.setAuthTag(tag);
	try {
		return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
	} catch {
		throw new Error(
			'Sealed secret cannot be opened: it was altered, or REGULARS_SECRET / secret.key changed'
		);
	}
}

function currentKey(): Buffer {
	key ??= loadKey();
	return key;
}

function loadKey(): Buffer {
	if (options.secret) return createHash('sha256').update(options.secret, 'utf8').digest();
	if (!options.dataDir)
		throw new Error(
			'The secret box is not configured: set REGULARS_SECRET or give it a data directory'
		);
	mkdirSync(options.dataDir, { recursive: true });
	const path = join(options.dataDir, KEY_FILE);
	if (!existsSync(path)) {
		// Written aside, then linked into place: link fails when the name exists, so two processes
		// starting at once agree on one key, and neither can read a half-written file.
		const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
		writeFileSync(draft, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
		try {
			linkSync(draft, path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		} finally {
			unlinkSync(draft);
		}
	}
	const stored = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
	if (stored.length !== 32) throw new Error(`${path} does not hold a 32-byte key`);
	return stored;
}
