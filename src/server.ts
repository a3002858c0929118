import cluster from 'node:cluster';
import path from 'node:path';
import pino from 'pino';
import { buildApp } from './app.js';
import { onPeerNotice, startWorkers, tellPeers, workerIndex } from './cluster.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { mailTransportFor, startBackgroundWork } from './core/background.js';
import { ensureBackupKey } from './core/backup/index.js';
import { systemClock } from './core/clock.js';
import { systemActor } from './core/context.js';
import { DiskFileStore } from './core/files/index.js';
import { PageCache } from './core/http/page-cache.js';
import { resolveSecret } from './core/secret.js';
import { CommuneResolver, listCommunes } from './core/tenancy/index.js';
import { createDb, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO_ACCOUNTS, demoPassword, seedDemo } from './demo/demo.js';

/**
 * Entry point: loadConfig → createDb → migrate (and seed the demo) → buildApp → listen; graceful
 * close. With CLOCHER_WORKERS > 1 this process prepares the database and forks the web workers,
 * which run this same file and only serve (see cluster.ts).
 */
async function main(): Promise<void> {
  const config = configOrExit();
  const log = pino({ level: config.logLevel, redact: ['req.headers.cookie', 'password'] });
  if (cluster.isWorker) {
    const running = await serve(config, log, createDb(config.database), workerIndex() === 1);
    onSignals(running.close, log);
    return;
  }

  const db = createDb(config.database);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) log.info({ migrations: applied.length }, 'database migrated');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`clocher: cannot open the ${config.database.engine} database: ${reason}`);
    await db.destroy().catch(() => {});
    process.exit(1);
  }
  // With CLOCHER_BACKUP_PASSPHRASE and no backup key yet, the first start creates the pair.
  await ensureBackupKey(config, log).catch((error) => log.error({ err: String(error) }, 'backup key not created'));
  let password: string | undefined;
  if (config.demo) {
    password = demoPassword(config.demoPassword, config.dataDir);
    const ctx = { db, now: systemClock, log, actor: systemActor('startup'), files: filesOf(config) };
    if (await seedDemo(ctx, password)) log.info('demo commune seeded');
  }
  const communes = await listCommunes(db);

  if (config.workers === 1) {
    onSignals((await serve(config, log, db, true)).close, log);
  } else {
    await db.destroy();
    try {
      const supervisor = await startWorkers(config.workers, log);
      onSignals(() => supervisor.stop().then(() => process.exit(0)), log);
    } catch (error) {
      console.error(`clocher: ${(error as Error).message}`);
      process.exit(1);
    }
  }

  const lines = [
    '',
    `Clocher is running (${config.database.engine}${config.workers > 1 ? `, ${config.workers} workers` : ''}).`,
    `  Public site:  ${config.publicUrl}/`,
    `  Back-office:  ${config.publicUrl}/admin`,
  ];
  if (communes.length === 0) {
    lines.push('  No commune yet: add one with `npm run clocher -- commune add <INSEE code>`.');
  }
  if (password && communes.some((c) => c.isDemo)) {
    lines.push('  Demo accounts (no second factor), all with the password:', `    ${password}`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.email.padEnd(36)} ${a.role}`);
  }
  console.log(`${lines.join('\n')}\n`);
}

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`clocher: configuration error: ${problem}`);
      process.exit(1);
    }
    throw error;
  }
}

const filesOf = (config: Config) => new DiskFileStore(path.join(config.dataDir, 'files'));

/** Builds the web application on an open database and listens; `background`: also the mail outbox and jobs. */
async function serve(
  config: Config,
  log: pino.Logger,
  db: Database,
  background: boolean,
): Promise<{ close: () => Promise<void> }> {
  const files = filesOf(config);
  const pageCache = new PageCache(db, config.pageCache, systemClock);
  const resolver = new CommuneResolver(db, config.defaultCommune);
  // Sibling workers forget at once what this one changed (they would see it within a second anyway).
  pageCache.onForget = (communeId) => tellPeers({ type: 'clocher:forget-pages', communeId });
  resolver.onInvalidate = () => tellPeers({ type: 'clocher:forget-communes' });
  onPeerNotice((notice) => {
    if (notice.type === 'clocher:forget-pages') pageCache.forget(notice.communeId, false);
    else resolver.invalidate(false);
  });
  const app = await buildApp(
    { config, db, now: systemClock, resolver, files, secret: resolveSecret(config.secret, config.dataDir), pageCache },
    log,
  );
  const work = background
    ? startBackgroundWork({ db, config, now: systemClock, log, transport: mailTransportFor(config), files })
    : undefined;
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    console.error(`clocher: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
    process.exit(1);
  }
  return {
    close: async () => {
      await app.close();
      await work?.stop();
      await db.destroy();
      process.exit(0);
    },
  };
}

/** SIGTERM and SIGINT close once, or exit anyway after ten seconds. */
function onSignals(close: () => Promise<void>, log: pino.Logger): void {
  let closing = false;
  const handler = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    void close();
  };
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}

main().catch((error) => {
  console.error(`clocher: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
