import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Db, type DialectName } from './connect';
import { migrateToLatest } from './migrate';

/** For tests only: a migrated, empty database of each dialect, so one suite runs on both. */
export interface TestDatabase {
	dialect: DialectName;
	/** A fresh migrated database (SQLite in memory, or a new PostgreSQL schema). */
	open: () => Promise<{ db: Db; close: () => Promise<void> }>;
}

export function postgresUrl(): string {
	return inject('postgresUrl');
}

export const sqliteDatabase: TestDatabase = {
	dialect: 'sqlite',
	open: async () => {
		const { db } = connect({ sqliteFile: ':memory:' });
		await migrateToLatest(db);
		return { db, close: () => db.destroy() };
	}
};

let counter = 0;

export const postgresDatabase: TestDatabase = {
	dialect: 'postgres',
	open: async () => {
		const base = postgresUrl();
		if (!base) throw new Error('PostgreSQL is not available for tests');
		const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
		const admin = new pg.Client({ connectionString: base });
		await admin.connect();
		await admin.query(`create schema ${schema}`);
		await admin.end();
		const url = new URL(base);
		url.searchParams.set('options', `-c search_path=${schema}`);
		const { db } = connect({ databaseUrl: url.toString() });
		await migrateToLatest(db, { schema });
		return {
			db,
			close: async () => {
				await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
				await db.destroy();
			}
		};
	}
};

/** Both dialects; PostgreSQL is marked to skip (with the reason printed by globalSetup) when absent. */
export function testDatabases(): (TestDatabase & { skip: boolean })[] {
	return [
		{ ...sqliteDatabase, skip: false },
		{ ...postgresDatabase, skip: !postgresUrl() }
	];
}
