import fs from 'node:fs';
import { DiskFileStore } from '../core/files/index.js';
import { findCommuneBySlug, listCommunes } from '../core/tenancy/index.js';
import { importActes, readFolder, readZip, verifyRegistre } from '../modules/actes/index.js';
import { action, CliError, withPlatform } from './cli-context.js';

/** clocher actes import CSV DIR|ZIP --commune <slug> */
export const actesImport = action(async (csvPath: string, pdfs: string, opts: { commune: string }) => {
  let csv: string;
  let files: Map<string, Buffer>;
  try {
    csv = fs.readFileSync(csvPath, 'utf8');
    files = fs.statSync(pdfs).isDirectory() ? await readFolder(pdfs) : await readZip(fs.readFileSync(pdfs));
  } catch (error) {
    throw new CliError(`cannot read the input: ${(error as Error).message}`);
  }
  await withPlatform(async (ctx, config) => {
    const commune = await findCommuneBySlug(ctx.db, opts.commune);
    if (!commune) throw new CliError(`no commune "${opts.commune}": see clocher commune list`);
    const store = new DiskFileStore(`${config.dataDir}/files`);
    const outcome = await importActes({ ...ctx, commune, files: store }, { csv, files });
    if (!outcome.ok) {
      // The problems are the French messages shown in the back-office, one per line.
      for (const p of outcome.problems) console.error(`line ${p.line}\t${p.message}`);
      throw new CliError(`nothing imported: ${outcome.problems.length} problem(s) in ${csvPath}`);
    }
    console.log(`Imported ${outcome.count} act(s) into the register of ${commune.slug}, published.`);
  });
});

/** clocher actes verify [--commune slug] */
export const actesVerify = action(async (opts: { commune?: string }) => {
  await withPlatform(async (ctx, config) => {
    const store = new DiskFileStore(`${config.dataDir}/files`);
    let communes: { id: number; slug: string }[];
    if (opts.commune) {
      const c = await findCommuneBySlug(ctx.db, opts.commune);
      if (!c) throw new CliError(`no commune "${opts.commune}": see clocher commune list`);
      communes = [c];
    } else communes = (await listCommunes(ctx.db)).map((c) => ({ id: c.id, slug: c.slug }));
    let broken = 0;
    for (const c of communes) {
      const r = await verifyRegistre(ctx.db, store, c.id);
      if (r.problems.length === 0) {
        console.log(`ok      ${c.slug}: ${r.entries} entries, ${r.files} document(s) checked`);
        continue;
      }
      broken++;
      console.log(`ALTERED ${c.slug}: ${r.problems.length} problem(s)`);
      for (const p of r.problems) console.log(`        entry ${p.seq} (act ${p.acteId ?? '-'}): ${p.problem}`);
    }
    if (broken > 0) throw new CliError(`the acts register was altered in ${broken} commune(s)`);
  });
});
