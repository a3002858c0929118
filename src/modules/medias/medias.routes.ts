import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError, notFound } from '../../core/errors.js';
import { checkbox, idParam } from '../../core/http/fields.js';
import { parseForm } from '../../core/http/forms.js';
import { MULTIPART_ROUTE, readMultipartForm } from '../../core/http/multipart.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice, requireCommune } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { IMAGE_TYPES, MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, mediaUrl } from './medias.rules.js';
import {
  deleteMedia,
  getMedia,
  listCommuneMedia,
  publicMediaFile,
  updateMediaText,
  uploadMedia,
} from './medias.service.js';
import { MediaEditPage, MediasPage } from './views/medias.page.js';

const PER_PAGE = 24;
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  message: z.string().optional(),
});
const textSchema = z.object({
  title: z.string().trim().max(200, { message: 'Le titre ne doit pas dépasser 200 caractères.' }).default(''),
  alt: z.string().max(250, { message: 'Le texte alternatif ne doit pas dépasser 250 caractères.' }).default(''),
  decorative: checkbox,
});

function parseId(params: unknown): number {
  const p = idParam.safeParse(params);
  if (!p.success) throw notFound('Ce fichier n’existe pas dans la médiathèque.');
  return p.data.id;
}

/** The media library: public files under /medias, management under /admin/medias. */
export async function mediasRoutes(app: FastifyInstance): Promise<void> {
  const filesCtx = (access: BackofficeAccess) => ({ ...access.ctx, files: app.deps.files });

  app.get<{ Params: { id: string; name: string } }>('/medias/:id/:name', async (req, reply) => {
    const commune = requireCommune(req);
    const file = await publicMediaFile(
      { db: app.deps.db, commune, files: app.deps.files },
      parseId(req.params),
      req.params.name,
    );
    return reply
      .type(file.mime)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .send(file.bytes);
  });

  const list = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    extra: object,
    status = 200,
  ) => {
    const q = pageQuery.safeParse(req.query);
    if (!q.success) throw notFound('Cette page de la médiathèque n’existe pas.');
    const { items, total } = await listCommuneMedia(access.ctx, q.data.page, PER_PAGE);
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    if (q.data.page > pages) throw notFound('Cette page de la médiathèque n’existe pas.');
    return sendPage(
      reply,
      MediasPage({
        shell: adminShell(req, reply, access),
        items,
        page: q.data.page,
        pages,
        message: q.data.message,
        ...extra,
      }),
      status,
    );
  };

  app.get('/admin/medias', async (req, reply) => list(req, reply, await requireBackoffice(req), {}));

  app.post('/admin/medias', MULTIPART_ROUTE, async (req, reply) => {
    const access = await requireBackoffice(req);
    const form = await readMultipartForm(req, reply, MAX_DOCUMENT_BYTES);
    const values = {
      title: form.fields.title ?? '',
      alt: form.fields.alt ?? '',
      decorative: form.fields.decorative ?? '',
    };
    const fail = (errors: Record<string, string>, status: number) =>
      list(req, reply, access, { values, errors }, status);
    if (form.fileTooLarge)
      return fail(
        { fichier: 'Le fichier est trop volumineux : 10 Mo au plus pour une image, 20 Mo pour un PDF.' },
        413,
      );
    if (!form.file) return fail({ fichier: 'Choisissez le fichier à ajouter.' }, 400);
    try {
      await uploadMedia(filesCtx(access), {
        bytes: form.file.bytes,
        originalName: form.file.filename,
        title: values.title,
        alt: values.alt,
        decorative: values.decorative === 'on',
      });
    } catch (error) {
      if (isAppError(error, 'Invalid')) return fail(error.fields, 400);
      throw error;
    }
    return reply.redirect('/admin/medias?message=ajoute', 303);
  });

  app.get('/admin/medias/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const media = await getMedia(access.ctx, parseId(req.params));
    return sendPage(reply, MediaEditPage({ shell: adminShell(req, reply, access), media }));
  });

  app.post('/admin/medias/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const media = await getMedia(access.ctx, id);
    const form = parseForm(textSchema, req.body);
    const fail = (errors: Record<string, string>, values: Record<string, string>) =>
      sendPage(reply, MediaEditPage({ shell: adminShell(req, reply, access), media, values, errors }), 400);
    if (!form.ok) return fail(form.errors, form.values);
    try {
      await updateMediaText(access.ctx, id, form.data);
    } catch (error) {
      if (isAppError(error, 'Invalid'))
        return fail(error.fields, { ...form.data, decorative: form.data.decorative ? 'on' : '' });
      throw error;
    }
    return reply.redirect('/admin/medias?message=modifie', 303);
  });

  app.post('/admin/medias/:id/suppression', async (req, reply) => {
    const access = await requireBackoffice(req);
    await deleteMedia(access.ctx, parseId(req.params));
    return reply.redirect('/admin/medias?message=supprime', 303);
  });

  // The editor's image upload: the raw image as the body, the token in a header; answers JSON.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      [...IMAGE_TYPES, 'image/gif', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.post('/admin/medias/editeur', async (req, reply) => {
      const access = await requireBackoffice(req);
      const name = decodeURIComponent(String(req.headers['x-filename'] ?? 'image'));
      try {
        const media = await uploadMedia(filesCtx(access), {
          bytes: req.body as Buffer,
          originalName: name,
          title: '',
          alt: '',
          // The editor's image dialog asks for the description; the library flags it until then.
          decorative: true,
        });
        const file = media.files.find((f) => (f.width ?? 0) >= 1024) ?? media.files.at(-1);
        return reply.send({ location: file ? mediaUrl(media.id, file, media.kind) : '' });
      } catch (error) {
        if (isAppError(error, 'Invalid')) return reply.status(400).send({ message: error.message });
        throw error;
      }
    });
  });
}
