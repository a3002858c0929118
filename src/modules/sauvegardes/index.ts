import { hasRole } from '../../core/auth/index.js';
import { backupStatus } from '../../core/backup/index.js';
import type { ClocherModule } from '../../core/module.js';
import { SauvegardesBlock } from './views/dashboard.block.js';

/**
 * The backups as people see them (the machinery is core/backup): a dashboard block for those who
 * run the commune's platform account, warning after 48 hours without a successful backup.
 */
export const sauvegardesModule: ClocherModule = {
  name: 'sauvegardes',
  routes: () => {},
  dashboardSections: async (ctx) =>
    hasRole(ctx.actor, ['administrateur', 'secretaire']) || (ctx.actor.kind === 'user' && ctx.actor.isOperator)
      ? [{ order: 5, node: SauvegardesBlock({ status: await backupStatus(ctx.db, ctx.now()) }) }]
      : [],
};
