import { appendAuditEvent } from '../../core/audit/index.js';
import {
  getRevisionData,
  indexDocument,
  isPubliclyVisible,
  listRevisions,
  type PublicationStatus,
  type RevisionSummary,
  richTextToPlain,
  sanitizeRichText,
  saveRevision,
  unindexDocument,
} from '../../core/content/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { bumpContentVersion, scheduleContentChange } from '../../core/http/page-cache.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';
import { canEditSite } from './pages.policy.js';
import * as repo from './site.repo.js';
import { depthUnder, descendantIds, MAX_PAGE_DEPTH, slugProblem, subtreeHeight } from './site.rules.js';
import { buildTree, type PageNode } from './site.service.js';

const ENTITY = 'page';

export interface PageInput {
  parentId: number | null;
  slug: string;
  title: string;
  summary: string;
  /** HTML from the editor: sanitized here. */
  body: string;
  position: number;
  status: PublicationStatus;
  publishAt: Date | null;
}

function guard(ctx: CommuneCtx): TenantScope {
  if (!canEditSite(ctx.actor)) throw forbidden();
  return new TenantScope(ctx.db, ctx.commune.id);
}

/** Every page of the commune, whatever its state, as a tree (back-office list). */
export async function adminPageTree(ctx: CommuneCtx): Promise<PageNode<repo.Page>[]> {
  return buildTree(await repo.listAllPages(guard(ctx)));
}

export async function getPageForEdit(ctx: CommuneCtx, id: number): Promise<repo.Page> {
  const page = await repo.findPage(guard(ctx), id);
  if (!page) throw notFound('Cette page n’existe pas.');
  return page;
}

export async function pageRevisions(ctx: CommuneCtx, id: number): Promise<RevisionSummary[]> {
  const scope = guard(ctx);
  if (!(await repo.findPage(scope, id))) throw notFound('Cette page n’existe pas.');
  return listRevisions(scope, ENTITY, id);
}

/** Creates (id null) or updates a page; keeps a revision, indexes it, refreshes the public pages. */
export async function savePage(ctx: CommuneCtx, id: number | null, input: PageInput): Promise<number> {
  guard(ctx);
  const fields: repo.PageFields = {
    parentId: input.parentId,
    slug: input.slug,
    title: input.title.trim(),
    summary: input.summary.trim(),
    bodyHtml: sanitizeRichText(input.body),
    position: input.position,
    status: input.status,
    publishAt: input.publishAt?.toISOString() ?? null,
  };
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const all = await repo.listAllPages(scope);
    const existing = id === null ? undefined : all.find((p) => p.id === id);
    if (id !== null && !existing) throw notFound('Cette page n’existe pas.');
    const parent = fields.parentId === null ? undefined : all.find((p) => p.id === fields.parentId);
    if (fields.parentId !== null && !parent)
      throw invalid('La page parente n’existe pas.', { parentId: 'Choisissez une page de la liste.' });
    checkPlacement(id, fields, all);
    const path = parent ? `${parent.path}/${fields.slug}` : fields.slug;
    const clash = all.find((p) => p.path === path && p.id !== id);
    if (clash) {
      throw conflict(`Une page a déjà l’adresse /${path}.`, {
        slug: `Une page a déjà l’adresse /${path} : choisissez-en une autre.`,
      });
    }
    const now = ctx.now();
    const pageId = id ?? (await repo.insertPage(scope, fields, path, now.toISOString()));
    if (id !== null) {
      await repo.updatePage(scope, id, fields, path, now.toISOString());
      if (existing && existing.path !== path) await movePaths(scope, id, existing.path, path, all);
    }
    await afterChange(trx, ctx, pageId, fields, path, id === null ? 'page.created' : 'page.updated');
    return pageId;
  });
}

