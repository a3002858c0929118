import type { Command } from 'commander';
import { exportCommune } from '../core/backup/index.js';
import { action, withPlatform } from './cli-context.js';

/** clocher commune export <slug> [--to DIR] [--zip]: added to the `commune` command. */
export function communeExportCommand(program: Command): void {
  const commune = program.commands.find((c) => c.name() === 'commune') ?? program.command('commune');
  commune
    .command('export')
    .description('write all the data of one commune (a CSV and a JSON per table, and its files), for a commune leaving')
    .argument('<slug>', 'the commune, as `clocher commune list` shows it')
    .option('--to <dir>', 'folder to write into (default: the current folder)', '.')
    .option('--zip', 'one zip file instead of a folder')
    .action(
      action(async (slug: string, opts: { to: string; zip?: boolean }) => {
        await withPlatform(async (ctx, config) => {
          const r = await exportCommune({ ...ctx, dataDir: config.dataDir }, { slug, to: opts.to, zip: opts.zip });
          const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
          console.log(
            `Exported ${slug}: ${Object.keys(r.tables).length} tables, ${rows} rows, ${r.files} files → ${r.path}`,
          );
        });
      }),
    );
}
