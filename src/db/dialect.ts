import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL differ. Everything else is written once.
 *
 * Shared conventions (both engines behave the same with them):
 * - ids: integer, auto-generated; timestamps: text, ISO-8601 UTC with milliseconds
 *   (`2026-11-28T18:17:00.000Z`), so they sort and compare as strings; dates: text `YYYY-MM-DD`;
 * - booleans: integer 0/1, mapped to boolean by the repos; JSON: text, parsed by the repos.
 */

export type Engine = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: works on any schema (migrations use Kysely<any>)
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column builder for an auto-generated integer primary key. */
// biome-ignore lint/suspicious/noExplicitAny: migrations use Kysely<any>
export function autoId(db: Kysely<any>) {
  return (col: ColumnDefinitionBuilder) =>
    engineOf(db) === 'postgres' ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();
}

/**
 * Takes a transaction-scoped lock on (space, key). On PostgreSQL an advisory lock held until the
 * transaction ends; on SQLite the single writer already serializes transactions, so nothing to do.
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export async function lockForTransaction(trx: Kysely<any>, space: number, key: number): Promise<void> {
  if (engineOf(trx) === 'postgres') {
    await sql`select pg_advisory_xact_lock(${space}::int, ${key}::int)`.execute(trx);
  }
}

/** Case-insensitive "contains" that behaves the same on both engines (ASCII case folding). */
export function containsInsensitive(column: string, needle: string): RawBuilder<boolean> {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
