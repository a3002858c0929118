import pino from 'pino';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { systemClock } from '../core/clock.js';
import { type PlatformCtx, systemActor } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { createDb, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/** A command failure: printed as one line, exit code 1, never a stack trace. */
export class CliError extends Error {}

/** Opens the configured database (migrated) for one command, and always closes it. */
export async function withPlatform<T>(fn: (ctx: PlatformCtx, config: Config, db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = createDb(config.database);
  try {
    try {
      await migrateToLatest(db);
    } catch (error) {
      throw new CliError(`cannot open the ${config.database.engine} database: ${(error as Error).message}`);
    }
    const log = pino({ level: process.env.CLOCHER_LOG_LEVEL ?? 'warn' }, pino.destination(2));
    return await fn({ db, now: systemClock, log, actor: systemActor('cli') }, config, db);
  } finally {
    await db.destroy();
  }
}

/** What commander calls with a command's arguments, options and the command itself. */
export type CommandAction = (...args: unknown[]) => Promise<void>;

/** Runs a command action and turns every expected failure into a one-line message. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): CommandAction {
  return async (...args) => {
    try {
      // The declaration in main.ts gives commander the arguments and options this function expects.
      await fn(...(args as A));
    } catch (error) {
      if (error instanceof ConfigError) {
        for (const p of error.problems) console.error(`clocher: configuration error: ${p}`);
      } else if (error instanceof AppError || error instanceof CliError) {
        console.error(`clocher: ${error.message}`);
      } else {
        console.error(`clocher: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
      }
      process.exitCode = 1;
    }
  };
}
