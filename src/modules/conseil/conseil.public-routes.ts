import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { systemActor } from '../../core/context.js';
import { sendPage } from '../../core/http/render.js';
import { communeCtx, requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { parseId } from './conseil.http.js';
import { publicConseil, publicSeanceById } from './conseil.public.js';
import { documentParConvocation, ouvrirConvocation } from './convocation.service.js';
import { ConseilPublicPage, ConvocationMembrePage, SeancePublicPage } from './views/conseil.page.js';

const visitor = systemActor('visitor');

type Req = FastifyRequest<{ Params: Record<string, string> }>;

/**
 * /conseil-municipal (members, séances, listes des délibérations, PV: cached, cookie-free) and the
 * members' personal convocation links /conseil/convocation/<token>.
 */
export async function conseilPublicRoutes(app: FastifyInstance): Promise<void> {
  const ctxOf = (req: FastifyRequest) => communeCtx(req, visitor, requireCommune(req));
  const cached = (req: FastifyRequest, reply: FastifyReply, render: () => Promise<VNode>) =>
    app.deps.pageCache.serve(req, reply, requireCommune(req).id, render);

  app.get('/conseil-municipal', (req, reply) =>
    cached(req, reply, async () =>
      ConseilPublicPage({ shell: await publicShell(req), c: await publicConseil(ctxOf(req)) }),
    ),
  );

  app.get('/conseil-municipal/seances/:id', (req: Req, reply) => {
    const id = parseId(req.params.id);
    return cached(req, reply, async () =>
      SeancePublicPage({ shell: await publicShell(req), ps: await publicSeanceById(ctxOf(req), id) }),
    );
  });

  // The secret of the URL is the credential: never cached, never indexed.
  app.get('/conseil/convocation/:token', async (req: Req, reply) => {
    const token = req.params.token ?? '';
    const opened = await ouvrirConvocation(ctxOf(req), token);
    reply
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      .header('referrer-policy', 'no-referrer');
    return sendPage(
      reply,
      ConvocationMembrePage({ shell: await publicShell(req), d: opened.dossier, membre: opened.membre, token }),
    );
  });

  app.get('/conseil/convocation/:token/documents/:docId', async (req: Req, reply) => {
    const doc = await documentParConvocation(
      ctxOf(req),
      req.params.token ?? '',
      parseId(req.params.docId, 'Ce document n’existe pas.'),
    );
    return reply
      .type(doc.mime)
      .header('cache-control', 'private, no-store')
      .header('referrer-policy', 'no-referrer')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(doc.originalName)}`)
      .send(await app.deps.files.get(doc.sha256));
  });
}
