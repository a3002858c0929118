import type { ClocherModule } from '../../core/module.js';
import { demarchesAdminRoutes } from './demarches.admin-routes.js';
import { canInstruire } from './demarches.policy.js';
import { demarchesPublicRoutes } from './demarches.public-routes.js';

export { seedDemarchesDemo } from './demarches.demo.js';

/** Online démarches: /demarches, /suivi for the citizens, /admin/demandes for the agents. */
export const demarchesModule: ClocherModule = {
  name: 'demarches',
  routes: async (app) => {
    await demarchesPublicRoutes(app);
    await demarchesAdminRoutes(app);
  },
  publicNav: () => [{ href: '/demarches', label: 'Démarches' }],
  adminEntries: (actor) =>
    canInstruire(actor)
      ? [
          {
            href: '/admin/demandes',
            label: 'Demandes',
            description: 'Les demandes des habitants : contact, signalements… Répondre, changer le statut, exporter.',
          },
        ]
      : [],
};
