import { appendAuditEvent } from '../../core/audit/index.js';
import {
  getRevisionData,
  listRevisions,
  PUBLICATION_LABELS,
  publicationState,
  richTextToPlain,
  sanitizeRichText,
  saveRevision,
} from '../../core/content/index.js';
import {
  applyPublication,
  PUBLICATION_AUDIT_ACTIONS,
  type PublicationAction,
  removePublicContent,
  syncPublicContent,
} from '../../core/content/publication.workflow.js';
import { type RevisionWithAuthor, withRevisionAuthors } from '../../core/content/revision-authors.repo.js';
import { slugFromTitle, uniqueSlug } from '../../core/content/slug.rules.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';
import { canManageActualites } from './actualites.policy.js';
import * as repo from './actualites.repo.js';
import type { ActualiteInput } from './actualites.schemas.js';

const ENTITY = 'actualite';
const NOT_FOUND = 'Cette actualité n’existe pas.';

function guard(ctx: CommuneCtx): TenantScope {
  if (!canManageActualites(ctx.actor)) throw forbidden();
  return new TenantScope(ctx.db, ctx.commune.id);
}

/** Refuses actors who may not write actualités (before showing an empty form). */
export function assertCanManageActualites(ctx: CommuneCtx): void {
  guard(ctx);
}

async function load(scope: TenantScope, id: number): Promise<repo.Actualite> {
  const a = await repo.findActualite(scope, id);
  if (!a) throw notFound(NOT_FOUND);
  return a;
}

/** Every actualité of the commune, whatever its state (back-office list). */
export async function listActualitesForAdmin(ctx: CommuneCtx): Promise<repo.Actualite[]> {
  return repo.listAllActualites(guard(ctx));
}

/** One actualité of the commune, for the edit form and the preview. */
export async function getActualiteForEdit(ctx: CommuneCtx, id: number): Promise<repo.Actualite> {
  return load(guard(ctx), id);
}

/** The saved versions of an actualité, newest first, with their authors. */
export async function actualiteRevisions(ctx: CommuneCtx, id: number): Promise<RevisionWithAuthor[]> {
  const scope = guard(ctx);
  await load(scope, id);
  return withRevisionAuthors(scope, await listRevisions(scope, ENTITY, id));
}

/** The address: the one typed (refused if taken), or one made from the title (numbered if taken). */
async function chooseSlug(scope: TenantScope, typed: string, title: string, id: number | null): Promise<string> {
  if (typed) {
    if ((await repo.slugsLike(scope, typed, id)).has(typed)) {
      throw conflict('Cette adresse est déjà prise.', {
        slug: `Une autre actualité a déjà l’adresse /actualites/${typed} : choisissez-en une autre.`,
      });
    }
    return typed;
  }
  const base = slugFromTitle(title) || 'actualite';
  return uniqueSlug(base, await repo.slugsLike(scope, base, id));
}

function fieldsOf(input: ActualiteInput, slug: string): repo.ActualiteFields {
  return {
    slug,
    title: input.title,
    chapo: input.chapo,
    bodyHtml: sanitizeRichText(input.body),
    imageUrl: input.imageUrl,
    imageAlt: input.imageUrl ? input.imageAlt : '',
  };
}

/** Writes a new draft actualité; returns its id. */
export async function createActualite(ctx: CommuneCtx, input: ActualiteInput): Promise<number> {
  guard(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const fields = fieldsOf(input, await chooseSlug(scope, input.slug, input.title, null));
    const id = await repo.insertActualite(scope, fields, ctx.now().toISOString());
    await afterSave(trx, ctx, id, 'actualite.created', { revision: fields });
    return id;
  });
}

/** Saves the edited fields of an actualité (its publication state does not change). */
export async function updateActualite(ctx: CommuneCtx, id: number, input: ActualiteInput): Promise<void> {
  guard(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    await load(scope, id);
    const fields = fieldsOf(input, await chooseSlug(scope, input.slug, input.title, id));
    await repo.updateActualite(scope, id, fields, ctx.now().toISOString());
    await afterSave(trx, ctx, id, 'actualite.updated', { revision: fields });
  });
}

