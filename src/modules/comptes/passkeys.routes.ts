import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  completePasskeySignIn,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  registerPasskey,
  removePasskey,
  SESSION_ABSOLUTE_MINUTES,
} from '../../core/auth/index.js';
import { systemActor } from '../../core/context.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { cookieNames, cookieOptions } from '../../core/http/cookies.js';
import { platformCtx, requireBackoffice, sessionToken } from '../../core/http/request-context.js';
import { safeReturnPath } from './comptes.schemas.js';
import { passkeyJson } from './reauth.routes.js';
import { relyingParty } from './recent-auth.js';
import { MFA_COOKIE } from './second-factor.routes.js';

const body = z
  .object({ response: z.unknown(), name: z.string().max(60).optional(), retour: z.string().max(500).optional() })
  .catch({ response: undefined });

/** Passkeys: created from « Mon compte », used at the second step of the sign-in. JSON for passkeys.js. */
export async function passkeyRoutes(app: FastifyInstance): Promise<void> {
  const secure = app.deps.config.secure;

  app.post('/admin/compte/cles/options', async (req, reply) => {
    const access = await requireBackoffice(req);
    return passkeyJson(reply, () =>
      passkeyRegistrationOptions(access.ctx, {
        userId: access.user.id,
        sessionToken: sessionToken(req) ?? '',
        rp: relyingParty(req),
      }),
    );
  });

  app.post('/admin/compte/cles', async (req, reply) => {
    const access = await requireBackoffice(req);
    const input = body.parse(req.body ?? {});
    return passkeyJson(reply, async () => {
      await registerPasskey(access.ctx, {
        userId: access.user.id,
        sessionToken: sessionToken(req) ?? '',
        rp: relyingParty(req),
        response: input.response,
        name: input.name ?? '',
      });
      return { redirect: '/admin/compte?message=cle-ajoutee' };
    });
  });

  app.post<{ Params: { id: string } }>('/admin/compte/cles/:id/supprimer', async (req, reply) => {
    const access = await requireBackoffice(req);
    if (!/^\d{1,12}$/.test(req.params.id)) throw notFound('Cette clé d’accès n’existe plus.');
    await removePasskey(access.ctx, access.user.id, Number(req.params.id));
    return reply.redirect('/admin/compte?message=cle-supprimee', 303);
  });

  app.post('/admin/connexion/cle/options', async (req, reply) => {
    const pendingToken = req.cookies[MFA_COOKIE(secure)];
    return passkeyJson(reply, async () => {
      if (!pendingToken) throw new AppError('Unauthenticated', 'La vérification a expiré. Connectez-vous à nouveau.');
      const options = await passkeySignInOptions(platformCtx(req, systemActor('sign-in')), {
        pendingToken,
        rp: relyingParty(req),
      });
      if (!options) throw invalid('Vous n’avez pas de clé d’accès enregistrée sur ce site.');
      return options;
    });
  });

  app.post('/admin/connexion/cle', async (req, reply) => {
    const pendingToken = req.cookies[MFA_COOKIE(secure)];
    const input = body.parse(req.body ?? {});
    return passkeyJson(reply, async () => {
      if (!pendingToken) throw new AppError('Unauthenticated', 'La vérification a expiré. Connectez-vous à nouveau.');
      const token = await completePasskeySignIn(platformCtx(req, systemActor('sign-in')), {
        pendingToken,
        rp: relyingParty(req),
        response: input.response,
        communeId: req.commune?.id ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        previousToken: sessionToken(req),
      });
      reply.clearCookie(MFA_COOKIE(secure), cookieOptions(secure));
      reply.setCookie(cookieNames(secure).session, token, cookieOptions(secure, SESSION_ABSOLUTE_MINUTES * 60));
      return { redirect: safeReturnPath(input.retour) ?? '/admin' };
    });
  });
}
