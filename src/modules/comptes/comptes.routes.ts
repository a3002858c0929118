import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  acceptInvitation,
  findInvitation,
  requestPasswordReset,
  SESSION_ABSOLUTE_MINUTES,
  signIn,
  signOut,
} from '../../core/auth/index.js';
import { systemActor } from '../../core/context.js';
import { isAppError, notFound } from '../../core/errors.js';
import { cookieNames, cookieOptions } from '../../core/http/cookies.js';
import { emailField } from '../../core/http/fields.js';
import { formToken, parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { platformCtx, sessionToken } from '../../core/http/request-context.js';
import { choosePasswordSchema, safeReturnPath, signInSchema } from './comptes.schemas.js';
import { MFA_COOKIE } from './second-factor.routes.js';
import { ForgotPasswordPage, InvitationPage } from './views/invitation.page.js';
import { SignInPage } from './views/sign-in.page.js';

/** Sign-in, sign-out and the invitation link: the doors of the back-office. */
export async function comptesRoutes(app: FastifyInstance): Promise<void> {
  const names = cookieNames(app.deps.config.secure);

  app.get<{ Querystring: { retour?: string; invitation?: string } }>('/admin/connexion', async (req, reply) =>
    sendPage(
      reply,
      SignInPage({
        commune: req.commune,
        csrfToken: formToken(reply),
        retour: safeReturnPath(req.query.retour),
        ...(req.query.invitation === 'ok' && {
          notice: 'Votre mot de passe est enregistré. Vous pouvez vous connecter.',
        }),
      }),
    ),
  );

  app.post('/admin/connexion', async (req, reply) => {
    const form = parseForm(signInSchema, req.body);
    if (!form.ok) {
      return sendPage(
        reply,
        SignInPage({
          commune: req.commune,
          csrfToken: formToken(reply),
          email: form.values.email,
          errors: form.errors,
        }),
        400,
      );
    }
    try {
      const { token, secondFactor } = await signIn(platformCtx(req, systemActor('sign-in')), {
        email: form.data.email,
        password: form.data.password,
        communeId: req.commune?.id ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        previousToken: sessionToken(req),
      });
      const retour = safeReturnPath(form.data.retour);
      if (secondFactor) {
        reply.setCookie(MFA_COOKIE(app.deps.config.secure), token, cookieOptions(app.deps.config.secure, 5 * 60));
        return reply.redirect(`/admin/connexion/code${retour ? `?retour=${encodeURIComponent(retour)}` : ''}`, 303);
      }
      reply.setCookie(names.session, token, cookieOptions(app.deps.config.secure, SESSION_ABSOLUTE_MINUTES * 60));
      return reply.redirect(retour ?? '/admin', 303);
    } catch (error) {
      if (!isAppError(error, 'Unauthenticated') && !isAppError(error, 'RateLimited')) throw error;
      return sendPage(
        reply,
        SignInPage({
          commune: req.commune,
          csrfToken: formToken(reply),
          email: form.data.email,
          retour: safeReturnPath(form.data.retour),
          failed: error.message,
        }),
        error.code === 'RateLimited' ? 429 : 401,
      );
    }
  });

  app.post('/admin/deconnexion', async (req, reply) => {
    const token = sessionToken(req);
    if (token) await signOut(platformCtx(req, systemActor('sign-out')), token, req.commune?.id ?? null);
    reply.clearCookie(names.session, cookieOptions(app.deps.config.secure));
    return reply.redirect('/admin/connexion', 303);
  });

  app.get<{ Params: { token: string } }>('/admin/invitation/:token', async (req, reply) => {
    const invitation = await findInvitation(app.deps, req.params.token);
    if (!invitation) throw notFound('Ce lien d’invitation n’est plus valable. Demandez une nouvelle invitation.');
    return sendPage(
      reply,
      InvitationPage({ commune: req.commune, csrfToken: formToken(reply), token: req.params.token, ...invitation }),
    );
  });

  app.post<{ Params: { token: string } }>('/admin/invitation/:token', async (req, reply) => {
    const invitation = await findInvitation(app.deps, req.params.token);
    if (!invitation) throw notFound('Ce lien d’invitation n’est plus valable. Demandez une nouvelle invitation.');
    const form = parseForm(choosePasswordSchema, req.body);
    const page = (errors: Record<string, string>) =>
      sendPage(
        reply,
        InvitationPage({
          commune: req.commune,
          csrfToken: formToken(reply),
          token: req.params.token,
          ...invitation,
          errors,
        }),
        400,
      );
    if (!form.ok) return page(form.errors);
    try {
      await acceptInvitation(platformCtx(req, systemActor('invitation')), req.params.token, form.data.password);
    } catch (error) {
      if (isAppError(error, 'Invalid')) return page(error.fields);
      throw error;
    }
    return reply.redirect('/admin/connexion?invitation=ok', 303);
  });
}

/** Forgotten password: a link by e-mail, then the choice of a new password. */
export async function passwordResetRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/mot-de-passe-oublie', async (req, reply) =>
    sendPage(reply, ForgotPasswordPage({ commune: req.commune, csrfToken: formToken(reply) })),
  );

  app.post('/admin/mot-de-passe-oublie', async (req, reply) => {
    const form = parseForm(z.object({ email: emailField }), req.body);
    if (!form.ok) {
      return sendPage(
        reply,
        ForgotPasswordPage({
          commune: req.commune,
          csrfToken: formToken(reply),
          email: form.values.email,
          errors: form.errors,
        }),
        400,
      );
    }
    await requestPasswordReset(platformCtx(req, systemActor('password-reset')), {
      email: form.data.email,
      baseUrl: app.deps.config.publicUrl,
      communeId: req.commune?.id ?? null,
      communeNom: req.commune?.nom ?? null,
    });
    return sendPage(reply, ForgotPasswordPage({ commune: req.commune, csrfToken: formToken(reply), sent: true }));
  });

  const showReset = async (req: FastifyRequest<{ Params: { token: string } }>) => {
    const link = await findInvitation(app.deps, req.params.token, 'reset');
    if (!link)
      throw notFound('Ce lien n’est plus valable (il sert une fois, pendant une heure). Demandez-en un nouveau.');
    return link;
  };

  app.get<{ Params: { token: string } }>('/admin/mot-de-passe/:token', async (req, reply) => {
    const link = await showReset(req);
    return sendPage(
      reply,
      InvitationPage({
        commune: req.commune,
        csrfToken: formToken(reply),
        token: req.params.token,
        mode: 'reset',
        ...link,
      }),
    );
  });

  app.post<{ Params: { token: string } }>('/admin/mot-de-passe/:token', async (req, reply) => {
    const link = await showReset(req);
    const form = parseForm(choosePasswordSchema, req.body);
    const page = (errors: Record<string, string>) =>
      sendPage(
        reply,
        InvitationPage({
          commune: req.commune,
          csrfToken: formToken(reply),
          token: req.params.token,
          mode: 'reset',
          ...link,
          errors,
        }),
        400,
      );
    if (!form.ok) return page(form.errors);
    try {
      await acceptInvitation(
        platformCtx(req, systemActor('password-reset')),
        req.params.token,
        form.data.password,
        'reset',
      );
    } catch (error) {
      if (isAppError(error, 'Invalid')) return page(error.fields);
      throw error;
    }
    return reply.redirect('/admin/connexion?invitation=ok', 303);
  });
}
