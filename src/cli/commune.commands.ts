import type { Command } from 'commander';
import { addCommune, listCommunes } from '../core/tenancy/index.js';
import { action, withPlatform } from './cli-context.js';

/** clocher commune add|list */
export function communeCommands(program: Command): void {
  const commune = program.command('commune').description('manage the communes hosted by the platform');

  commune
    .command('add')
    .description('add a commune from its INSEE code (name, population, département and EPCI from the official data)')
    .argument('<insee>', 'INSEE code of the commune, e.g. 35238 (not the postal code)')
    .option('--host <name>', 'host name that serves its site, e.g. www.mairie-exemple.fr')
    .option('--slug <slug>', 'short name used in the platform (default: from the name)')
    .action(
      action(async (insee: string, opts: { host?: string; slug?: string }) => {
        await withPlatform(async (ctx) => {
          const c = await addCommune(ctx, { insee, host: opts.host, slug: opts.slug });
          console.log(`Added ${c.nom} (INSEE ${c.insee}, population ${c.population}) as "${c.slug}".`);
        });
      }),
    );

  commune
    .command('list')
    .description('list the communes')
    .action(
      action(async () => {
        await withPlatform(async (ctx) => {
          const all = await listCommunes(ctx.db);
          if (all.length === 0) console.log('No commune yet.');
          for (const c of all) {
            console.log(`${c.slug}\t${c.insee}\t${c.nom}\t${c.population}\t${c.hosts.join(',') || '-'}`);
          }
        });
      }),
    );
}