/** Publishes now, schedules (`at`), withdraws or cancels the schedule of an actualité. */
export async function changeActualitePublication(
  ctx: CommuneCtx,
  id: number,
  action: PublicationAction,
  at?: Date,
): Promise<void> {
  guard(ctx);
  const now = ctx.now();
  if (action === 'programmer' && (!at || at.getTime() <= now.getTime())) {
    throw invalid('La date de publication doit être dans le futur.', {
      date: 'La date et l’heure de publication doivent être dans le futur.',
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const current = await load(scope, id);
    const next = applyPublication(action, current, now, at);
    if (!next) {
      const state = PUBLICATION_LABELS[publicationState(current.status, current.publishAt, now)];
      throw new AppError('InvalidTransition', `Cette action n’est pas possible : l’actualité est « ${state} ».`);
    }
    await repo.setPublication(scope, id, next, now.toISOString());
    await afterSave(trx, ctx, id, `actualite.${PUBLICATION_AUDIT_ACTIONS[action]}`, {
      details: { publishAt: next.publishAt },
    });
  });
}

/** Deletes an actualité (its past versions stay in the history). */
export async function deleteActualite(ctx: CommuneCtx, id: number): Promise<void> {
  guard(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const a = await load(scope, id);
    await repo.deleteActualite(scope, id);
    await removePublicContent(trx, ctx.commune.id, ENTITY, id);
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'actualite.deleted',
      actorUserId: actorUserId(ctx.actor),
      objectType: ENTITY,
      objectId: id,
      details: { slug: a.slug },
    });
  });
}

/** Brings back a saved version: its fields become the current ones, as a new version. */
export async function restoreActualiteRevision(ctx: CommuneCtx, id: number, revisionId: number): Promise<void> {
  guard(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    await load(scope, id);
    const data = (await getRevisionData(scope, ENTITY, id, revisionId)) as repo.ActualiteFields | undefined;
    if (!data) throw notFound('Cette version n’existe pas.');
    const base = data.slug || slugFromTitle(data.title) || 'actualite';
    const fields = { ...data, slug: uniqueSlug(base, await repo.slugsLike(scope, base, id)) };
    await repo.updateActualite(scope, id, fields, ctx.now().toISOString());
    await afterSave(trx, ctx, id, 'actualite.restored', { revision: fields, details: { revisionId } });
  });
}

/**
 * What follows every change, in its transaction: a version when the fields changed, the search
 * index, the public pages' cache, and the audit event.
 */
async function afterSave(
  trx: Database,
  ctx: CommuneCtx,
  id: number,
  action: string,
  opts: { revision?: repo.ActualiteFields; details?: Record<string, unknown> },
): Promise<void> {
  const now = ctx.now();
  const scope = new TenantScope(trx, ctx.commune.id);
  const a = await load(scope, id);
  if (opts.revision) {
    await saveRevision(scope, {
      entityType: ENTITY,
      entityId: id,
      authorUserId: actorUserId(ctx.actor),
      data: opts.revision,
      now,
    });
  }
  await syncPublicContent(
    trx,
    ctx.commune.id,
    {
      kind: ENTITY,
      refId: id,
      status: a.status,
      publishAt: a.publishAt,
      title: a.title,
      searchText: `${a.chapo} ${richTextToPlain(a.bodyHtml)}`,
      url: `/actualites/${a.slug}`,
    },
    now,
  );
  await appendAuditEvent(trx, {
    communeId: ctx.commune.id,
    occurredAt: now,
    action,
    actorUserId: actorUserId(ctx.actor),
    objectType: ENTITY,
    objectId: id,
    details: { slug: a.slug, status: publicationState(a.status, a.publishAt, now), ...opts.details },
  });
}
