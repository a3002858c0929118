import path from 'node:path';
import pino from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { mailTransportFor, startBackgroundWork } from './core/background.js';
import { ensureBackupKey } from './core/backup/index.js';
import { systemClock } from './core/clock.js';
import { systemActor } from './core/context.js';
import { DiskFileStore } from './core/files/index.js';
import { resolveSecret } from './core/secret.js';
import { CommuneResolver, listCommunes } from './core/tenancy/index.js';
import { createDb } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO_ACCOUNTS, demoPassword, seedDemo } from './demo/demo.js';

/** Entry point: loadConfig → createDb → migrate (and seed the demo) → buildApp → listen; graceful close. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`clocher: configuration error: ${problem}`);
      process.exit(1);
    }
    throw error;
  }
  const log = pino({ level: config.logLevel, redact: ['req.headers.cookie', 'password'] });
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
  const files = new DiskFileStore(path.join(config.dataDir, 'files'));
  const ctx = { db, now: systemClock, log, actor: systemActor('startup'), files };
  let password: string | undefined;
  if (config.demo) {
    password = demoPassword(config.demoPassword, config.dataDir);
    if (await seedDemo(ctx, password)) log.info('demo commune seeded');
  }

  const app = await buildApp(
    {
      config,
      db,
      now: systemClock,
      resolver: new CommuneResolver(db, config.defaultCommune),
      files,
      secret: resolveSecret(config.secret, config.dataDir),
    },
    log,
  );
  const background = startBackgroundWork({
    db,
    config,
    now: systemClock,
    log,
    transport: mailTransportFor(config),
    files,
  });

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await background.stop();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    console.error(`clocher: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
    process.exit(1);
  }
  const communes = await listCommunes(db);
  const lines = [
    '',
    `Clocher is running (${config.database.engine}).`,
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

main().catch((error) => {
  console.error(`clocher: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
