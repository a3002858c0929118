import { hasRole } from '../../core/auth/index.js';
import type { ClocherModule } from '../../core/module.js';
import { reglagesRoutes } from './reglages.routes.js';

export { darker } from './reglages.rules.js';

/** The commune's settings: appearance, the mairie's details and hours, the accessibility statement. */
export const reglagesModule: ClocherModule = {
  name: 'reglages',
  routes: reglagesRoutes,
  adminEntries: (actor) =>
    hasRole(actor, ['administrateur', 'secretaire'])
      ? [
          {
            href: '/admin/reglages',
            label: 'Réglages du site',
            description: 'Couleur, logo, coordonnées et horaires de la mairie, déclaration d’accessibilité.',
          },
        ]
      : [],
};
