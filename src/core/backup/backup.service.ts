import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../audit/index.js';
import type { Clock } from '../clock.js';
import { type Actor, actorUserId, type Log } from '../context.js';
import { backupGzip, packBackup, SECRET } from './archive.js';
import { insertRun, type RunKind } from './backup.platform.repo.js';
import { BACKUP_EXTENSION, backupName, backupsToDelete, isBackupName } from './backup.rules.js';
import { byteCounter, encryptToFile } from './envelope.js';
import { loadPublicKey } from './keys.js';
import { S3BackupTarget } from './s3-target.js';
import { snapshotDatabase, snapshotFileName } from './snapshot.js';

/** What backup services need: the platform's database and clock, and the settings. */
export interface BackupDeps {
  db: Database;
  now: Clock;
  log: Log;
  actor: Actor;
  config: Pick<Config, 'database' | 'dataDir' | 'secret' | 'backup'>;
  /** The bucket copy; default: built from the config when it names a bucket. */
  s3?: S3BackupTarget | null;
}

export interface BackupResult {
  name: string;
  file: string;
  size: number;
  /** Object key in the bucket, when there is one. */
  s3Key: string | null;
}

export type Progress = (done: number, total: number) => void;

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const s3TargetOf = (deps: BackupDeps): S3BackupTarget | null =>
  deps.s3 !== undefined ? deps.s3 : deps.config.backup.s3 ? new S3BackupTarget(deps.config.backup.s3) : null;

/** Records a run and its audit event together (the platform's audit chain). Never masks a failure. */
export async function recordRun(
  deps: Pick<BackupDeps, 'db' | 'log' | 'actor'>,
  run: {
    kind: RunKind;
    name: string;
    startedAt: Date;
    finishedAt: Date;
    size: number;
    error?: unknown;
    detail: string;
  },
): Promise<void> {
  const result = run.error === undefined ? 'ok' : 'failed';
  const detail = run.error === undefined ? run.detail : `${run.detail}: ${errorText(run.error)}`;
  const actions: Record<RunKind, string> = {
    backup: 'backup.created',
    verify: 'backup.verified',
    restore: 'backup.restored',
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertRun(trx, {
        kind: run.kind,
        name: run.name,
        startedAt: run.startedAt.toISOString(),
        finishedAt: run.finishedAt.toISOString(),
        size: run.size,
        result,
        detail,
      });
      await appendAuditEvent(trx, {
        communeId: null,
        occurredAt: run.finishedAt,
        action: result === 'ok' ? actions[run.kind] : `backup.${run.kind}_failed`,
        actorUserId: actorUserId(deps.actor),
        objectType: 'backup',
        objectId: run.name || null,
        details: { size: run.size, detail: detail.slice(0, 300) },
      });
    });
  } catch (error) {
    deps.log.error({ err: errorText(error) }, 'cannot record the backup run');
  }
}

const exists = (file: string) =>
  fsp.access(file).then(
    () => true,
    () => false,
  );

/** A name not taken yet in `dir` (a second backup within the same second gets `-2`). */
async function freeName(dir: string, at: Date): Promise<string> {
  for (let seq = 1; ; seq++) {
    const name = backupName(at, seq);
    const file = path.join(dir, `${name}${BACKUP_EXTENSION}`);
    if (!(await exists(file)) && !(await exists(`${file}.partial`))) return name;
  }
}

/** Copies the data dir's secret file into the staging folder; false when there is none. */
async function stageSecret(deps: BackupDeps, staging: string): Promise<boolean> {
  if (deps.config.secret !== undefined) return false;
  try {
    await fsp.copyFile(path.join(deps.config.dataDir, 'secret'), path.join(staging, SECRET));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Backs up the database (a consistent snapshot), the file store and the instance secret into one
 * encrypted file in `to` (default: the configured backups folder), then copies it to the bucket
 * when one is configured. Recorded and audited, failed or not.
 */
export async function createBackup(
  deps: BackupDeps,
  opts: { to?: string; onProgress?: Progress } = {},
): Promise<BackupResult> {
  const dir = path.resolve(opts.to ?? deps.config.backup.dir);
  const startedAt = deps.now();
  let name = '';
  let size = 0;
  const s3 = s3TargetOf(deps);
  try {
    const publicKey = await loadPublicKey(deps.config.backup.publicKeyFile);
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    name = await freeName(dir, startedAt);
    const file = path.join(dir, `${name}${BACKUP_EXTENSION}`);
    const staging = path.join(dir, `.staging-${name}`);
    await fsp.mkdir(staging, { recursive: true });
    try {
      const engine = deps.config.database.engine;
      const databaseFile = snapshotFileName(engine);
      const rowCounts = await snapshotDatabase(deps.config.database, path.join(staging, databaseFile));
      const hasSecret = await stageSecret(deps, staging);
      const packed = await packBackup({
        staging,
        filesDir: path.join(deps.config.dataDir, 'files'),
        facts: { name, createdAt: startedAt.toISOString(), engine, rowCounts },
        databaseFile,
        hasSecret,
      });
      let done = 0;
      const gzip = backupGzip();
      const counter = byteCounter((n) => {
        done += n;
        opts.onProgress?.(Math.min(done, packed.totalBytes), packed.totalBytes);
      });
      [, size] = await Promise.all([
        pipeline(packed.stream, counter, gzip),
        encryptToFile(gzip, file, publicKey, { name, createdAt: startedAt.toISOString(), engine }),
      ]);
    } finally {
      await fsp.rm(staging, { recursive: true, force: true });
    }
    const s3Key = s3 ? await s3.upload(name, file, startedAt) : null;
    const where = s3Key ? `${dir} and ${s3?.describe()}` : dir;
    await recordRun(deps, { kind: 'backup', name, startedAt, finishedAt: deps.now(), size, detail: where });
    deps.log.info({ name, size, dir, s3: s3Key }, 'backup written');
    return { name, file, size, s3Key };
  } catch (error) {
    await recordRun(deps, { kind: 'backup', name, startedAt, finishedAt: deps.now(), size, error, detail: dir });
    throw error;
  }
}

/** The backups in a folder, oldest first. */
export async function listLocalBackups(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await fsp.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => e.endsWith(BACKUP_EXTENSION))
    .map((e) => e.slice(0, -BACKUP_EXTENSION.length))
    .filter(isBackupName)
    .sort();
}

/**
 * Applies the retention (7 daily, 4 weekly, 12 monthly) to a folder and to the bucket. A locked
 * object in the bucket refuses deletion until its date: that is logged, not an error.
 */
export async function pruneBackups(deps: BackupDeps, dir = deps.config.backup.dir): Promise<string[]> {
  const removed: string[] = [];
  for (const name of backupsToDelete(await listLocalBackups(dir))) {
    await fsp.rm(path.join(dir, `${name}${BACKUP_EXTENSION}`), { force: true });
    removed.push(name);
  }
  const s3 = s3TargetOf(deps);
  if (s3) {
    for (const name of backupsToDelete(await s3.list())) {
      await s3
        .delete(name)
        .catch((error: unknown) => deps.log.info({ name, err: errorText(error) }, 'bucket copy kept (object lock)'));
    }
  }
  if (removed.length > 0) deps.log.info({ removed }, 'old backups removed');
  return removed;
}

/** True when `file` is a regular file (used to tell a missing backup from a bad one). */
export const isFile = (file: string): Promise<boolean> =>
  fsp.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
