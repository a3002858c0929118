import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  hasTotp,
  listPasskeys,
  passkeyReauthOptions,
  reauthenticate,
  reauthenticateWithPasskey,
} from '../../core/auth/index.js';
import { sha256Hex } from '../../core/crypto.js';
import { invalid, isAppError } from '../../core/errors.js';
import { formValues } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice, sessionToken } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { safeReturnPath } from './comptes.schemas.js';
import { relyingParty } from './recent-auth.js';
import { ReauthPage } from './views/reauth.page.js';

const text = (max: number) => z.string().max(max).catch('');

/** Sends the answer of a passkey endpoint: JSON for the page's script, never an HTML error page. */
export async function passkeyJson(reply: FastifyReply, run: () => Promise<unknown>) {
  try {
    return reply.header('cache-control', 'no-store').send(await run());
  } catch (error) {
    if (isAppError(error)) {
      const status = error.code === 'Invalid' ? 400 : error.code === 'RateLimited' ? 429 : 403;
      return reply.code(status).send({ error: error.message });
    }
    throw error;
  }
}

/** /admin/reauthentification: prove one's identity again before a sensitive action. */
export async function reauthRoutes(app: FastifyInstance): Promise<void> {
  const secret = app.deps.secret;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    retour: string,
    state: { errors?: Record<string, string>; failed?: string } = {},
    status = 200,
  ) => {
    const rp = relyingParty(req);
    const shell = adminShell(req, reply, access);
    return sendPage(
      reply,
      ReauthPage({
        shell,
        retour,
        totp: await hasTotp(app.deps.db, access.user.id),
        passkey: (await listPasskeys(app.deps.db, access.user.id)).some((p) => p.rpId === rp.id),
        ...state,
      }),
      status,
    );
  };

  app.get<{ Querystring: { retour?: string } }>('/admin/reauthentification', async (req, reply) => {
    const access = await requireBackoffice(req);
    return page(req, reply, access, safeReturnPath(req.query.retour) ?? '/admin');
  });

  app.post('/admin/reauthentification', async (req, reply) => {
    const access = await requireBackoffice(req);
    const values = formValues(req.body);
    const retour = safeReturnPath(values.retour) ?? '/admin';
    const token = sessionToken(req) ?? '';
    const code = values.code !== undefined ? text(40).parse(values.code) : undefined;
    try {
      await reauthenticate(access.ctx, {
        sessionId: sha256Hex(token),
        userId: access.user.id,
        communeId: access.commune.id,
        ...(code !== undefined ? { code } : { password: text(200).parse(values.password ?? '') }),
        instanceSecret: secret,
      });
    } catch (error) {
      if (isAppError(error, 'Invalid')) return page(req, reply, access, retour, { errors: error.fields }, 400);
      if (isAppError(error, 'RateLimited')) return page(req, reply, access, retour, { failed: error.message }, 429);
      throw error;
    }
    return reply.redirect(retour, 303);
  });

  app.post('/admin/reauthentification/cle/options', async (req, reply) => {
    const access = await requireBackoffice(req);
    return passkeyJson(reply, async () => {
      const options = await passkeyReauthOptions(access.ctx, {
        userId: access.user.id,
        sessionToken: sessionToken(req) ?? '',
        rp: relyingParty(req),
      });
      if (!options) throw invalid('Vous n’avez pas de clé d’accès enregistrée sur ce site.');
      return options;
    });
  });

  app.post('/admin/reauthentification/cle', async (req, reply) => {
    const access = await requireBackoffice(req);
    const body = (req.body ?? {}) as { response?: unknown; retour?: unknown };
    return passkeyJson(reply, async () => {
      await reauthenticateWithPasskey(access.ctx, {
        userId: access.user.id,
        sessionToken: sessionToken(req) ?? '',
        communeId: access.commune.id,
        rp: relyingParty(req),
        response: body.response,
      });
      return { redirect: safeReturnPath(typeof body.retour === 'string' ? body.retour : undefined) ?? '/admin' };
    });
  });
}
