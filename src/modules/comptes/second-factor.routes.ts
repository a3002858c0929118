import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  completeSecondFactor,
  confirmTotpEnrolment,
  deleteUserSession,
  disableOwnTotp,
  hasTotp,
  listPasskeys,
  listUserSessions,
  pendingEnrolment,
  pendingSecondFactors,
  resetMemberTotp,
  SESSION_ABSOLUTE_MINUTES,
  secondFactorStatus,
  startTotpEnrolment,
} from '../../core/auth/index.js';
import { systemActor } from '../../core/context.js';
import { sha256Hex } from '../../core/crypto.js';
import { isAppError, notFound } from '../../core/errors.js';
import { cookieNames, cookieOptions } from '../../core/http/cookies.js';
import { idParam } from '../../core/http/fields.js';
import { formToken, formValues } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import {
  type BackofficeAccess,
  platformCtx,
  requireBackoffice,
  sessionToken,
} from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { safeReturnPath } from './comptes.schemas.js';
import { relyingParty } from './recent-auth.js';
import { AccountPage, SecondFactorPage } from './views/second-factor.page.js';

const currentSessionId = (req: FastifyRequest) => {
  const token = sessionToken(req);
  return token ? sha256Hex(token) : null;
};

/** Cookie holding the step between password and second factor (5 minutes, single use). */
export const MFA_COOKIE = (secure: boolean) => `${secure ? '__Host-' : ''}clocher_mfa`;

const codeOf = (body: unknown) =>
  z
    .string()
    .max(40)
    .catch('')
    .parse(formValues(body).code ?? '');

/** The second step of the sign-in, and each user's account page with the authenticator app. */
export async function secondFactorRoutes(app: FastifyInstance): Promise<void> {
  const secure = app.deps.config.secure;
  const secret = app.deps.secret;

  const factors = (req: FastifyRequest) =>
    pendingSecondFactors(
      platformCtx(req, systemActor('sign-in')),
      req.cookies[MFA_COOKIE(secure)] ?? '',
      relyingParty(req),
    );

  app.get<{ Querystring: { retour?: string } }>('/admin/connexion/code', async (req, reply) => {
    if (!req.cookies[MFA_COOKIE(secure)]) return reply.redirect('/admin/connexion', 303);
    return sendPage(
      reply,
      SecondFactorPage({
        commune: req.commune,
        csrfToken: formToken(reply),
        retour: safeReturnPath(req.query.retour),
        factors: await factors(req),
      }),
    );
  });

  app.post('/admin/connexion/code', async (req, reply) => {
    const pendingToken = req.cookies[MFA_COOKIE(secure)];
    if (!pendingToken) return reply.redirect('/admin/connexion', 303);
    const retour = safeReturnPath(formValues(req.body).retour);
    try {
      const token = await completeSecondFactor(platformCtx(req, systemActor('sign-in')), {
        pendingToken,
        code: codeOf(req.body),
        instanceSecret: secret,
        communeId: req.commune?.id ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        previousToken: sessionToken(req),
      });
      reply.clearCookie(MFA_COOKIE(secure), cookieOptions(secure));
      reply.setCookie(cookieNames(secure).session, token, cookieOptions(secure, SESSION_ABSOLUTE_MINUTES * 60));
      return reply.redirect(retour ?? '/admin', 303);
    } catch (error) {
      const page = async (status: number, state: { errors?: Record<string, string>; failed?: string }) =>
        sendPage(
          reply,
          SecondFactorPage({
            commune: req.commune,
            csrfToken: formToken(reply),
            retour,
            factors: await factors(req),
            ...state,
          }),
          status,
        );
      if (isAppError(error, 'Invalid')) return page(400, { errors: error.fields });
      if (isAppError(error, 'RateLimited')) return page(429, { failed: error.message });
      if (isAppError(error, 'Unauthenticated')) {
        reply.clearCookie(MFA_COOKIE(secure), cookieOptions(secure));
        return reply.redirect('/admin/connexion', 303);
      }
      throw error;
    }
  });

  const account = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    state: Partial<Parameters<typeof AccountPage>[0]> = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      AccountPage({
        shell: adminShell(req, reply, access),
        email: access.user.email,
        enabled: await hasTotp(app.deps.db, access.user.id),
        passkeys: (await listPasskeys(app.deps.db, access.user.id)).map((p) => ({
          id: p.id,
          name: p.name,
          createdAt: p.createdAt,
          lastUsedAt: p.lastUsedAt,
          here: p.rpId === relyingParty(req).id,
        })),
        policy: await secondFactorStatus(app.deps.db, access.user, access.commune.id, app.deps.now()),
        sessions: (await listUserSessions(app.deps.db, access.user.id, app.deps.now().toISOString())).map((s) => ({
          ...s,
          current: s.id === currentSessionId(req),
        })),
        ...state,
      }),
      status,
    );

  app.get<{ Querystring: { message?: string } }>('/admin/compte', async (req, reply) => {
    const access = await requireBackoffice(req);
    return account(req, reply, access, { message: req.query.message });
  });

  app.post('/admin/compte/double-authentification', async (req, reply) => {
    const access = await requireBackoffice(req);
    const enrolment = await startTotpEnrolment(access.ctx, access.user.id, secret);
    return account(req, reply, access, { enrolment });
  });

  app.post('/admin/compte/double-authentification/confirmer', async (req, reply) => {
    const access = await requireBackoffice(req);
    try {
      const recoveryCodes = await confirmTotpEnrolment(access.ctx, access.user.id, secret, codeOf(req.body));
      reply.header('cache-control', 'no-store');
      return account(req, reply, access, { recoveryCodes, enabled: true });
    } catch (error) {
      if (!isAppError(error, 'Invalid')) throw error;
      const enrolment = (await pendingEnrolment(access.ctx, access.user.id, secret)) ?? undefined;
      return account(req, reply, access, { enrolment, errors: error.fields }, 400);
    }
  });

  app.post('/admin/compte/double-authentification/desactiver', async (req, reply) => {
    const access = await requireBackoffice(req);
    try {
      await disableOwnTotp(access.ctx, access.user.id, secret, codeOf(req.body));
    } catch (error) {
      if (!isAppError(error, 'Invalid')) throw error;
      return account(req, reply, access, { errors: error.fields }, 400);
    }
    return reply.redirect('/admin/compte?message=desactivee', 303);
  });

  app.post('/admin/compte/sessions/fermer', async (req, reply) => {
    const access = await requireBackoffice(req);
    const id = z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .catch('')
      .parse(formValues(req.body).session);
    if (!id || !(await deleteUserSession(app.deps.db, access.user.id, id)))
      throw notFound('Cette session n’existe plus.');
    return reply.redirect('/admin/compte?message=session-fermee', 303);
  });

  app.post('/admin/utilisateurs/:id/double-authentification', async (req, reply) => {
    const access = await requireBackoffice(req);
    const p = idParam.safeParse(req.params);
    if (!p.success) throw notFound('Cet utilisateur n’existe pas dans cette commune.');
    await resetMemberTotp(access.ctx, p.data.id);
    return reply.redirect('/admin/utilisateurs?message=double-authentification', 303);
  });
}
