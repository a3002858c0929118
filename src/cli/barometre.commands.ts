import fs from 'node:fs';
import { importReponses, openCampagneAnnee } from '../modules/barometre/index.js';
import { action, CliError, withPlatform } from './cli-context.js';

/** clocher barometre import FILE [--campagne YEAR] */
export const barometreImport = action(async (file: string, opts: { campagne?: string }) => {
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
});
