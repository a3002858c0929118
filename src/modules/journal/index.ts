import { can } from '../../core/auth/index.js';
import type { ClocherModule } from '../../core/module.js';
import { journalRoutes } from './journal.routes.js';

/** The commune's audit trail for its administrators: who did what, when, from where. */
export const journalModule: ClocherModule = {
  name: 'journal',
  routes: journalRoutes,
  adminEntries: (actor) =>
    can(actor, 'users.manage')
      ? [
          {
            href: '/admin/journal',
            label: 'Journal',
            description: 'Qui a fait quoi et quand : connexions, droits, demandes, exports.',
          },
        ]
      : [],
};
