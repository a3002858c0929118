import { can } from '../../core/auth/index.js';
import type { ClocherModule } from '../../core/module.js';
import { comptesAdminRoutes } from './comptes.admin-routes.js';
import { comptesRoutes, passwordResetRoutes } from './comptes.routes.js';
import { passkeyRoutes } from './passkeys.routes.js';
import { reauthRoutes } from './reauth.routes.js';
import { secondFactorRoutes } from './second-factor.routes.js';
import { registerSecondFactorGate } from './second-factor-gate.js';

export { relyingParty, requireRecentAuth } from './recent-auth.js';

/** Accounts: sign-in and sign-out, invitations, and the commune's users page. */
export const comptesModule: ClocherModule = {
  name: 'comptes',
  routes: async (app) => {
    // Added first: applies to every back-office route of every module registered after it.
    registerSecondFactorGate(app);
    await comptesRoutes(app);
    await passwordResetRoutes(app);
    await secondFactorRoutes(app);
    await passkeyRoutes(app);
    await reauthRoutes(app);
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
