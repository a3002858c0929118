import type { ClocherModule } from '../../core/module.js';
import { canEditSite } from '../site/index.js';
import { mediasRoutes } from './medias.routes.js';

export type { Media } from './medias.repo.js';
export { fileForWidth, mediaUrl } from './medias.rules.js';
export { findImportedMedia, listImages, type MediaCtx, uploadMedia } from './medias.service.js';

/** The commune's media library: images in responsive sizes and PDF documents. */
export const mediasModule: ClocherModule = {
  name: 'medias',
  routes: mediasRoutes,
  adminEntries: (actor) =>
    canEditSite(actor)
      ? [{ href: '/admin/medias', label: 'Médiathèque', description: 'Images et documents PDF du site.' }]
      : [],
};
