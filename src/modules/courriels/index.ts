import type { ClocherModule } from '../../core/module.js';
import { canVoirCourriels } from './courriels.policy.js';
import { courrielsRoutes } from './courriels.routes.js';

/** The commune's sent and failed mails, with the retry of a failed one: /admin/courriels. */
export const courrielsModule: ClocherModule = {
  name: 'courriels',
  routes: courrielsRoutes,
  adminEntries: (actor) =>
    canVoirCourriels(actor)
      ? [
          {
            href: '/admin/courriels',
            label: 'Courriels',
            description: 'Les courriels envoyés au nom de la commune ; relancer ceux qui n’ont pas pu partir.',
          },
        ]
      : [],
};
