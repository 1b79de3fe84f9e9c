import { isAbsolute, resolve } from 'node:path';

/** Everything the server reads from the environment, validated once at start-up. */
export interface Config {
	port: number;
	host: string;
	origin: string | undefined;
	dataDir: string;
	databaseUrl: string | undefined;
	demo: boolean;
	/** Lets journey webhooks reach loopback, private and link-local addresses. */
	webhookAllowPrivate: boolean;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

type Env = Record<string, string | undefined>;

export function readConfig(env: Env = process.env, cwd = process.cwd()): ConfigResult {
	const errors: string[] = [];

	const port = parsePort(env.PORT, errors);
	const host = env.HOST?.trim() || '127.0.0.1';

	let origin: string | undefined;
	if (env.ORIGIN) {
		try {
			const url = new URL(env.ORIGIN);
			if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
			origin = url.origin;
		} catch {
			errors.push(
				`ORIGIN must be an http(s) URL such as https://crm.example.com, got "${env.ORIGIN}"`
			);
		}
	}

	const rawDir = env.DATA_DIR?.trim() || './data';
	const dataDir = isAbsolute(rawDir) ? rawDir : resolve(cwd, rawDir);

	let databaseUrl: string | undefined;
	if (env.DATABASE_URL) {
		try {
			const url = new URL(env.DATABASE_URL);
			if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
				throw new Error('protocol');
			databaseUrl = env.DATABASE_URL;
		} catch {
			errors.push(
				'DATABASE_URL must be a PostgreSQL URL such as postgres://user:pass@127.0.0.1:5432/regulars'
			);
		}
	}

	const demo = parseFlag('DEMO', env.DEMO, true, errors);
	const webhookAllowPrivate = parseFlag(
		'REGULARS_WEBHOOK_ALLOW_PRIVATE',
		env.REGULARS_WEBHOOK_ALLOW_PRIVATE,
		false,
		errors
	);

	if (errors.length) return { ok: false, errors };
	return {
		ok: true,
		config: { port, host, origin, dataDir, databaseUrl, demo, webhookAllowPrivate }
	};
}

function parseFlag(
	name: string,
	value: string | undefined,
	fallback: boolean,
	errors: string[]
): boolean {
	if (value === undefined || value === '') return fallback;
	if (value === '0' || value === 'false') return false;
	if (value === '1' || value === 'true') return true;
	errors.push(`${name} must be 0 or 1, got "${value}"`);
	return fallback;
}

function parsePort(value: string | undefined, errors: string[]): number {
	if (value === undefined || value === '') return 3000;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		errors.push(`PORT must be a whole number from 1 to 65535, got "${value}"`);
		return 3000;
	}
	return port;
}

/** The URL people open: ORIGIN when set, else the address the server listens on. */
export function publicUrl(config: Config): string {
	if (config.origin) return config.origin;
	const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
	return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}
