import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { can, hasRole } from '../../core/auth/index.js';
import { invalid } from '../../core/errors.js';
import { sendPage } from '../../core/http/render.js';
import { requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import type { ClocherModule } from '../../core/module.js';
import { securitePolicyRoutes } from './securite.policy-routes.js';
import { securityOverview, setChecklistPoint } from './securite.service.js';
import { platformStatus } from './updates.service.js';
import { SecuritePage } from './views/securite.page.js';

export { updateCheckJobs } from './updates.service.js';

const pointSchema = z.object({ item: z.string().max(60), done: z.enum(['oui', 'non']) });

async function routes(app: FastifyInstance): Promise<void> {
  await securitePolicyRoutes(app);
  app.get('/admin/securite', async (req, reply) => {
    const access = await requireBackoffice(req);
    const overview = await securityOverview(access.ctx, app.deps.config.secure);
    const platform = await platformStatus(access.ctx, app.deps.config);
    return sendPage(
      reply,
      SecuritePage({
        shell: adminShell(req, reply, access),
        overview,
        platform,
        canManageRules: can(access.actor, 'users.manage'),
      }),
    );
  });
  app.post('/admin/securite', async (req, reply) => {
    const access = await requireBackoffice(req);
    const form = pointSchema.safeParse(req.body);
    if (!form.success) throw invalid('Ce point de la liste n’est pas reconnu.');
    await setChecklistPoint(access.ctx, form.data.item, form.data.done === 'oui');
    return reply.redirect(`/admin/securite#pratiques`, 303);
  });
}

/** The commune's security check: indicators from the platform and a checklist of good practices. */
export const securiteModule: ClocherModule = {
  name: 'securite',
  routes,
  adminEntries: (actor) => [
    ...(hasRole(actor, ['administrateur', 'secretaire'])
      ? [
          {
            href: '/admin/securite',
            label: 'Sécurité',
            description: 'Où en est la commune : comptes, double authentification, bonnes pratiques à la mairie.',
          },
        ]
      : []),
    ...(can(actor, 'platform.manage')
      ? [
          {
            href: '/plateforme/securite',
            label: 'Sécurité : règles de la plateforme',
            description: 'Double authentification exigée pour tous les comptes, conservation du journal (opérateur).',
          },
        ]
      : []),
  ],
};
