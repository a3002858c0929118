import { randomBytes } from 'node:crypto';
import { describe } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { createDb, type Database, sqliteDatabase } from '../../src/db/database.js';
import type { Engine } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedTestDemo } from './demo.js';

/**
 * Databases for tests. SQLite: a fresh in-memory database, migrated (milliseconds). PostgreSQL: a
 * throwaway database cloned from the migrated template that scripts/run-tests.mjs prepared
 * (CLOCHER_TEST_PG_TEMPLATE), dropped when the test is done.
 */
export const PG_ADMIN_URL = process.env.CLOCHER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function testEngines(): Engine[] {
  if (process.env.CLOCHER_TEST_PG_TEMPLATE) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true') throw new Error('PostgreSQL tests must run in CI: run the suite with `npm test`.');
  return ['sqlite'];
}

/** Runs a describe block once per engine: every database test runs on SQLite and on PostgreSQL. */
export function describeEachEngine(name: string, fn: (engine: Engine) => void): void {
  for (const engine of testEngines()) describe(`${name} [${engine}]`, () => fn(engine));
}

export interface TestDb {
  db: Database;
  engine: Engine;
  /** Connection string of the PostgreSQL database (to start a server on it), undefined on SQLite. */
  url: string | undefined;
  destroy(): Promise<void>;
}

function pgUrlFor(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

/** The demo commune, seeded once per test process into an in-memory SQLite database, as bytes. */
let sqliteDemoImage: Promise<Buffer> | undefined;

function seededSqliteImage(): Promise<Buffer> {
  sqliteDemoImage ??= (async () => {
    const sqlite = new SqliteDatabase(':memory:');
    const db = sqliteDatabase(sqlite);
    await migrateToLatest(db);
    await seedTestDemo(db);
    const image = sqlite.serialize();
    await db.destroy();
    return image;
  })();
  return sqliteDemoImage;
}

/**
 * A fresh database, migrated; with `demo`, holding the demo commune too (seeded once per run on
 * PostgreSQL, once per test process on SQLite, then copied: seeding is the slow part).
 */
export async function createTestDb(engine: Engine, options: { demo?: boolean } = {}): Promise<TestDb> {
  if (engine === 'sqlite') {
    const db = options.demo
      ? sqliteDatabase(new SqliteDatabase(await seededSqliteImage()))
      : createDb({ engine: 'sqlite', filename: ':memory:' });
    if (!options.demo) await migrateToLatest(db);
    return { db, engine, url: undefined, destroy: () => db.destroy() };
  }
  const template = options.demo ? process.env.CLOCHER_TEST_PG_TEMPLATE_DEMO : process.env.CLOCHER_TEST_PG_TEMPLATE;
  if (!template) throw new Error('No PostgreSQL template: run the suite with `npm test`.');
  const name = `clocher_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name} template ${template}`);
  const url = pgUrlFor(name);
  const db = createDb({ engine: 'postgres', connectionString: url });
  return {
    db,
    engine,
    url,
    async destroy() {
      await db.destroy();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
