import type { ClocherModule } from '../../core/module.js';
import { sitePublicRoutes } from './site.public-routes.js';
import { publishedPageTree } from './site.service.js';

export { insertPage } from './site.repo.js';
export { RESERVED_SLUGS } from './site.rules.js';

/** The commune's public website. */
export const siteModule: ClocherModule = {
  name: 'site',
  routes: sitePublicRoutes,
  publicNav: async (db, commune) => [
    { href: '/', label: 'Accueil' },
    ...(await publishedPageTree({ db, commune })).map((n) => ({ href: `/${n.page.path}`, label: n.page.title })),
  ],
};
