import type { ClocherModule } from '../../core/module.js';
import { pagesAdminRoutes } from './pages.admin-routes.js';
import { canEditSite } from './pages.policy.js';
import { searchPublicRoutes } from './search.public-routes.js';
import { sitePublicRoutes } from './site.public-routes.js';
import { publishedPageTree } from './site.service.js';

export { canEditSite } from './pages.policy.js';
export { savePage } from './pages.service.js';
export { plainTextToHtml, RESERVED_SLUGS } from './site.rules.js';

/** The commune's public website. */
export const siteModule: ClocherModule = {
  name: 'site',
  routes: async (app) => {
    await pagesAdminRoutes(app);
    await searchPublicRoutes(app);
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
  sitemap: async (ctx) => {
    const paths: string[] = ['/mentions-legales', '/accessibilite', '/donnees-personnelles', '/plan-du-site'];
    const walk = (nodes: Awaited<ReturnType<typeof publishedPageTree>>) => {
      for (const n of nodes) {
        paths.push(`/${n.page.path}`);
        walk(n.children);
      }
    };
    walk(await publishedPageTree({ ...ctx, now: () => ctx.now }));
    return paths;
  },
  publicNav: async (ctx) => [
    { href: '/', label: 'Accueil' },
    ...(await publishedPageTree({ ...ctx, now: () => ctx.now }, ctx.memo)).map((n) => ({
      href: `/${n.page.path}`,
      label: n.page.title,
    })),
  ],
};
