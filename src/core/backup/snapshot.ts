import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../../config.js';

/**
 * Consistent copies of the database and their restoration, per engine. SQLite: the online backup
 * API (pages copied while the server keeps writing). PostgreSQL: pg_dump (plain SQL) inside an
 * exported REPEATABLE READ snapshot, the row counts being taken in that same snapshot.
 */

export type RowCounts = Record<string, number>;

export class SnapshotError extends Error {}

/** The file name of the database copy inside a backup. */
export const snapshotFileName = (engine: DatabaseConfig['engine']): string =>
  engine === 'sqlite' ? 'database.sqlite' : 'database.sql';

/** Copies the database into `dest`; returns the row count of every table at that instant. */
export async function snapshotDatabase(db: DatabaseConfig, dest: string): Promise<RowCounts> {
  if (db.engine === 'sqlite') {
    if (db.filename === ':memory:') throw new SnapshotError('an in-memory database cannot be backed up');
    const source = new SqliteDatabase(db.filename, { readonly: true, fileMustExist: true });
    try {
      await source.backup(dest);
    } finally {
      source.close();
    }
    return countSqliteRows(dest);
  }
  return dumpPostgres(db.connectionString, dest);
}

/** Row counts of a SQLite file (and a failed integrity check is an error). */
export function countSqliteRows(file: string): RowCounts {
  const sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new SnapshotError(`the SQLite copy is damaged: ${String(check)}`);
    const tables = sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    const counts: RowCounts = {};
    for (const t of tables) {
      counts[t] = sqlite
        .prepare(`select count(*) from "${t.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number;
    }
    return counts;
  } finally {
    sqlite.close();
  }
}

/** Row counts of every table of PostgreSQL's public schema, through an open client. */
async function countPostgresRows(client: pg.Client): Promise<RowCounts> {
  const tables = await client.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  const counts: RowCounts = {};
  for (const { name } of tables.rows) {
    const r = await client.query<{ n: string }>(`select count(*) as n from public."${name.replace(/"/g, '""')}"`);
    counts[name] = Number(r.rows[0]?.n ?? 0);
  }
  return counts;
}

export async function countPostgresRowsAt(connectionString: string): Promise<RowCounts> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await countPostgresRows(client);
  } finally {
    await client.end();
  }
}

/** Connection settings for libpq tools: the password goes through the environment, not argv. */
function libpqTarget(connectionString: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(connectionString);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, stdin?: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new SnapshotError(
          error.code === 'ENOENT'
            ? `${cmd} is not installed (Debian: apt-get install postgresql-client-15)`
            : `${cmd}: ${error.message}`,
        ),
      ),
    );
    if (stdin && child.stdin) {
      pipeline(stdin, child.stdin).catch((error: unknown) => child.kill() && reject(error));
    }
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new SnapshotError(`${cmd} failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/** pg_dump must be at least the server's major version (15 here). */
async function checkPgDump(client: pg.Client): Promise<void> {
  const server = Number((await client.query<{ v: string }>('show server_version_num')).rows[0]?.v ?? 0);
  const text = await run('pg_dump', ['--version'], process.env);
  const major = Number(/(\d+)(?:\.\d+)?/.exec(text)?.[1] ?? 0);
  if (major < Math.floor(server / 10000)) {
    throw new SnapshotError(`pg_dump ${major} is older than the PostgreSQL ${Math.floor(server / 10000)} server`);
  }
}

async function dumpPostgres(connectionString: string, dest: string): Promise<RowCounts> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await checkPgDump(client);
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]?.s ?? '';
    const counts = await countPostgresRows(client);
    const target = libpqTarget(connectionString);
    await run(
      'pg_dump',
      [
        `--dbname=${target.url}`,
        `--snapshot=${snapshot}`,
        '--format=plain',
        '--no-owner',
        '--no-privileges',
        '--no-comments',
        `--file=${dest}`,
      ],
      target.env,
    );
    await client.query('commit');
    return counts;
  } finally {
    await client.end();
  }
}

/**
 * Replaces the whole public schema of a PostgreSQL database by a dump, in one transaction: on
 * any error nothing has changed.
 */
export async function loadPostgresDump(connectionString: string, dumpFile: string): Promise<void> {
  const target = libpqTarget(connectionString);
  const input = Readable.from(
    (async function* () {
      yield Buffer.from('DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n');
      for await (const chunk of fs.createReadStream(dumpFile)) yield chunk as Buffer;
    })(),
  );
  await run(
    'psql',
    ['--no-psqlrc', '--quiet', '-v', 'ON_ERROR_STOP=1', '--single-transaction', `--dbname=${target.url}`, '--file=-'],
    target.env,
    input,
  );
}

/** A throwaway PostgreSQL database beside the configured one (to verify a dump); drop() removes it. */
export async function scratchPostgres(connectionString: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `clocher_verify_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } catch (error) {
    throw new SnapshotError(`cannot create a scratch database to verify: ${(error as Error).message}`);
  } finally {
    await admin.end();
  }
  const u = new URL(connectionString);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
