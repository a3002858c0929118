import { can } from '../../core/auth/index.js';
import type { ClocherModule } from '../../core/module.js';
import { comptesAdminRoutes } from './comptes.admin-routes.js';
import { comptesRoutes, passwordResetRoutes } from './comptes.routes.js';
import { secondFactorRoutes } from './second-factor.routes.js';

/** Accounts: sign-in and sign-out, invitations, and the commune's users page. */
export const comptesModule: ClocherModule = {
  name: 'comptes',
  routes: async (app) => {
    await comptesRoutes(app);
    await passwordResetRoutes(app);
    await secondFactorRoutes(app);
    await comptesAdminRoutes(app);
  },
  adminEntries: (actor) =>
    can(actor, 'users.manage')
      ? [
          {
            href: '/admin/utilisateurs',
            label: 'Utilisateurs',
            description: 'Inviter les agents et les élus, changer leur rôle, désactiver un compte.',
          },
        ]
      : [],
};
