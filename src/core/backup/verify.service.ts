import type { KeyObject } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../config.js';
import { notFound } from '../errors.js';
import { type Manifest, SECRET, unpackAndCheck } from './archive.js';
import { BACKUP_EXTENSION, isBackupName } from './backup.rules.js';
import { type BackupDeps, isFile, listLocalBackups, recordRun, s3TargetOf } from './backup.service.js';
import { decryptFile } from './envelope.js';
import { loadPrivateKey } from './keys.js';
import {
  countPostgresRowsAt,
  countSqliteRows,
  loadPostgresDump,
  type RowCounts,
  SnapshotError,
  scratchPostgres,
} from './snapshot.js';

export interface VerifyResult {
  name: string;
  tables: number;
  rows: number;
  files: number;
}

/** Where a backup is read from: a folder (default: the backups folder) or the bucket. */
export interface BackupSource {
  from?: string;
  fromS3?: boolean;
  /** Default: the latest. */
  name?: string;
}

/** The row counts must be those the manifest recorded, table by table. */
export function compareCounts(expected: RowCounts, actual: RowCounts): void {
  const tables = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const t of [...tables].sort()) {
    if (expected[t] !== actual[t]) {
      throw new SnapshotError(
        `table ${t}: ${actual[t] ?? 'missing'} rows restored, ${expected[t] ?? 'none'} backed up`,
      );
    }
  }
}

/** Finds the backup file (downloading it from the bucket into `scratch` if asked). */
async function locate(
  deps: Pick<BackupDeps, 'config' | 's3'>,
  source: BackupSource,
  scratch: string,
): Promise<{ name: string; file: string }> {
  const dir = path.resolve(source.from ?? deps.config.backup.dir);
  const s3 = source.fromS3 ? s3TargetOf(deps as BackupDeps) : null;
  if (source.fromS3 && !s3) throw notFound('No bucket is configured (CLOCHER_BACKUP_S3_BUCKET).');
  const names = s3 ? await s3.list() : await listLocalBackups(dir);
  const name = source.name ?? names.at(-1);
  if (!name) throw notFound(`No backup in ${s3 ? s3.describe() : dir}.`);
  if (!isBackupName(name) || !names.includes(name)) throw notFound(`No backup named ${name}.`);
  if (!s3) return { name, file: path.join(dir, `${name}${BACKUP_EXTENSION}`) };
  const file = path.join(scratch, `${name}${BACKUP_EXTENSION}`);
  await s3.download(name, file);
  return { name, file };
}

async function unpack(file: string, privateKey: KeyObject, dir: string): Promise<Manifest> {
  if (!(await isFile(file))) throw notFound(`${file} is not a backup file.`);
  return unpackAndCheck(await decryptFile(file, privateKey), dir);
}

const totalRows = (counts: RowCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Restores a backup into a scratch location (a temporary folder, and a scratch database on
 * PostgreSQL) and checks every checksum and the row count of every table. Needs the passphrase.
 * Recorded and audited, failed or not.
 */
export async function verifyBackup(
  deps: BackupDeps,
  source: BackupSource & { passphrase: string },
): Promise<VerifyResult> {
  const startedAt = deps.now();
  const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'clocher-verify-'));
  let name = source.name ?? '';
  let size = 0;
  try {
    const privateKey = await loadPrivateKey(deps.config.backup.privateKeyFile, source.passphrase);
    const found = await locate(deps, source, scratch);
    name = found.name;
    size = (await fsp.stat(found.file)).size;
    const manifest = await unpack(found.file, privateKey, path.join(scratch, 'content'));
    const dbFile = path.join(scratch, 'content', manifest.database.path);
    let counts: RowCounts;
    if (manifest.engine === 'sqlite') {
      counts = countSqliteRows(dbFile);
    } else {
      if (deps.config.database.engine !== 'postgres') {
        throw new SnapshotError('a PostgreSQL backup is verified on a PostgreSQL server');
      }
      const pg = await scratchPostgres(deps.config.database.connectionString);
      try {
        await loadPostgresDump(pg.url, dbFile);
        counts = await countPostgresRowsAt(pg.url);
      } finally {
        await pg.drop();
      }
    }
    compareCounts(manifest.rowCounts, counts);
    const result = { name, tables: Object.keys(counts).length, rows: totalRows(counts), files: manifest.files.length };
    const detail = `${result.tables} tables, ${result.rows} rows, ${result.files} files checked`;
    await recordRun(deps, { kind: 'verify', name, startedAt, finishedAt: deps.now(), size, detail });
    return result;
  } catch (error) {
    await recordRun(deps, { kind: 'verify', name, startedAt, finishedAt: deps.now(), size, error, detail: 'verify' });
    throw error;
  } finally {
    await fsp.rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Replaces the database, the file store and the secret by those of a backup, after checking it
 * whole in a scratch folder of the data dir (so the final moves are renames). The server must be
 * stopped. Returns the backup's manifest; the caller records the restore in the restored database.
 */
export async function restoreBackup(
  config: Pick<Config, 'database' | 'dataDir' | 'secret' | 'backup'>,
  source: BackupSource & { passphrase: string },
): Promise<{ name: string; manifest: Manifest }> {
  const deps = { config, s3: undefined };
  await fsp.mkdir(config.dataDir, { recursive: true });
  const scratch = path.join(config.dataDir, `.restore-${randomBytes(6).toString('hex')}`);
  await fsp.mkdir(scratch, { mode: 0o700 });
  try {
    const privateKey = await loadPrivateKey(config.backup.privateKeyFile, source.passphrase);
    const { name, file } = await locate(deps, source, scratch);
    const content = path.join(scratch, 'content');
    const manifest = await unpack(file, privateKey, content);
    if (manifest.engine !== config.database.engine) {
      throw new SnapshotError(`a ${manifest.engine} backup cannot be restored into ${config.database.engine}`);
    }
    const dbFile = path.join(content, manifest.database.path);
    if (config.database.engine === 'sqlite') {
      compareCounts(manifest.rowCounts, countSqliteRows(dbFile));
      const target = config.database.filename;
      await fsp.mkdir(path.dirname(target), { recursive: true });
      for (const suffix of ['-wal', '-shm']) await fsp.rm(`${target}${suffix}`, { force: true });
      await fsp.rename(dbFile, target);
    } else {
      await loadPostgresDump(config.database.connectionString, dbFile);
      compareCounts(manifest.rowCounts, await countPostgresRowsAt(config.database.connectionString));
    }
    await replaceFiles(config.dataDir, path.join(content, 'files'));
    if (manifest.secret && config.secret === undefined) {
      await fsp.copyFile(path.join(content, SECRET), path.join(config.dataDir, 'secret'));
      await fsp.chmod(path.join(config.dataDir, 'secret'), 0o600);
    }
    return { name, manifest };
  } finally {
    await fsp.rm(scratch, { recursive: true, force: true });
  }
}

/** Swaps the file store for the restored one (the old one is removed once the new one is in place). */
async function replaceFiles(dataDir: string, restored: string): Promise<void> {
  const live = path.join(dataDir, 'files');
  const old = path.join(dataDir, `.files-replaced-${randomBytes(6).toString('hex')}`);
  const hadLive = await fsp.rename(live, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  await fsp.rename(restored, live).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await fsp.mkdir(live, { recursive: true });
  });
  if (hadLive) await fsp.rm(old, { recursive: true, force: true });
}
