import type { ClocherModule } from '../../core/module.js';
import { abonnementRoutes } from './abonnement.routes.js';
import { alertesAdminRoutes } from './alertes.admin-routes.js';
import { canManageAlertes } from './alertes.policy.js';
import { alertesPublicRoutes } from './alertes.public-routes.js';
import { bannerAlerte } from './alertes.service.js';
import { AlerteBanner } from './views/blocks.js';

export { seedAlertesDemo } from './alertes.demo.js';
export { DIFFUSION_JOB } from './alertes.service.js';
export { alertesJobHandlers } from './diffusion.service.js';

/** Urgent alerts: a banner on every public page, /alertes, the e-mail subscription, /admin/alertes. */
export const alertesModule: ClocherModule = {
  name: 'alertes',
  routes: async (app) => {
    await alertesPublicRoutes(app);
    await abonnementRoutes(app);
    await alertesAdminRoutes(app);
  },
  publicBanner: async (ctx) => {
    const found = await bannerAlerte(ctx);
    return found ? AlerteBanner({ ...found, now: ctx.now }) : null;
  },
  adminEntries: (actor) =>
    canManageAlertes(actor)
      ? [
          {
            href: '/admin/alertes',
            label: 'Alertes',
            description:
              'Publier une coupure d’eau, une route barrée ou une alerte météo : bandeau sur le site et courriel aux abonnés.',
          },
        ]
      : [],
};
