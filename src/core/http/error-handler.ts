import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorPage } from '../../ui/error-page.js';
import type { PublicShell } from '../../ui/public-layout.js';
import { isAppError, STATUS_BY_CODE } from '../errors.js';
import { sendPage } from './render.js';
import { publicShell } from './shells.js';

const GENERIC_500 =
  'Une erreur inattendue s’est produite. Elle a été enregistrée ; réessayez dans quelques instants. Rien de ce que vous aviez enregistré n’a été perdu.';

/** Maps Fastify's own errors (body parsing, CSRF, limits) to a status and a French message. */
function frameworkError(error: FastifyError): { status: number; message: string } | null {
  switch (error.code) {
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return {
        status: 403,
        message:
          'Le formulaire a expiré ou n’a pas été envoyé depuis ce site. Rechargez la page et envoyez-le à nouveau.',
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return { status: 413, message: 'L’envoi dépasse la taille autorisée.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: 'Ce type d’envoi n’est pas accepté.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_BAD_URL':
      return { status: 400, message: 'La demande envoyée est mal formée.' };
    default:
      break;
  }
  if (error.statusCode === 429) return { status: 429, message: 'Trop de tentatives. Patientez quelques minutes.' };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, message: 'La demande envoyée est incorrecte.' };
  }
  return null;
}

/**
 * The frame of an error page: the public site's menu and banners for a reader of the public site,
 * a bare frame in the back-office, for a server error (the database may be what failed), or when
 * the menu itself cannot be read.
 */
async function errorShell(req: FastifyRequest, status: number): Promise<PublicShell> {
  const bare = { commune: req.commune ?? null, nav: [], currentPath: '' };
  if (!req.commune || status >= 500 || /^\/(admin|plateforme)(\/|$)/.test(req.url)) return bare;
  try {
    return { ...(await publicShell(req)), canonicalBase: undefined, currentPath: '' };
  } catch {
    return bare;
  }
}

/** One error handler for the whole app: French pages, the right status, no stack trace below the log. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(error, 'Unauthenticated') && req.method === 'GET') {
      const back = encodeURIComponent(req.url);
      return reply.redirect(`/admin/connexion?retour=${back}`, 303);
    }
    let status: number;
    let message: string;
    if (isAppError(error)) {
      status = STATUS_BY_CODE[error.code];
      message = error.message;
      if (status === 403 || status === 404) req.log.info({ code: error.code, url: req.url }, 'refused');
    } else {
      const known = frameworkError(error);
      status = known?.status ?? 500;
      message = known?.message ?? GENERIC_500;
      if (status >= 500) req.log.error({ err: error }, 'unhandled error');
      else req.log.info({ code: error.code, url: req.url }, 'bad request');
    }
    return sendPage(reply, ErrorPage({ status, message, shell: await errorShell(req, status) }), status);
  });

  app.setNotFoundHandler(async (req, reply) =>
    sendPage(
      reply,
      ErrorPage({
        status: 404,
        message: 'La page demandée n’existe pas ou n’est plus disponible. Vérifiez l’adresse ou repartez de l’accueil.',
        shell: await errorShell(req, 404),
      }),
      404,
    ),
  );
}
