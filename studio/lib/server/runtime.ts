import { publicUrl, readConfig, type Config } from './config';
import { connect, type Db, type DialectName } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { seedDemoIfEmpty } from './demo/seed';
import { JOBS } from './jobs/jobs';
import { startScheduler } from './jobs/scheduler';
import { configureSecretBox } from './messaging/secret-box';
import { configureWebhooks } from './messaging/webhook-channel';

export interface Runtime {
	config: Config;
	db: Db;
	dialect: DialectName;
}

let current: Runtime | undefined;
let starting: Promise<Runtime> | undefined;

/**
 * Validates the configuration, opens the database, migrates it and seeds the demo workspace when
 * the database is empty. Runs once per process, from the server's `init` hook.
 */
export function startRuntime(
	env: Record<string, string | undefined> = process.env
): Promise<Runtime> {
	starting ??= (async () => {
		const result = readConfig(env);
		if (!result.ok) {
			console.error('Regulars cannot start: the configuration is invalid.');
			for (const error of result.errors) console.error(`  - ${error}`);
			process.exit(1);
		}
		const { config } = result;
		// adapter-node reads HOST and PORT after this hook has run; defaulting them here keeps a bare
		// `node build` on 127.0.0.1 (adapter-node alone would listen on every interface).
		process.env.HOST ||= config.host;
		process.env.PORT ||= String(config.port);
		// SMTP passwords and webhook signing secrets are sealed with this; instances sharing one
		// PostgreSQL database must share REGULARS_SECRET too (SQLite keeps a key file in DATA_DIR).
		configureSecretBox({ secret: env.REGULARS_SECRET, dataDir: config.dataDir });
		// Off by default: a journey's webhook URL must not reach the studio's own network unless
		// the operator, who knows what lives there, says so.
		configureWebhooks({ allowPrivate: config.webhookAllowPrivate });
		const { db, dialect } = connect(config);
		const applied = await migrateToLatest(db);
		if (applied.length)
			console.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
		current = { config, db, dialect };
		printBanner(config, dialect);
		if (config.demo) {
			const demo = await seedDemoIfEmpty(db);
			if (demo.seeded) console.log('Seeded the demo workspace.');
			console.log(`  Demo login:  ${demo.email} / ${demo.password}`);
			console.log(`  Write key:   ${demo.writeKey}`);
			console.log(`  Secret key:  ${demo.secretKey}`);
		}
		const scheduler = startScheduler(db, JOBS);
		const shutdown = () => void scheduler.stop().then(() => db.destroy());
		process.once('sveltekit:shutdown', shutdown);
		return current;
	})();
	return starting;
}

function printBanner(config: Config, dialect: DialectName): void {
	const url = publicUrl(config);
	const storage = dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL';
	console.log(`Regulars studio: ${url}  (storage: ${storage})`);
}

/** The process-wide runtime; request handlers run only after `startRuntime` has finished. */
export function runtime(): Runtime {
	if (!current)
		throw new Error('The runtime has not started: startRuntime() runs in the init hook.');
	return current;
}
