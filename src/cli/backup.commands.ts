import readline from 'node:readline';
import { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import pino from 'pino';
import { loadConfig } from '../config.js';
import {
  BackupKeyError,
  createBackup,
  createKeyPair,
  type Progress,
  pruneBackups,
  recordRun,
  restoreBackup,
  verifyBackup,
} from '../core/backup/index.js';
import { systemClock } from '../core/clock.js';
import { systemActor } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { action, CliError, withPlatform } from './cli-context.js';

/** Asks a question on the terminal; `hidden` does not echo what is typed (a passphrase). */
function ask(question: string, hidden = false): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('no terminal to ask on: set CLOCHER_BACKUP_PASSPHRASE or use --yes');
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      resolve(answer);
    });
    muted = hidden;
  });
}

async function passphrase(configured: string | undefined, confirm = false): Promise<string> {
  if (configured) return configured;
  const first = await ask('Backup passphrase: ', true);
  if (confirm && (await ask('Same passphrase again: ', true)) !== first) throw new CliError('the passphrases differ');
  if (first.length < 12) throw new CliError('the passphrase must be at least 12 characters long');
  return first;
}

/** A progress bar on a terminal only; nothing when the output is a file or a pipe. */
function progressBar(): { onProgress: Progress | undefined; stop(): void } {
  if (!process.stderr.isTTY) return { onProgress: undefined, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'backup [{bar}] {percentage}% | {value}/{total} MB', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(done, total) {
      const mb = (n: number) => Math.round(n / 1048576);
      if (!started) bar.start(mb(total), 0);
      started = true;
      bar.update(mb(done));
    },
    stop: () => started && bar.stop(),
  };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** clocher backup [--to DIR] */
export const backup = action(async (opts: { to?: string }) => {
  await withPlatform(async (ctx, config) => {
    const bar = progressBar();
    const deps = { ...ctx, config };
    try {
      const made = await wrapKeyErrors(createBackup(deps, { to: opts.to, onProgress: bar.onProgress }));
      bar.stop();
      console.log(`Backup ${made.name} written: ${made.file} (${mb(made.size)}).`);
      if (made.s3Key) console.log(`Copied to the bucket as ${made.s3Key}.`);
      const removed = await pruneBackups(deps, opts.to ?? config.backup.dir);
      if (removed.length > 0)
        console.log(`Removed ${removed.length} old backup(s) (7 daily, 4 weekly, 12 monthly kept).`);
    } finally {
      bar.stop();
    }
  });
});

/** clocher backup init [--private-key FILE] */
export const backupInit = action(async (opts: { privateKey?: string }) => {
  const config = loadConfig();
  const privateKeyFile = opts.privateKey ?? config.backup.privateKeyFile;
  const secret = await passphrase(config.backup.passphrase, true);
  try {
    const made = await createKeyPair({ publicKeyFile: config.backup.publicKeyFile, privateKeyFile }, secret);
    console.log(`Backup key ${made.keyId} created.`);
  } catch (error) {
    if (error instanceof BackupKeyError) throw new CliError(error.message);
    throw error;
  }
  console.log(`  Public key (stays on the server): ${config.backup.publicKeyFile}`);
  console.log(`  Private key, protected by the passphrase: ${privateKeyFile}`);
  console.log('Keep a copy of the private key and of the passphrase OFF this server (a USB key in the');
  console.log("mairie's safe, a password manager): without them no backup can be verified or restored.");
});

/** clocher backup verify [NAME] [--from DIR|--s3] */
export const backupVerify = action(async (name: string | undefined, opts: { from?: string; s3?: boolean }) => {
  await withPlatform(async (ctx, config) => {
    const secret = await passphrase(config.backup.passphrase);
    const r = await wrapKeyErrors(
      verifyBackup({ ...ctx, config }, { name, from: opts.from, fromS3: opts.s3, passphrase: secret }),
    );
    console.log(`Backup ${r.name} verified: ${r.tables} tables, ${r.rows} rows, ${r.files} files, all as recorded.`);
  });
});

/** clocher restore NAME [--from DIR|--s3] [--yes] */
export const restore = action(async (name: string, opts: { from?: string; s3?: boolean; yes?: boolean }) => {
  const config = loadConfig();
  if (!opts.yes) {
    const where = config.database.engine === 'sqlite' ? config.database.filename : 'the PostgreSQL database';
    const answer = await ask(
      `This replaces ${where} and ${config.dataDir}/files by backup ${name}. Type "restore" to go on: `,
    );
    if (answer.trim() !== 'restore') throw new CliError('restore cancelled');
  }
  const secret = await passphrase(config.backup.passphrase);
  const startedAt = systemClock();
  const restored = await wrapKeyErrors(
    restoreBackup(config, { name, from: opts.from, fromS3: opts.s3, passphrase: secret }),
  );
  const db = createDb(config.database);
  try {
    await migrateToLatest(db);
    const log = pino({ level: 'warn' }, pino.destination(2));
    await recordRun(
      { db, log, actor: systemActor('cli') },
      {
        kind: 'restore',
        name,
        startedAt,
        finishedAt: systemClock(),
        size: 0,
        detail: `${restored.manifest.files.length} files, database of ${restored.manifest.createdAt}`,
      },
    );
  } finally {
    await db.destroy();
  }
  console.log(`Backup ${name} restored (taken ${restored.manifest.createdAt}). Start the server again.`);
});

/** Expected failures of backups (key, damaged file, missing tool) become one-line messages. */
async function wrapKeyErrors<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (error) {
    if (error instanceof AppError || error instanceof CliError || !(error instanceof Error)) throw error;
    throw new CliError(error.message);
  }
}
