import type { FastifyInstance } from 'fastify';
import { listAuditEvents } from '../../core/audit/index.js';
import { can } from '../../core/auth/index.js';
import { forbidden } from '../../core/errors.js';
import { sendPage } from '../../core/http/render.js';
import { requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import type { ClocherModule } from '../../core/module.js';
import { DashboardPage } from './views/dashboard.page.js';

async function routes(app: FastifyInstance): Promise<void> {
  app.get('/admin', async (req, reply) => {
    const access = await requireBackoffice(req);
    if (!can(access.actor, 'backoffice.enter')) throw forbidden();
    const activity = await listAuditEvents(app.deps.db, access.commune.id, 10);
    const sections = [];
    for (const m of app.deps.modules)
      if (m.dashboardSections) sections.push(...(await m.dashboardSections(access.ctx)));
    sections.sort((x, y) => x.order - y.order);
    const blocks = sections.map((s) => s.node);
    return sendPage(reply, DashboardPage({ shell: adminShell(req, reply, access), activity, blocks }));
  });
}

/** The back-office home: the tools the user's role opens, and the commune's recent activity. */
export const backofficeModule: ClocherModule = { name: 'backoffice', routes };
