import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { type Log, systemActor } from '../context.js';
import type { PeriodicJob } from '../jobs/index.js';
import { lastRun } from './backup.platform.repo.js';
import { backupFreshness } from './backup.rules.js';
import { createBackup, errorText, pruneBackups } from './backup.service.js';
import { createKeyPair, hasPublicKey } from './keys.js';
import { verifyBackup } from './verify.service.js';

export type { Manifest } from './archive.js';
export type { BackupRun } from './backup.platform.repo.js';
export { BACKUP_EXTENSION, backupsToDelete, STALE_AFTER_MS } from './backup.rules.js';
export {
  type BackupDeps,
  type BackupResult,
  createBackup,
  listLocalBackups,
  type Progress,
  pruneBackups,
  recordRun,
} from './backup.service.js';
export { BackupKeyError, createKeyPair, hasPublicKey } from './keys.js';
export { S3BackupTarget } from './s3-target.js';
export { restoreBackup, type VerifyResult, verifyBackup } from './verify.service.js';

type BackupSettings = Pick<Config, 'database' | 'dataDir' | 'secret' | 'backup'>;

/**
 * The server's own daily backup: back up, verify it when the passphrase is configured, then apply
 * the retention. A failure is recorded (the back-office shows it) and the next slot tries again.
 */
export function backupPeriodicJob(config: BackupSettings): PeriodicJob[] {
  if (config.backup.schedule === null) return [];
  return [
    {
      name: 'backup.daily',
      schedule: config.backup.schedule,
      handler: async (ctx) => {
        const deps = { db: ctx.db, now: ctx.now, log: ctx.log, actor: systemActor('backup'), config };
        try {
          const made = await createBackup(deps);
          if (config.backup.passphrase)
            await verifyBackup(deps, { name: made.name, passphrase: config.backup.passphrase });
          await pruneBackups(deps);
        } catch (error) {
          ctx.log.error({ err: errorText(error) }, 'scheduled backup failed');
        }
      },
    },
  ];
}

/** At start: with a passphrase and no key yet, creates the pair and says where it is. */
export async function ensureBackupKey(config: BackupSettings, log: Log): Promise<void> {
  const { passphrase, publicKeyFile, privateKeyFile } = config.backup;
  if (await hasPublicKey(publicKeyFile)) return;
  if (!passphrase) {
    log.warn('no backup key: run `clocher backup init` (or set CLOCHER_BACKUP_PASSPHRASE) to enable backups');
    return;
  }
  await createKeyPair({ publicKeyFile, privateKeyFile }, passphrase);
  log.warn(
    { privateKeyFile },
    'backup key pair created: keep a copy of the private key and the passphrase off this server',
  );
}

/** What the back-office shows of backups. */
export interface BackupStatus {
  lastBackup: { name: string; finishedAt: string; size: number; ok: boolean; detail: string } | null;
  lastOkBackupAt: string | null;
  lastVerify: { name: string; finishedAt: string; ok: boolean } | null;
  lastVerifiedOk: { name: string; finishedAt: string } | null;
  /** No successful backup for more than 48 hours (or ever). */
  stale: boolean;
  hoursSince: number | null;
  /** A verification succeeded within the last 48 hours (the server holds the passphrase). */
  verifiedRecently: boolean;
}

/** Last backup and verification, from the record of runs. */
export async function backupStatus(db: Database, now: Date): Promise<BackupStatus> {
  const [last, lastOk, verify, verifiedOk] = await Promise.all([
    lastRun(db, 'backup'),
    lastRun(db, 'backup', true),
    lastRun(db, 'verify'),
    lastRun(db, 'verify', true),
  ]);
  const fresh = backupFreshness(lastOk?.finishedAt ?? null, now);
  return {
    lastBackup: last
      ? { name: last.name, finishedAt: last.finishedAt, size: last.size, ok: last.result === 'ok', detail: last.detail }
      : null,
    lastOkBackupAt: lastOk?.finishedAt ?? null,
    lastVerify: verify ? { name: verify.name, finishedAt: verify.finishedAt, ok: verify.result === 'ok' } : null,
    lastVerifiedOk: verifiedOk ? { name: verifiedOk.name, finishedAt: verifiedOk.finishedAt } : null,
    stale: fresh.stale,
    hoursSince: fresh.hoursSince,
    verifiedRecently: verifiedOk !== null && !backupFreshness(verifiedOk.finishedAt, now).stale,
  };
}
export { type CommuneExportResult, exportCommune } from './commune-export.js';
