import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

export interface DbTarget {
	/** `postgres://...` selects PostgreSQL; otherwise SQLite in `dataDir`. */
	databaseUrl?: string;
	dataDir?: string;
	/** SQLite only: a file name inside dataDir, or ':memory:'. */
	sqliteFile?: string;
}

const INT8_OID = 20;

/** For the few statements the dialects write differently. */
export function dialectOf(db: Db): DialectName {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function connect(target: DbTarget): { db: Db; dialect: DialectName } {
	if (target.databaseUrl) {
		const pool = new pg.Pool({
			connectionString: target.databaseUrl,
			max: 10,
			// Counts and ids come back as int8; they fit a JS number, and a string would leak into
			// every comparison the services make.
			types: {
				getTypeParser: ((oid: number, format: 'text') =>
					oid === INT8_OID
						? (value: string) => Number(value)
						: (pg.types.getTypeParser(oid, format) as (
								value: string
							) => unknown)) as typeof pg.types.getTypeParser
			}
		});
		return {
			db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
			dialect: 'postgres'
		};
	}
	const file = target.sqliteFile ?? 'regulars.sqlite';
	let path = file;
	if (file !== ':memory:') {
		const dir = target.dataDir ?? './data';
		mkdirSync(dir, { recursive: true });
		path = join(dir, file);
	}
	const database = new SQLite(path);
	database.pragma('journal_mode = WAL');
	database.pragma('foreign_keys = ON');
	database.pragma('busy_timeout = 5000');
	// WAL with NORMAL sync stays durable across process crashes; only an OS crash can lose the
	// last commits, which is the trade every embedded WAL deployment makes.
	database.pragma('synchronous = NORMAL');
	cachePreparedStatements(database);
	if (file !== ':memory:') {
		database.pragma('wal_autocheckpoint = 0');
		const stop = startCheckpointer(path);
		const close = database.close.bind(database);
		database.close = () => {
			stop();
			return close();
		};
	}
	return {
		db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
		dialect: 'sqlite'
	};
}

/**
 * kysely prepares every query afresh; a hot path such as ingestion repeats the same few SQL texts,
 * and preparing them is a measurable share of its time. better-sqlite3 runs one statement at a
 * time on this connection, so reusing a prepared statement is safe (kysely never streams here).
 */
function cachePreparedStatements(database: SQLite.Database, size = 256): void {
	const prepare = database.prepare.bind(database);
	const cache = new Map<string, SQLite.Statement>();
	database.prepare = ((source: string) => {
		let statement = cache.get(source);
		if (statement) {
			cache.delete(source);
		} else {
			statement = prepare(source);
			if (cache.size >= size) cache.delete(cache.keys().next().value!);
		}
		cache.set(source, statement);
		return statement;
	}) as typeof database.prepare;
}
