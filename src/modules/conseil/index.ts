import type { ClocherModule } from '../../core/module.js';
import { conseilAdminRoutes } from './conseil.admin-routes.js';
import { canViewConseil } from './conseil.policy.js';
import { publicSeancePaths } from './conseil.public.js';
import { conseilPublicRoutes } from './conseil.public-routes.js';

export { seedConseilDemo } from './conseil.demo.js';

/**
 * The conseil municipal: members and mandates, séances, convocation with personal links, attendance,
 * proxies, quorum, votes, délibérations (handed to the actes module), PV and registre sheets.
 */
export const conseilModule: ClocherModule = {
  name: 'conseil',
  routes: async (app) => {
    await conseilPublicRoutes(app);
    await conseilAdminRoutes(app);
  },
  publicNav: () => [{ href: '/conseil-municipal', label: 'Conseil municipal' }],
  sitemap: (ctx) => publicSeancePaths(ctx),
  adminEntries: (actor) =>
    canViewConseil(actor)
      ? [
          {
            href: '/admin/conseil',
            label: 'Conseil municipal',
            description: 'Membres, séances, convocations, présences, votes, délibérations et procès-verbaux.',
          },
        ]
      : [],
};
