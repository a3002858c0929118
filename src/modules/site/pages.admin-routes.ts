import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError, notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';
import { formValues, parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell, publicShell } from '../../core/http/shells.js';
import { pageFormSchema } from './pages.schemas.js';
import {
  adminPageTree,
  deletePage,
  getPageForEdit,
  pageRevisions,
  restorePageRevision,
  savePage,
} from './pages.service.js';
import type { Page } from './site.repo.js';
import { descendantIds, MAX_PAGE_DEPTH } from './site.rules.js';
import type { PageNode } from './site.service.js';
import { ContentPage } from './views/content.page.js';
import { PageDeletePage, PageEditPage, PagesListPage, pageValues } from './views/pages-admin.page.js';

const revisionParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  rev: z.coerce.number().int().positive().max(2_147_483_647),
});

function parseId(params: unknown): number {
  const p = idParam.safeParse(params);
  if (!p.success) throw notFound('Cette page n’existe pas.');
  return p.data.id;
}

/** Pages that may hold `page` (not itself nor its sub-pages, not at the last level). */
function parentOptions(tree: PageNode<Page>[], page: Page | null): { value: string; label: string }[] {
  const flat: { page: Page; depth: number }[] = [];
  const walk = (nodes: PageNode<Page>[], depth: number) => {
    for (const n of nodes) {
      flat.push({ page: n.page, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(tree, 1);
  const all = flat.map((f) => f.page);
  const excluded = page ? new Set([page.id, ...descendantIds(page.id, all)]) : new Set<number>();
  return flat
    .filter((f) => !excluded.has(f.page.id) && f.depth < MAX_PAGE_DEPTH)
    .map((f) => ({ value: String(f.page.id), label: `${'— '.repeat(f.depth - 1)}${f.page.title}` }));
}

/** /admin/pages: the commune's pages, their editor, versions, preview and deletion. */
export async function pagesAdminRoutes(app: FastifyInstance): Promise<void> {
  const renderEdit = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    page: Page | null,
    state: { values?: Record<string, string>; errors?: Record<string, string>; message?: string | undefined },
    status = 200,
  ) =>
    sendPage(
      reply,
      PageEditPage({
        shell: adminShell(req, reply, access),
        page,
        parents: parentOptions(await adminPageTree(access.ctx), page),
        values: state.values ?? (page ? pageValues(page) : { status: 'brouillon' }),
        errors: state.errors ?? {},
        revisions: page ? await pageRevisions(access.ctx, page.id) : [],
        message: state.message,
      }),
      status,
    );

  const save = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const access = await requireBackoffice(req);
    const page = id === null ? null : await getPageForEdit(access.ctx, id);
    const form = parseForm(pageFormSchema, req.body);
    if (!form.ok) return renderEdit(req, reply, access, page, { values: form.values, errors: form.errors }, 400);
    try {
      const savedId = await savePage(access.ctx, id, form.data);
      return reply.redirect(`/admin/pages/${savedId}?message=enregistree`, 303);
    } catch (error) {
      if (isAppError(error, 'Invalid') || isAppError(error, 'Conflict')) {
        const errors = Object.keys(error.fields).length > 0 ? error.fields : { slug: error.message };
        return renderEdit(
          req,
          reply,
          access,
          page,
          { values: formValues(req.body), errors },
          error.code === 'Conflict' ? 409 : 400,
        );
      }
      throw error;
    }
  };

  app.get<{ Querystring: { message?: string } }>('/admin/pages', async (req, reply) => {
    const access = await requireBackoffice(req);
    const tree = await adminPageTree(access.ctx);
    return sendPage(
      reply,
      PagesListPage({ shell: adminShell(req, reply, access), tree, now: access.ctx.now(), message: req.query.message }),
    );
  });

  app.get('/admin/pages/nouvelle', async (req, reply) => {
    const access = await requireBackoffice(req);
    return renderEdit(req, reply, access, null, {});
  });
  app.post('/admin/pages/nouvelle', (req, reply) => save(req, reply, null));

  app.get<{ Querystring: { message?: string } }>('/admin/pages/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const page = await getPageForEdit(access.ctx, parseId(req.params));
    return renderEdit(req, reply, access, page, { message: req.query.message });
  });
  app.post('/admin/pages/:id', (req, reply) => save(req, reply, parseId(req.params)));

  app.get('/admin/pages/:id/apercu', async (req, reply) => {
    const access = await requireBackoffice(req);
    const page = await getPageForEdit(access.ctx, parseId(req.params));
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      ContentPage({ shell: await publicShell(req), page, children: [], ancestors: [], preview: true }),
    );
  });

  app.get('/admin/pages/:id/suppression', async (req, reply) => {
    const access = await requireBackoffice(req);
    const page = await getPageForEdit(access.ctx, parseId(req.params));
    return sendPage(reply, PageDeletePage({ shell: adminShell(req, reply, access), page }));
  });
  app.post('/admin/pages/:id/suppression', async (req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    try {
      await deletePage(access.ctx, id);
    } catch (error) {
      if (!isAppError(error, 'Conflict')) throw error;
      const page = await getPageForEdit(access.ctx, id);
      return sendPage(
        reply,
        PageDeletePage({ shell: adminShell(req, reply, access), page, error: error.message }),
        409,
      );
    }
    return reply.redirect('/admin/pages?message=supprimee', 303);
  });

  app.post('/admin/pages/:id/versions/:rev/restaurer', async (req, reply) => {
    const access = await requireBackoffice(req);
    const p = revisionParams.safeParse(req.params);
    if (!p.success) throw notFound('Cette version n’existe pas.');
    await restorePageRevision(access.ctx, p.data.id, p.data.rev);
    return reply.redirect(`/admin/pages/${p.data.id}?message=restauree`, 303);
  });
}
