import type { ClocherModule } from '../../core/module.js';
import { builderRoutes } from './builder.routes.js';
import { demarchesAdminRoutes } from './demarches.admin-routes.js';
import { canConfigurer, canInstruire } from './demarches.policy.js';
import { demarchesPublicRoutes } from './demarches.public-routes.js';
import { dueSummary } from './instruction.service.js';
import { sallesAdminRoutes } from './salles.admin-routes.js';
import { sallesPublicRoutes } from './salles.public-routes.js';
import { DemandesDueBlock } from './views/dashboard.block.js';

export { ACCUSE_RENDERER, demarchesMailRenderers } from './accuse.service.js';
export { seedDemarchesDemo } from './demarches.demo.js';
export { publicHolidays } from './demarches.rules.js';

/** Online démarches: /demarches, /suivi for the citizens, /admin/demandes for the agents. */
export const demarchesModule: ClocherModule = {
  name: 'demarches',
  routes: async (app) => {
    await demarchesPublicRoutes(app);
    await demarchesAdminRoutes(app);
    await builderRoutes(app);
    await sallesAdminRoutes(app);
    await sallesPublicRoutes(app);
  },
  publicNav: () => [{ href: '/demarches', label: 'Démarches' }],
  adminEntries: (actor) => [
    ...(canInstruire(actor)
      ? [
          {
            href: '/admin/demandes',
            label: 'Demandes',
            description: 'Les demandes des habitants : contact, signalements… Répondre, changer le statut, exporter.',
          },
        ]
      : []),
    ...(canConfigurer(actor)
      ? [
          {
            href: '/admin/demarches',
            label: 'Formulaires des démarches',
            description: 'Créer et modifier les démarches en ligne : champs, service chargé, délais, publication.',
          },
          {
            href: '/admin/salles',
            label: 'Salles communales',
            description: 'Les salles à réserver : capacité, tarifs, équipements, photos.',
          },
        ]
      : []),
  ],
  dashboardSections: async (ctx) =>
    canInstruire(ctx.actor) ? [{ order: 10, node: DemandesDueBlock(await dueSummary(ctx)) }] : [],
};
