import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Cross-table reads for a commune's export: the tables are found generically (every table having
 * a `commune_id` column), so a module added later is exported without a change here.
 */

// biome-ignore lint/suspicious/noExplicitAny: any table of the schema
type AnyDb = Kysely<any>;

/** The tables owned by communes (with a commune_id column), by name. */
export async function tenantTables(db: Kysely<DB>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables
    .filter((t) => t.columns.some((c) => c.name === 'commune_id'))
    .map((t) => t.name)
    .sort();
}

/** Every row of one commune in a table, in id order when the table has one. */
export async function communeRows(
  db: Kysely<DB>,
  table: string,
  communeId: number,
): Promise<Record<string, unknown>[]> {
  const hasId = (await db.introspection.getTables())
    .find((t) => t.name === table)
    ?.columns.some((c) => c.name === 'id');
  const q = (db as AnyDb)
    .selectFrom(table)
    .selectAll()
    .where('commune_id', '=', communeId)
    .orderBy(hasId ? 'id' : sql`1`);
  return q.execute();
}

/** The commune's own row. */
export async function communeRow(db: Kysely<DB>, communeId: number): Promise<Record<string, unknown> | undefined> {
  return (db as AnyDb).selectFrom('commune').selectAll().where('id', '=', communeId).executeTakeFirst();
}
