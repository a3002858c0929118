import { exportCommune } from '../core/backup/index.js';
import { action, withPlatform } from './cli-context.js';

/** clocher commune export <slug> [--to DIR] [--zip] */
export const communeExport = action(async (slug: string, opts: { to: string; zip?: boolean }) => {
  await withPlatform(async (ctx, config) => {
    const r = await exportCommune({ ...ctx, dataDir: config.dataDir }, { slug, to: opts.to, zip: opts.zip });
    const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
    console.log(`Exported ${slug}: ${Object.keys(r.tables).length} tables, ${rows} rows, ${r.files} files → ${r.path}`);
  });
});
