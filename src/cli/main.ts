import { Command } from 'commander';
import { migrateToLatest } from '../db/migrate.js';
import { actesCommands } from './actes.commands.js';
import { auditCommands } from './audit.commands.js';
import { backupCommands } from './backup.commands.js';
import { barometreCommands } from './barometre.commands.js';
import { action, withPlatform } from './cli-context.js';
import { communeCommands } from './commune.commands.js';
import { communeExportCommand } from './commune-export.commands.js';
import { importCommands } from './import.commands.js';
import { userCommands } from './user.commands.js';

/** The `clocher` command line: `clocher <noun> <verb>`, each a thin call into a service. */
export function buildCli(): Command {
  const program = new Command('clocher')
    .description('Clocher: e-administration for small French communes. Settings come from CLOCHER_* variables.')
    .showHelpAfterError();

  program
    .command('migrate')
    .description('apply pending database migrations (the server also does it at start)')
    .action(
      action(async () => {
        await withPlatform(async (_ctx, config, db) => {
          const applied = await migrateToLatest(db);
          console.log(
            applied.length === 0
              ? `The ${config.database.engine} database is up to date.`
              : `Applied ${applied.length} migration(s).`,
          );
        });
      }),
    );

  communeCommands(program);
  auditCommands(program);
  userCommands(program);
  barometreCommands(program);
  importCommands(program);
  backupCommands(program);
  communeExportCommand(program);
  actesCommands(program);
  return program;
}

await buildCli().parseAsync(process.argv);
