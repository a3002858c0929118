import type { ClocherModule } from '../../core/module.js';
import { actualitesAdminRoutes } from './actualites.admin-routes.js';
import { canManageActualites } from './actualites.policy.js';
import { latestActualites, publishedActualitePaths } from './actualites.public.js';
import { actualitesPublicRoutes } from './actualites.public-routes.js';
import { HOME_COUNT } from './actualites.rules.js';
import { ActualitesHomeBlock } from './views/actualites.page.js';

export { seedActualitesDemo } from './actualites.demo.js';
export type { Actualite } from './actualites.repo.js';
export {
  changeActualitePublication,
  createActualite,
  listActualitesForAdmin,
  updateActualite,
} from './actualites.service.js';

/** The commune's news: public list, pages, RSS feed and home block; written in the back-office. */
export const actualitesModule: ClocherModule = {
  name: 'actualites',
  routes: async (app) => {
    await actualitesPublicRoutes(app);
    await actualitesAdminRoutes(app);
  },
  publicNav: () => [{ href: '/actualites', label: 'Actualités' }],
  homeSections: async (ctx) => {
    const items = await latestActualites(ctx, ctx.now, HOME_COUNT);
    return items.length === 0 ? [] : [{ order: 20, node: ActualitesHomeBlock({ items }) }];
  },
  sitemap: (ctx) => publishedActualitePaths(ctx, ctx.now),
  adminEntries: (actor) =>
    canManageActualites(actor)
      ? [
          {
            href: '/admin/actualites',
            label: 'Actualités',
            description: 'Écrire, programmer et publier les nouvelles de la commune.',
          },
        ]
      : [],
};