function checkPlacement(id: number | null, f: repo.PageFields, all: repo.Page[]): void {
  const problem = slugProblem(f.slug, f.parentId === null);
  if (problem) throw invalid(problem, { slug: problem });
  if (id !== null && (f.parentId === id || (f.parentId !== null && descendantIds(id, all).includes(f.parentId)))) {
    throw invalid('Une page ne peut pas être placée sous elle-même.', {
      parentId: 'Une page ne peut pas être placée sous elle-même ni sous ses sous-pages.',
    });
  }
  const height = id === null ? 1 : subtreeHeight(id, all);
  if (depthUnder(f.parentId, all) + height - 1 > MAX_PAGE_DEPTH) {
    throw invalid('Le site a trois niveaux de pages au plus.', {
      parentId: `Le site a ${MAX_PAGE_DEPTH} niveaux de pages au plus.`,
    });
  }
}

async function movePaths(scope: TenantScope, id: number, from: string, to: string, all: repo.Page[]): Promise<void> {
  for (const childId of descendantIds(id, all)) {
    const child = all.find((p) => p.id === childId);
    if (child) await repo.setPagePath(scope, childId, to + child.path.slice(from.length));
  }
}

async function afterChange(
  trx: Database,
  ctx: CommuneCtx,
  pageId: number,
  f: repo.PageFields,
  path: string,
  action: string,
): Promise<void> {
  const now = ctx.now();
  const scope = new TenantScope(trx, ctx.commune.id);
  await saveRevision(scope, {
    entityType: ENTITY,
    entityId: pageId,
    authorUserId: actorUserId(ctx.actor),
    data: f,
    now,
  });
  const publishAt = f.publishAt ? new Date(f.publishAt) : null;
  if (f.status === 'publie') {
    await indexDocument(trx, ctx.commune.id, {
      kind: 'page',
      refId: pageId,
      title: f.title,
      body: `${f.summary} ${richTextToPlain(f.bodyHtml)}`,
      url: `/${path}`,
      visibleFrom: publishAt ?? now,
    });
    if (publishAt) await scheduleContentChange(trx, ctx.commune.id, publishAt, now);
  } else {
    await unindexDocument(trx, ctx.commune.id, 'page', pageId);
  }
  await bumpContentVersion(trx, ctx.commune.id);
  await appendAuditEvent(trx, {
    communeId: ctx.commune.id,
    occurredAt: now,
    action,
    actorUserId: actorUserId(ctx.actor),
    objectType: 'page',
    objectId: pageId,
    details: { status: f.status, visible: isPubliclyVisible(f.status, f.publishAt, now) },
  });
}

/** Deletes a page without sub-pages (its revisions stay in the history). */
export async function deletePage(ctx: CommuneCtx, id: number): Promise<void> {
  guard(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const all = await repo.listAllPages(scope);
    const page = all.find((p) => p.id === id);
    if (!page) throw notFound('Cette page n’existe pas.');
    if (all.some((p) => p.parentId === id)) {
      throw conflict('Cette page a des sous-pages : supprimez-les ou déplacez-les d’abord.');
    }
    await repo.deletePage(scope, id);
    await unindexDocument(trx, ctx.commune.id, 'page', id);
    await bumpContentVersion(trx, ctx.commune.id);
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'page.deleted',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'page',
      objectId: id,
      details: { path: page.path },
    });
  });
}

/** Restores a revision: its fields become the page's current ones (as a new revision). */
export async function restorePageRevision(ctx: CommuneCtx, id: number, revisionId: number): Promise<void> {
  const scope = guard(ctx);
  const data = (await getRevisionData(scope, ENTITY, id, revisionId)) as repo.PageFields | undefined;
  if (!data) throw notFound('Cette version n’existe pas.');
  await savePage(ctx, id, {
    parentId: data.parentId,
    slug: data.slug,
    title: data.title,
    summary: data.summary,
    body: data.bodyHtml,
    position: data.position,
    status: data.status,
    publishAt: data.publishAt ? new Date(data.publishAt) : null,
  });
}
