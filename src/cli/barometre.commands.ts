import fs from 'node:fs';
import type { Command } from 'commander';
import { importReponses, openCampagneAnnee } from '../modules/barometre/index.js';
import { action, CliError, withPlatform } from './cli-context.js';

/** clocher barometre import */
export function barometreCommands(program: Command): void {
  const barometre = program.command('barometre').description('the baromètre numérique, the yearly survey of communes');

  barometre
    .command('import')
    .description(
      'import the answers of communes not hosted by the platform from a CSV (code_insee, then one column per question code); all or nothing',
    )
    .argument('<file>', 'CSV file, UTF-8, separated by ";" or ","')
    .option('--campagne <year>', 'year of the campaign (default: the open campaign)')
    .action(
      action(async (file: string, opts: { campagne?: string }) => {
        let csv: string;
        try {
          csv = fs.readFileSync(file, 'utf8');
        } catch (error) {
          throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
        }
        await withPlatform(async (ctx) => {
          const annee = opts.campagne === undefined ? await openCampagneAnnee(ctx.db) : Number(opts.campagne);
          if (annee === undefined) throw new CliError('no campaign is open: give its year with --campagne YEAR');
          if (!Number.isInteger(annee)) throw new CliError(`--campagne: "${opts.campagne}" is not a year`);
          const outcome = await importReponses(ctx, { annee, csv, filename: file });
          if (!outcome.ok) {
            for (const r of outcome.rejets) {
              console.error(`line ${r.ligne}\tcommune ${r.insee || '-'}\tcolumn ${r.colonne || '-'}\t${r.motif}`);
            }
            throw new CliError(`nothing imported: ${outcome.rejets.length} problem(s) in ${file}`);
          }
          console.log(`Imported ${outcome.count} answer(s) into campaign ${annee}.`);
        });
      }),
    );
}
