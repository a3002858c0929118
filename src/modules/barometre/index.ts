import type { ClocherModule } from '../../core/module.js';
import type { AdminEntry } from '../../ui/nav.js';
import { barometreAdminRoutes } from './barometre.admin-routes.js';
import { barometrePlatformRoutes } from './barometre.platform-routes.js';
import { canManageBarometre, canViewBarometre } from './barometre.policy.js';
import { barometrePublicRoutes } from './barometre.public-routes.js';

export { seedBarometreDemo } from './barometre.demo.js';
export { openCampagneAnnee } from './campagnes.service.js';
export type { Rejet } from './import.rules.js';
export { importReponses } from './import.service.js';

/**
 * The baromètre numérique: the communes' yearly digital-maturity survey. Hosted communes answer at
 * /admin/barometre, the operator runs the campaigns and imports at /plateforme/barometre, and the
 * results of closed campaigns are public at /observatoire when the operator opens it.
 */
export const barometreModule: ClocherModule = {
  name: 'barometre',
  routes: async (app) => {
    await barometreAdminRoutes(app);
    await barometrePlatformRoutes(app);
    await barometrePublicRoutes(app);
  },
  adminEntries: (actor) => {
    const entries: AdminEntry[] = [];
    if (canViewBarometre(actor)) {
      entries.push({
        href: '/admin/barometre',
        label: 'Baromètre numérique',
        description: 'Répondre à l’enquête annuelle sur le numérique et comparer la commune aux autres.',
      });
    }
    if (canManageBarometre(actor)) {
      entries.push({
        href: '/plateforme/barometre',
        label: 'Baromètre : campagnes',
        description: 'Campagnes, imports, résultats et observatoire public du baromètre (opérateur).',
      });
    }
    return entries;
  },
};
