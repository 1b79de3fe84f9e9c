import { describe, expect, it } from 'vitest';
import { publicUrl, readConfig } from './config';

describe('readConfig', () => {
	it('has safe defaults', () => {
		expect(readConfig({}, '/srv/app')).toEqual({
			ok: true,
			config: {
				port: 3000,
				host: '127.0.0.1',
				origin: undefined,
				dataDir: '/srv/app/data',
				databaseUrl: undefined,
				demo: true,
				webhookAllowPrivate: false
			}
		});
	});

	it('reads every variable', () => {
		const result = readConfig(
			{
				PORT: '8080',
				HOST: '0.0.0.0',
				ORIGIN: 'https://crm.example.com/',
				DATA_DIR: '/var/lib/regulars',
				DATABASE_URL: 'postgres://u:p@db:5432/r',
				DEMO: '0',
				REGULARS_WEBHOOK_ALLOW_PRIVATE: '1'
			},
			'/srv'
		);
		expect(result).toEqual({
			ok: true,
			config: {
				port: 8080,
				host: '0.0.0.0',
				origin: 'https://crm.example.com',
				dataDir: '/var/lib/regulars',
				databaseUrl: 'postgres://u:p@db:5432/r',
				demo: false,
				webhookAllowPrivate: true
			}
		});
	});

	it('names every wrong variable', () => {
		const result = readConfig({
			PORT: '70000',
			ORIGIN: 'ftp://x',
			DATABASE_URL: 'mysql://x',
			DEMO: 'maybe',
			REGULARS_WEBHOOK_ALLOW_PRIVATE: 'yes'
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((e) => e.split(' ')[0])).toEqual([
			'PORT',
			'ORIGIN',
			'DATABASE_URL',
			'DEMO',
			'REGULARS_WEBHOOK_ALLOW_PRIVATE'
		]);
	});
});

describe('publicUrl', () => {
	const base = {
		port: 3000,
		dataDir: '/d',
		databaseUrl: undefined,
		demo: true,
		webhookAllowPrivate: false
	};
	it('prefers ORIGIN and otherwise names the listening address', () => {
		expect(publicUrl({ ...base, host: '127.0.0.1', origin: 'https://crm.shop' })).toBe(
			'https://crm.shop'
		);
		expect(publicUrl({ ...base, host: '127.0.0.1', origin: undefined })).toBe(
			'http://127.0.0.1:3000'
		);
		expect(publicUrl({ ...base, host: '0.0.0.0', origin: undefined })).toBe(
			'http://localhost:3000'
		);
		expect(publicUrl({ ...base, host: '::1', origin: undefined })).toBe('http://[::1]:3000');
	});
});
