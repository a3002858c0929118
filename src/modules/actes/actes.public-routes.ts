import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { systemActor } from '../../core/context.js';
import { invalid, notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';
import { communeCtx, requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { parseRegisterQuery } from './actes.schemas.js';
import { getPublicActe, publicDocument, searchPublicActes } from './public.service.js';
import { scdlDeliberationRows } from './scdl.service.js';
import { ActePublicPage, RegisterPublicPage } from './views/actes-public.page.js';
import { canonicalRegisterQuery } from './views/format.js';

const visitor = systemActor('visitor');
const FILE_NAME = /^[A-Z0-9_]{1,15}(-annexe-[1-9]\d{0,2})?\.(pdf|png|jpg)$/;

/** /actes, /actes/<id>, /actes/<id>/<file> and the SCDL délibérations files. No form, no cookie. */
export async function actesPublicRoutes(app: FastifyInstance): Promise<void> {
  const ctxOf = (req: FastifyRequest) => communeCtx(req, visitor, requireCommune(req));
  // Links in the data files point at the host the commune's site is served on (each commune has
  // its own), as the visitor reached it.
  const base = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  app.get('/actes', (req, reply) => {
    const parsed = parseRegisterQuery(req.query);
    if (!parsed.ok) throw invalid(parsed.message);
    const q = parsed.value;
    return app.deps.pageCache.serve(
      req,
      reply,
      requireCommune(req).id,
      async () => {
        const page = await searchPublicActes(ctxOf(req), q);
        if (q.page > page.pageCount) throw notFound('Cette page du registre des actes n’existe pas.');
        return RegisterPublicPage({ shell: await publicShell(req), q, page });
      },
      `/actes${canonicalRegisterQuery(q)}`,
    );
  });

  app.get('/actes/:id', (req, reply) => {
    const p = idParam.safeParse(req.params);
    if (!p.success) throw notFound('Cet acte n’existe pas ou n’est pas publié.');
    return app.deps.pageCache.serve(req, reply, requireCommune(req).id, async () =>
      ActePublicPage({ shell: await publicShell(req), d: await getPublicActe(ctxOf(req), p.data.id) }),
    );
  });

  app.get<{ Params: { id: string; file: string } }>('/actes/:id/:file', async (req, reply) => {
    const p = idParam.safeParse({ id: req.params.id });
    if (!p.success || !FILE_NAME.test(req.params.file)) throw notFound('Ce document n’existe pas.');
    const doc = await publicDocument(ctxOf(req), p.data.id, req.params.file);
    // A published document never changes: its URL is stable and its bytes may be kept forever.
    return reply
      .type(doc.mime)
      .header('content-length', doc.size)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', `"${doc.sha256}"`)
      .header('content-disposition', `inline; filename="${doc.name}"`)
      .send(app.deps.files.stream(doc.sha256));
  });

  const sendScdl = (req: FastifyRequest, reply: FastifyReply, year: number | null) => {
    const commune = requireCommune(req);
    const rows = Readable.from(scdlDeliberationRows({ db: app.deps.db, commune }, base(req), year));
    const name = year === null ? 'deliberations.csv' : `deliberations-${year}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(rows.pipe(stringify({ delimiter: ',', record_delimiter: '\n' })));
  };

  app.get('/donnees/deliberations.csv', (req, reply) => sendScdl(req, reply, null));
  app.get<{ Params: { year: string } }>('/donnees/deliberations-:year.csv', (req, reply) => {
    if (!/^(19|20)\d{2}$/.test(req.params.year)) throw notFound('Ce fichier de données n’existe pas.');
    return sendScdl(req, reply, Number(req.params.year));
  });
}
