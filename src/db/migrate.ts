import { type MigrationResultSet, Migrator, sql } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {
  constructor(
    readonly migrationName: string | undefined,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(migrationName ? `migration ${migrationName} failed: ${reason}` : reason);
    this.name = 'MigrationError';
  }
}

/** Applies every pending migration, forward only. Returns the names applied. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, result.error);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * How many migrations of this version the database lacks (0 once the server has started: it migrates
 * first). One small query, not the Migrator's introspection of every table: a page may ask.
 */
export async function pendingMigrationCount(db: Database): Promise<number> {
  const applied = await sql<{ name: string }>`select name from schema_migration`.execute(db);
  const names = new Set(applied.rows.map((r) => r.name));
  return Object.keys(migrations).filter((name) => !names.has(name)).length;
}
