import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A database of its own for this test run, or '' when PostgreSQL cannot be reached. */
		postgresUrl: string;
	}
}

const ADMIN_URL = process.env.REGULARS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Creates one PostgreSQL database for the whole run (each test file then works in a schema of
 * its own) and drops it afterwards. When the server is unreachable the PostgreSQL tests skip, and
 * this says so out loud.
 */
export default async function setup(project: TestProject) {
	const name = `regulars_test_${process.pid}_${Date.now().toString(36)}`;
	const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
	try {
		await admin.connect();
		await admin.query(`create database ${name}`);
	} catch (error) {
		console.warn(
			`\n[postgres] PostgreSQL tests are SKIPPED: cannot use ${ADMIN_URL} (${(error as Error).message}).` +
				'\n[postgres] Start it, or point REGULARS_TEST_PG at a server, to run them.\n'
		);
		await admin.end().catch(() => undefined);
		project.provide('postgresUrl', '');
		return;
	}
	await admin.end();
	const url = new URL(ADMIN_URL);
	url.pathname = `/${name}`;
	project.provide('postgresUrl', url.toString());
	console.log(`[postgres] PostgreSQL tests run in database ${name} on ${url.host}`);

	return async () => {
		const cleanup = new pg.Client({ connectionString: ADMIN_URL });
		await cleanup.connect();
		await cleanup.query(`drop database if exists ${name} with (force)`);
		await cleanup.end();
	};
}
