import type { ClocherModule } from '../../core/module.js';
import { canConsulterRgpd } from './rgpd.policy.js';
import { rgpdRoutes } from './rgpd.routes.js';

export { rgpdPeriodicJobs } from './rgpd.jobs.js';

/** Data protection: registre des traitements, retention and éliminations, citizens' rights. */
export const rgpdModule: ClocherModule = {
  name: 'rgpd',
  routes: rgpdRoutes,
  adminEntries: (actor) =>
    canConsulterRgpd(actor)
      ? [
          {
            href: '/admin/rgpd/registre',
            label: 'Données personnelles',
            description:
              'Registre des traitements, durées de conservation et éliminations, droits des personnes (accès, effacement).',
          },
        ]
      : [],
};
