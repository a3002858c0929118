import type { FastifyInstance, FastifyRequest } from 'fastify';
import { systemActor } from '../../core/context.js';
import { formToken, parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { communeCtx, requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import {
  confirmerAbonnement,
  demanderAbonnement,
  desabonner,
  findConfirmation,
  findDesabonnement,
} from './abonnement.service.js';
import { abonnementSchema } from './alertes.schemas.js';
import {
  AbonnementPage,
  ConfirmationPage,
  ConfirmedPage,
  DesabonnementPage,
  DesabonnePage,
} from './views/abonnement.page.js';

const visitor = systemActor('visitor');

/**
 * An unsubscribe link is posted by mail clients without any cookie (RFC 8058 one-click): its
 * secret token is the credential, so the app's anti-forgery check is skipped there (see app.ts).
 */
const TOKEN_LINK_ROUTE = { config: { tokenLink: true } } as const;

type Token = { Params: { token: string } };

/**
 * The e-mail subscription (double opt-in). Only these pages hold forms, so only they set the
 * anti-forgery cookie; links from mails show a button and never act on a GET.
 */
export async function abonnementRoutes(app: FastifyInstance): Promise<void> {
  const ctxOf = (req: FastifyRequest) => communeCtx(req, visitor, requireCommune(req));

  app.get<{ Querystring: { envoye?: string } }>('/alertes/abonnement', async (req, reply) =>
    sendPage(
      reply,
      AbonnementPage({ shell: await publicShell(req), csrfToken: formToken(reply), sent: req.query.envoye === '1' }),
    ),
  );

  app.post('/alertes/abonnement', async (req, reply) => {
    const form = parseForm(abonnementSchema, req.body);
    if (!form.ok) {
      const page = AbonnementPage({
        shell: await publicShell(req),
        csrfToken: formToken(reply),
        values: form.values,
        errors: form.errors,
      });
      return sendPage(reply, page, 400);
    }
    await demanderAbonnement(ctxOf(req), { email: form.data.email, baseUrl: app.deps.config.publicUrl });
    // The same answer whether the address was unknown, pending or already subscribed.
    return reply.redirect('/alertes/abonnement?envoye=1', 303);
  });

  app.get('/alertes/abonnement/confirme', (req, reply) =>
    app.deps.pageCache.serve(req, reply, requireCommune(req).id, async () =>
      ConfirmedPage({ shell: await publicShell(req) }),
    ),
  );

  app.get<Token>('/alertes/abonnement/confirmer/:token', async (req, reply) => {
    const { email } = await findConfirmation(ctxOf(req), req.params.token);
    const page = ConfirmationPage({
      shell: await publicShell(req),
      csrfToken: formToken(reply),
      token: req.params.token,
      email,
    });
    return sendPage(reply, page);
  });

  app.post<Token>('/alertes/abonnement/confirmer/:token', async (req, reply) => {
    await confirmerAbonnement(ctxOf(req), req.params.token);
    return reply.redirect('/alertes/abonnement/confirme', 303);
  });

  app.get('/alertes/abonnement/desabonne', (req, reply) =>
    app.deps.pageCache.serve(req, reply, requireCommune(req).id, async () =>
      DesabonnePage({ shell: await publicShell(req) }),
    ),
  );

  app.get<Token>('/alertes/desabonnement/:token', async (req, reply) => {
    const { email } = await findDesabonnement(ctxOf(req), req.params.token);
    const page = DesabonnementPage({
      shell: await publicShell(req),
      csrfToken: formToken(reply),
      token: req.params.token,
      email,
    });
    return sendPage(reply, page);
  });

  app.post<Token, { tokenLink: boolean }>('/alertes/desabonnement/:token', TOKEN_LINK_ROUTE, async (req, reply) => {
    await desabonner(ctxOf(req), req.params.token);
    return reply.redirect('/alertes/abonnement/desabonne', 303);
  });
}
