import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configureSecretBox, openSecret, sealSecret } from './secret-box';

describe('the secret box', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'regulars-secret-box-'));
	afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

	it('refuses to work before it is configured', () => {
		configureSecretBox({});
		expect(() => sealSecret('x')).toThrow(/REGULARS_SECRET/);
	});

	it('round-trips text, unicode included, with a fresh IV each time', () => {
		configureSecretBox({ secret: 'correct horse battery staple' });
		for (const plain of ['', 'hunter2', 'whsec_abc', '密码 пароль 🔐 ǅ\u0000end']) {
			const sealed = sealSecret(plain);
			expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]*$/);
			expect(openSecret(sealed)).toBe(plain);
		}
		expect(sealSecret('same')).not.toBe(sealSecret('same'));
	});

	it('detects tampering and a different key', () => {
		configureSecretBox({ secret: 'one' });
		const sealed = sealSecret('the smtp password');
		const [v, iv, tag, body] = sealed.split('.') as [string, string, string, string];
		const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
		for (const bad of [
			[v, iv, tag, flip(body)].join('.'),
			[v, iv, flip(tag), body].join('.'),
			[v, flip(iv), tag, body].join('.'),
			['v2', iv, tag, body].join('.'),
			sealed.slice(0, -2),
			'plain text'
		])
			expect(() => openSecret(bad)).toThrow();
		configureSecretBox({ secret: 'two' });
		expect(() => openSecret(sealed)).toThrow(/cannot be opened/);
		configureSecretBox({ secret: 'one' });
		expect(openSecret(sealed)).toBe('the smtp password');
	});

	it('creates a key file readable by its owner only and reuses it', () => {
		configureSecretBox({ dataDir });
		const sealed = sealSecret('kept across restarts');
		const file = join(dataDir, 'secret.key');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const key = readFileSync(file, 'utf8');
		expect(Buffer.from(key.trim(), 'base64url')).toHaveLength(32);

		// As after a restart: the module forgets its key and reads the file again.
		configureSecretBox({ dataDir });
		expect(openSecret(sealed)).toBe('kept across restarts');
		expect(readFileSync(file, 'utf8')).toBe(key);

		// REGULARS_SECRET, when set, is the key instead of the file.
		configureSecretBox({ secret: 'from the environment', dataDir });
		expect(() => openSecret(sealed)).toThrow();
	});
});
