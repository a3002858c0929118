import fs from 'node:fs';
import { isAppError } from '../core/errors.js';
import { DiskFileStore } from '../core/files/index.js';
import { findCommuneBySlug } from '../core/tenancy/index.js';
import {
  noUploads,
  reportLinesEn,
  importWordpress as runImport,
  type UploadsSource,
  uploadsFromDir,
  uploadsFromZip,
} from '../modules/import-wordpress/index.js';
import { action, CliError, withPlatform } from './cli-context.js';

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

async function openUploads(from: string | undefined): Promise<UploadsSource> {
  if (!from) return noUploads;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(from);
  } catch (error) {
    throw new CliError(`--uploads: cannot read ${from}: ${(error as Error).message}`);
  }
  if (stat.isDirectory()) return uploadsFromDir(from);
  try {
    return await uploadsFromZip(readFile(from));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`--uploads: ${from} is neither a folder nor a readable zip (${(error as Error).message})`);
  }
}

/** clocher import wordpress <export> --commune <slug> [--uploads DIR|ZIP] */
export const importWordpress = action(async (file: string, opts: { commune: string; uploads?: string }) => {
  const xml = readFile(file).toString('utf8');
  const uploads = await openUploads(opts.uploads);
  try {
    await withPlatform(async (ctx, config) => {
      const commune = await findCommuneBySlug(ctx.db, opts.commune);
      if (!commune) throw new CliError(`no commune "${opts.commune}": see clocher commune list`);
      const files = new DiskFileStore(`${config.dataDir}/files`);
      const report = await runImport({ ...ctx, commune, files }, { xml, uploads }).catch((error) => {
        if (isAppError(error, 'Invalid')) throw new CliError(`${file} is not a WordPress export (WXR)`);
        throw error;
      });
      for (const line of reportLinesEn(report)) console.log(line);
    });
  } finally {
    uploads.close();
  }
});
