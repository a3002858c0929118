import type { ClocherModule } from '../../core/module.js';
import { pagesAdminRoutes } from './pages.admin-routes.js';
import { canEditSite } from './pages.policy.js';
import { sitePublicRoutes } from './site.public-routes.js';
import { publishedPageTree } from './site.service.js';

export { savePage } from './pages.service.js';
export { canEditSite } from './pages.policy.js';
export { plainTextToHtml, RESERVED_SLUGS } from './site.rules.js';

/** The commune's public website. */
export const siteModule: ClocherModule = {
  name: 'site',
  routes: async (app) => {
    await pagesAdminRoutes(app);
    await sitePublicRoutes(app);
  },
  adminEntries: (actor) =>
    canEditSite(actor)
      ? [
          {
            href: '/admin/pages',
            label: 'Pages du site',
            description: 'Écrire, programmer et publier les pages du site.',
          },
        ]
      : [],
  publicNav: async (ctx) => [
    { href: '/', label: 'Accueil' },
    ...(await publishedPageTree({ ...ctx, now: () => ctx.now })).map((n) => ({
      href: `/${n.page.path}`,
      label: n.page.title,
    })),
  ],
};
