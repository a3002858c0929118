import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The record of backups, verifications and restores: platform-wide, no commune. */

export type RunKind = 'backup' | 'verify' | 'restore';

export interface BackupRun {
  kind: RunKind;
  name: string;
  startedAt: string;
  finishedAt: string;
  size: number;
  result: 'ok' | 'failed';
  detail: string;
}

export async function insertRun(trx: Kysely<DB>, run: BackupRun): Promise<void> {
  await trx
    .insertInto('backup_run')
    .values({
      kind: run.kind,
      name: run.name,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      size: run.size,
      result: run.result,
      detail: run.detail.slice(0, 1000),
    })
    .execute();
}

/** The latest run of a kind (optionally only the successful ones), or null. */
export async function lastRun(db: Kysely<DB>, kind: RunKind, onlyOk = false): Promise<BackupRun | null> {
  let q = db
    .selectFrom('backup_run')
    .select(['kind', 'name', 'started_at', 'finished_at', 'size', 'result', 'detail'])
    .where('kind', '=', kind);
  if (onlyOk) q = q.where('result', '=', 'ok');
  const row = await q.orderBy('finished_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row
    ? {
        kind: row.kind as RunKind,
        name: row.name,
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        size: Number(row.size),
        result: row.result as 'ok' | 'failed',
        detail: row.detail,
      }
    : null;
}
