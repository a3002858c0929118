import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;

// int8 (count(*), sums) comes back as a string by default; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Opens the database the configuration names. The caller owns it and calls destroy(). */
export function createDb(config: DatabaseConfig): Database {
  if (config.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.connectionString, max: 10 });
    // An idle client that loses its server must not crash the process.
    pool.on('error', () => {});
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  if (config.filename !== ':memory:') fs.mkdirSync(path.dirname(config.filename), { recursive: true });
  return sqliteDatabase(new SqliteDatabase(config.filename));
}

/** Kysely over an open SQLite database (a file, or an in-memory copy), with the platform's settings. */
export function sqliteDatabase(opened: SqliteDatabase.Database): Database {
  const sqlite = withStatementCache(opened);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
}

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE), waiting up to the busy
 * timeout for it. A deferred transaction that reads, then writes, fails at once with SQLITE_BUSY
 * when another process (a second web worker, a CLI command) wrote in between; an immediate one
 * simply waits its turn.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Keeps better-sqlite3's prepared statements by SQL text. Kysely prepares every query anew, and
 * preparing cost about a tenth of a request's time on the submission path. A statement still busy
 * (a stream iterating it) is never handed out twice: a fresh one is prepared instead. SQLite
 * re-prepares a cached statement by itself after a schema change.
 */
function withStatementCache(db: SqliteDatabase.Database, max = 1000): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) return cached;
    const stmt = prepare(source);
    if (!cached) {
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(source, stmt);
    }
    return stmt;
  }) as typeof db.prepare;
  return db;
}

/** True when the database answers a trivial query. */
export async function isReachable(db: Database): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    return true;
  } catch {
    return false;
  }
}
