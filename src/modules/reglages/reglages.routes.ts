import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../../core/auth/index.js';
import { forbidden } from '../../core/errors.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { saveCommuneSettings } from '../../core/tenancy/index.js';
import { fileForWidth, listImages, mediaUrl } from '../medias/index.js';
import { parseSettingsForm, settingsValues } from './reglages.schemas.js';
import { ReglagesPage } from './views/reglages.page.js';

/** Settings are the administrators' and the secrétaire's. */
export const canChangeSettings = (access: BackofficeAccess) => hasRole(access.actor, ['administrateur', 'secretaire']);

/** /admin/reglages: colour, logo, photo, the mairie's details and hours, the accessibility statement. */
export async function reglagesRoutes(app: FastifyInstance): Promise<void> {
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    state: { values: Record<string, string>; errors: Record<string, string>; saved?: boolean },
    status = 200,
  ) => {
    const images = (await listImages(access.ctx)).map((m) => ({ value: String(m.id), label: m.title }));
    return sendPage(reply, ReglagesPage({ shell: adminShell(req, reply, access), images, ...state }), status);
  };

  app.get<{ Querystring: { message?: string } }>('/admin/reglages', async (req, reply) => {
    const access = await requireBackoffice(req);
    if (!canChangeSettings(access)) throw forbidden();
    const values = settingsValues(access.commune.theme, access.commune.info);
    return page(req, reply, access, { values, errors: {}, saved: req.query.message === 'enregistre' });
  });

  app.post('/admin/reglages', async (req, reply) => {
    const access = await requireBackoffice(req);
    if (!canChangeSettings(access)) throw forbidden();
    const form = parseSettingsForm(req.body);
    if (!form.ok) return page(req, reply, access, { values: form.values, errors: form.errors }, 400);
    const images = await listImages(access.ctx);
    const logo = images.find((m) => m.id === form.data.logoMediaId);
    const hero = images.find((m) => m.id === form.data.heroMediaId);
    const url = (m: (typeof images)[number], width: number) => {
      const file = fileForWidth(m.files, width);
      return file ? mediaUrl(m.id, file, 'image') : undefined;
    };
    await saveCommuneSettings(access.ctx, {
      theme: {
        primaryColor: form.data.color,
        ...(logo && { logoMediaId: logo.id, logoUrl: url(logo, 320) }),
        ...(hero && { heroMediaId: hero.id, heroUrl: url(hero, 1600), heroAlt: hero.decorative ? '' : hero.alt }),
      },
      info: form.data.info,
    });
    app.deps.resolver.invalidate();
    return reply.redirect('/admin/reglages?message=enregistre', 303);
  });
}
