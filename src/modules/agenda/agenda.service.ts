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
import { canManageAgenda } from './agenda.policy.js';
import * as repo from './agenda.repo.js';
import type { EvenementInput } from './agenda.schemas.js';

const ENTITY = 'evenement';
const NOT_FOUND = 'Cet événement n’existe pas.';

function guard(ctx: CommuneCtx): TenantScope {
  if (!canManageAgenda(ctx.actor)) throw forbidden();
  return new TenantScope(ctx.db, ctx.commune.id);
}

/** Refuses actors who may not write events (before showing an empty form). */
export function assertCanManageAgenda(ctx: CommuneCtx): void {
  guard(ctx);
}

async function load(scope: TenantScope, id: number): Promise<repo.Evenement> {
  const e = await repo.findEvenement(scope, id);
  if (!e) throw notFound(NOT_FOUND);
  return e;
}

/** Every event of the commune, whatever its state (back-office list). */
export async function listEvenementsForAdmin(ctx: CommuneCtx): Promise<repo.Evenement[]> {
  return repo.listAllEvenements(guard(ctx));
}

/** One event of the commune, for the edit form and the preview. */
export async function getEvenementForEdit(ctx: CommuneCtx, id: number): Promise<repo.Evenement> {
  return load(guard(ctx), id);
}

/** The saved versions of an event, newest first, with their authors. */
export async function evenementRevisions(ctx: CommuneCtx, id: number): Promise<RevisionWithAuthor[]> {
  const scope = guard(ctx);
  await load(scope, id);
  return withRevisionAuthors(scope, await listRevisions(scope, ENTITY, id));
}

async function chooseSlug(scope: TenantScope, typed: string, title: string, id: number | null): Promise<string> {
  if (typed) {
    if ((await repo.slugsLike(scope, typed, id)).has(typed)) {
      throw conflict('Cette adresse est déjà prise.', {
        slug: `Un autre événement a déjà l’adresse /agenda/${typed} : choisissez-en une autre.`,
      });
    }
    return typed;
  }
  const base = slugFromTitle(title) || 'evenement';
  return uniqueSlug(base, await repo.slugsLike(scope, base, id));
}

function fieldsOf(input: EvenementInput, slug: string): repo.EvenementFields {
  return {
    slug,
    title: input.title,
    descriptionHtml: sanitizeRichText(input.description),
    startsAt: input.startsAt.toISOString(),
    endsAt: input.endsAt.toISOString(),
    allDay: input.allDay,
    lieu: input.lieu,
    adresse: input.adresse,
  };
}

/** Writes a new draft event; returns its id. */
export async function createEvenement(ctx: CommuneCtx, input: EvenementInput): Promise<number> {
  guard(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const fields = fieldsOf(input, await chooseSlug(scope, input.slug, input.title, null));
    const id = await repo.insertEvenement(scope, fields, ctx.now().toISOString());
    await afterSave(trx, ctx, id, 'evenement.created', { revision: fields });
    return id;
  });
}

/** Saves the edited fields of an event (its publication state does not change). */
export async function updateEvenement(ctx: CommuneCtx, id: number, input: EvenementInput): Promise<void> {
  guard(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    await load(scope, id);
    const fields = fieldsOf(input, await chooseSlug(scope, input.slug, input.title, id));
    await repo.updateEvenement(scope, id, fields, ctx.now().toISOString());
    await afterSave(trx, ctx, id, 'evenement.updated', { revision: fields });
  });
}

/** Publishes now, schedules (`at`), withdraws or cancels the schedule of an event. */
export async function changeEvenementPublication(
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
      throw new AppError('InvalidTransition', `Cette action n’est pas possible : l’événement est « ${state} ».`);
    }
    await repo.setPublication(scope, id, next, now.toISOString());
    await afterSave(trx, ctx, id, `evenement.${PUBLICATION_AUDIT_ACTIONS[action]}`, {
      details: { publishAt: next.publishAt },
    });
  });
}

/** Deletes an event (its past versions stay in the history). */
export async function deleteEvenement(ctx: CommuneCtx, id: number): Promise<void> {
  guard(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const e = await load(scope, id);
    await repo.deleteEvenement(scope, id);
    await removePublicContent(trx, ctx.commune.id, ENTITY, id);
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'evenement.deleted',
      actorUserId: actorUserId(ctx.actor),
      objectType: ENTITY,
      objectId: id,
      details: { slug: e.slug },
    });
  });
}

/** Brings back a saved version: its fields become the current ones, as a new version. */
export async function restoreEvenementRevision(ctx: CommuneCtx, id: number, revisionId: number): Promise<void> {
  guard(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    await load(scope, id);
    const data = (await getRevisionData(scope, ENTITY, id, revisionId)) as repo.EvenementFields | undefined;
    if (!data) throw notFound('Cette version n’existe pas.');
    const base = data.slug || slugFromTitle(data.title) || 'evenement';
    const fields = { ...data, slug: uniqueSlug(base, await repo.slugsLike(scope, base, id)) };
    await repo.updateEvenement(scope, id, fields, ctx.now().toISOString());
    await afterSave(trx, ctx, id, 'evenement.restored', { revision: fields, details: { revisionId } });
  });
}

/**
 * What follows every change, in its transaction: a version when the fields changed, the search
 * index, the public pages' cache (which also changes when the event is over), and the audit event.
 */
async function afterSave(
  trx: Database,
  ctx: CommuneCtx,
  id: number,
  action: string,
  opts: { revision?: repo.EvenementFields; details?: Record<string, unknown> },
): Promise<void> {
  const now = ctx.now();
  const scope = new TenantScope(trx, ctx.commune.id);
  const e = await load(scope, id);
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
      status: e.status,
      publishAt: e.publishAt,
      title: e.title,
      searchText: `${e.lieu} ${e.adresse} ${richTextToPlain(e.descriptionHtml)}`,
      url: `/agenda/${e.slug}`,
      changesAt: e.status === 'publie' ? [new Date(e.endsAt)] : [],
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
    details: { slug: e.slug, status: publicationState(e.status, e.publishAt, now), ...opts.details },
  });
}
