import type { ClocherModule } from '../../core/module.js';
import { actesAdminRoutes } from './actes.admin-routes.js';
import { canManageActes } from './actes.policy.js';
import { actesPublicRoutes } from './actes.public-routes.js';
import { deliberationsDataset } from './scdl.service.js';

export { seedActesDemo } from './actes.demo.js';
export type { DeliberationVote, NatureActe } from './actes.rules.js';
export { executoire, NATURE_INFO, NATURES } from './actes.rules.js';
export {
  type ActesCtx,
  createDeliberation,
  endActe,
  listActesOfSeance,
  type NewDeliberation,
  notifyActe,
  publishActe,
  recordTransmission,
  signActe,
} from './actes.service.js';
export { importActes, readFolder, readZip } from './import.service.js';
export { verifyRegistre } from './registre.verify.js';

/**
 * The register of the commune's administrative acts: back-office (write, sign, publish, transmit,
 * import), public register /actes with integrity fingerprints, @CTES archives, SCDL open data.
 */
export const actesModule: ClocherModule = {
  name: 'actes',
  routes: async (app) => {
    await actesPublicRoutes(app);
    await actesAdminRoutes(app);
  },
  publicNav: () => [{ href: '/actes', label: 'Actes' }],
  datasets: async (ctx) => {
    const deliberations = await deliberationsDataset(ctx, ctx.baseUrl);
    return deliberations ? [deliberations] : [];
  },
  adminEntries: (actor) =>
    canManageActes(actor)
      ? [
          {
            href: '/admin/actes',
            label: 'Actes administratifs',
            description:
              'Registre des délibérations et arrêtés : signature, publication, transmission au contrôle de légalité.',
          },
        ]
      : [],
};
