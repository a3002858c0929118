import type { ClocherModule } from '../../core/module.js';
import { donneesPublicRoutes } from './donnees.public-routes.js';

/**
 * The commune's open data: /donnees lists the datasets every module publishes (its `datasets`
 * hook), with their catalogue in the SCDL catalogue format.
 */
export const donneesModule: ClocherModule = {
  name: 'donnees',
  routes: donneesPublicRoutes,
};
