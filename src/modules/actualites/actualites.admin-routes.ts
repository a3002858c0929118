import type { FastifyInstance } from 'fastify';
import { publishableAdminRoutes } from '../../core/content/publishable.admin-routes.js';
import type { BackofficeAccess } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { fileForWidth, listImages, mediaUrl } from '../medias/index.js';
import { actualiteSchema } from './actualites.schemas.js';
import { actualitesService } from './actualites.service.js';
import { ActualitePage } from './views/actualites.page.js';
import { ActualiteFormPage, ActualitesAdminPage, actualiteValues } from './views/actualites-admin.page.js';

/** The images of the media library an actualité may show, by title. */
async function imageChoices(access: BackofficeAccess): Promise<{ value: string; label: string }[]> {
  return (await listImages(access.ctx)).flatMap((m) => {
    const file = fileForWidth(m.files, 1024);
    return file ? [{ value: mediaUrl(m.id, file, 'image'), label: m.title }] : [];
  });
}

/** /admin/actualites: write, edit, preview, publish, schedule, unpublish, delete, restore. */
export async function actualitesAdminRoutes(app: FastifyInstance): Promise<void> {
  await publishableAdminRoutes(app, {
    base: '/admin/actualites',
    newSlug: 'nouvelle',
    notFound: 'Cette actualité n’existe pas.',
    service: actualitesService,
    schema: actualiteSchema,
    valuesOf: actualiteValues,
    listPage: ({ req, reply, access, items, message }) =>
      ActualitesAdminPage({ shell: adminShell(req, reply, access), items, now: access.ctx.now(), message }),
    formPage: async ({ req, reply, access, view }) =>
      ActualiteFormPage({
        shell: adminShell(req, reply, access),
        now: access.ctx.now(),
        images: await imageChoices(access),
        ...view,
      }),
    previewPage: ({ shell, item, preview }) =>
      ActualitePage({ shell, a: item, publicUrl: app.deps.config.publicUrl, preview }),
    deletion: {
      heading: 'Supprimer l’actualité',
      consequence: 'Elle disparaîtra du site, de la recherche et du flux RSS.',
    },
  });
}
