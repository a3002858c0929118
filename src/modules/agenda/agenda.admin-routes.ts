import type { FastifyInstance } from 'fastify';
import { publishableAdminRoutes } from '../../core/content/publishable.admin-routes.js';
import { adminShell } from '../../core/http/shells.js';
import { evenementSchema } from './agenda.schemas.js';
import { agendaService } from './agenda.service.js';
import { EvenementPage } from './views/agenda.page.js';
import { AgendaAdminPage, EvenementFormPage, evenementValues } from './views/agenda-admin.page.js';

/** /admin/agenda: announce, edit, preview, publish, schedule, unpublish, delete, restore. */
export async function agendaAdminRoutes(app: FastifyInstance): Promise<void> {
  await publishableAdminRoutes(app, {
    base: '/admin/agenda',
    newSlug: 'nouveau',
    notFound: 'Cet événement n’existe pas.',
    service: agendaService,
    schema: evenementSchema,
    valuesOf: evenementValues,
    listPage: ({ req, reply, access, items, message }) =>
      AgendaAdminPage({ shell: adminShell(req, reply, access), items, now: access.ctx.now(), message }),
    formPage: async ({ req, reply, access, view }) =>
      EvenementFormPage({ shell: adminShell(req, reply, access), now: access.ctx.now(), ...view }),
    previewPage: ({ shell, item, now, preview }) =>
      EvenementPage({ shell, e: item, now, publicUrl: app.deps.config.publicUrl, preview }),
    deletion: {
      heading: 'Supprimer l’événement',
      consequence: 'Il disparaîtra de l’agenda, de la recherche et des calendriers abonnés.',
    },
  });
}
