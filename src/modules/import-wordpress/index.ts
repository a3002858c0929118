import type { ClocherModule } from '../../core/module.js';
import { importWordpressRoutes } from './import-wordpress.routes.js';
import { canImportWordpress } from './import-wordpress.service.js';

export { type ImportReport, reportLinesEn } from './import-wordpress.report.js';
export { canImportWordpress, importWordpress } from './import-wordpress.service.js';
export { noUploads, type UploadsSource, uploadsFromDir, uploadsFromZip } from './uploads-source.js';

/** Brings an old WordPress site (posts, pages, images and PDFs) into the commune's site. */
export const importWordpressModule: ClocherModule = {
  name: 'import-wordpress',
  routes: importWordpressRoutes,
  adminEntries: (actor) =>
    canImportWordpress(actor)
      ? [
          {
            href: '/admin/import-wordpress',
            label: 'Import WordPress',
            description: 'Reprendre les articles, les pages et les fichiers d’un ancien site WordPress.',
          },
        ]
      : [],
};
