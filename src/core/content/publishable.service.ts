import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../audit/index.js';
import { type Actor, actorUserId, type CommuneCtx } from '../context.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.js';
import { TenantScope } from '../tenancy/index.js';
import { PUBLICATION_LABELS, type PublicationStatus, publicationState } from './publication.rules.js';
import {
  applyPublication,
  PUBLICATION_AUDIT_ACTIONS,
  type Publication,
  type PublicationAction,
  removePublicContent,
  syncPublicContent,
} from './publication.workflow.js';
import { type RevisionWithAuthor, withRevisionAuthors } from './revision-authors.repo.js';
import { getRevisionData, listRevisions, saveRevision } from './revisions.repo.js';
import { slugFromTitle, uniqueSlug } from './slug.rules.js';

/** What every publishable item has: an address, a title and a publication state. */
export interface PublishableItem {
  id: number;
  slug: string;
  title: string;
  status: PublicationStatus;
  publishAt: string | null;
}

/** The editable fields of an item, as a revision keeps them. */
export interface PublishableFields {
  slug: string;
  title: string;
}

/** A kind of public content written in the back-office (actualités, events…) and what it needs. */
export interface PublishableKind<Item extends PublishableItem, Fields extends PublishableFields, Input> {
  /** Entity name of revisions, search documents and audit actions (`actualite.created`…). */
  entity: string;
  /** Public address of an item: `${basePath}/${slug}`. */
  basePath: string;
  /** French words for messages: « l’actualité », « Une autre actualité », « Cette actualité n’existe pas. » */
  words: { the: string; another: string; notFound: string };
  canManage(actor: Actor): boolean;
  /** The form's typed address (empty: made from the title) and title. */
  slugAndTitle(input: Input): { slug: string; title: string };
  fieldsOf(input: Input, slug: string): Fields;
  repo: {
    find(scope: TenantScope, id: number): Promise<Item | undefined>;
    listAll(scope: TenantScope): Promise<Item[]>;
    insert(scope: TenantScope, fields: Fields, nowIso: string): Promise<number>;
    update(scope: TenantScope, id: number, fields: Fields, nowIso: string): Promise<void>;
    setPublication(scope: TenantScope, id: number, next: Publication, nowIso: string): Promise<void>;
    remove(scope: TenantScope, id: number): Promise<void>;
    slugsLike(scope: TenantScope, base: string, exceptId: number | null): Promise<Set<string>>;
  };
  /** The text the search finds an item by, and the instants its public pages change on their own. */
  publicEntry(item: Item): { searchText: string; changesAt?: Date[] };
}

/** The back-office services of a kind of publishable content, each in its own transaction. */
export interface PublishableService<Item, Input> {
  /** Refuses actors who may not write this content (before showing an empty form). */
  assertCanManage(ctx: CommuneCtx): void;
  listForAdmin(ctx: CommuneCtx): Promise<Item[]>;
  getForEdit(ctx: CommuneCtx, id: number): Promise<Item>;
  /** Saved versions, newest first, with their authors. */
  revisions(ctx: CommuneCtx, id: number): Promise<RevisionWithAuthor[]>;
  /** Writes a new draft; returns its id. */
  create(ctx: CommuneCtx, input: Input): Promise<number>;
  /** Saves the edited fields (the publication state does not change). */
  update(ctx: CommuneCtx, id: number, input: Input): Promise<void>;
  /** Publishes now, schedules (`at`), withdraws or cancels the schedule. */
  changePublication(ctx: CommuneCtx, id: number, action: PublicationAction, at?: Date): Promise<void>;
  /** Deletes the item (its past versions stay in the history). */
  remove(ctx: CommuneCtx, id: number): Promise<void>;
  /** Brings back a saved version: its fields become the current ones, as a new version. */
  restoreRevision(ctx: CommuneCtx, id: number, revisionId: number): Promise<void>;
}

export function publishableService<Item extends PublishableItem, Fields extends PublishableFields, Input>(
  kind: PublishableKind<Item, Fields, Input>,
): PublishableService<Item, Input> {
  const { entity, repo, words } = kind;

  const guard = (ctx: CommuneCtx): TenantScope => {
    if (!kind.canManage(ctx.actor)) throw forbidden();
    return new TenantScope(ctx.db, ctx.commune.id);
  };

  const load = async (scope: TenantScope, id: number): Promise<Item> => {
    const item = await repo.find(scope, id);
    if (!item) throw notFound(words.notFound);
    return item;
  };

  /** The address: the one typed (refused if taken), or one made from the title (numbered if taken). */
  const chooseSlug = async (scope: TenantScope, input: Input, id: number | null): Promise<string> => {
    const { slug: typed, title } = kind.slugAndTitle(input);
    if (typed) {
      if ((await repo.slugsLike(scope, typed, id)).has(typed)) {
        throw conflict('Cette adresse est déjà prise.', {
          slug: `${words.another} a déjà l’adresse ${kind.basePath}/${typed} : choisissez-en une autre.`,
        });
      }
      return typed;
    }
    const base = slugFromTitle(title) || entity;
    return uniqueSlug(base, await repo.slugsLike(scope, base, id));
  };

  /**
   * What follows every change, in its transaction: a version when the fields changed, the search
   * index, the public pages' cache (and its scheduled changes), and the audit event.
   */
  const afterSave = async (
    trx: Database,
    ctx: CommuneCtx,
    id: number,
    verb: string,
    opts: { revision?: Fields; details?: Record<string, unknown> },
  ): Promise<void> => {
    const now = ctx.now();
    const scope = new TenantScope(trx, ctx.commune.id);
    const item = await load(scope, id);
    if (opts.revision) {
      await saveRevision(scope, {
        entityType: entity,
        entityId: id,
        authorUserId: actorUserId(ctx.actor),
        data: opts.revision,
        now,
      });
    }
    const entry = kind.publicEntry(item);
    await syncPublicContent(
      trx,
      ctx.commune.id,
      {
        kind: entity,
        refId: id,
        status: item.status,
        publishAt: item.publishAt,
        title: item.title,
        searchText: entry.searchText,
        url: `${kind.basePath}/${item.slug}`,
        ...(entry.changesAt && { changesAt: entry.changesAt }),
      },
      now,
    );
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: now,
      action: `${entity}.${verb}`,
      actorUserId: actorUserId(ctx.actor),
      objectType: entity,
      objectId: id,
      details: { slug: item.slug, status: publicationState(item.status, item.publishAt, now), ...opts.details },
    });
  };

  /** Runs `work` in a transaction, with the commune's scope inside it. */
  const inTransaction = async <T>(
    ctx: CommuneCtx,
    work: (trx: Database, scope: TenantScope) => Promise<T>,
  ): Promise<T> => {
    guard(ctx);
    return ctx.db.transaction().execute((trx) => work(trx, new TenantScope(trx, ctx.commune.id)));
  };

  return {
    assertCanManage: (ctx) => void guard(ctx),
    listForAdmin: async (ctx) => repo.listAll(guard(ctx)),
    getForEdit: async (ctx, id) => load(guard(ctx), id),
    async revisions(ctx, id) {
      const scope = guard(ctx);
      await load(scope, id);
      return withRevisionAuthors(scope, await listRevisions(scope, entity, id));
    },
    create: (ctx, input) =>
      inTransaction(ctx, async (trx, scope) => {
        const fields = kind.fieldsOf(input, await chooseSlug(scope, input, null));
        const id = await repo.insert(scope, fields, ctx.now().toISOString());
        await afterSave(trx, ctx, id, 'created', { revision: fields });
        return id;
      }),
    update: (ctx, id, input) =>
      inTransaction(ctx, async (trx, scope) => {
        await load(scope, id);
        const fields = kind.fieldsOf(input, await chooseSlug(scope, input, id));
        await repo.update(scope, id, fields, ctx.now().toISOString());
        await afterSave(trx, ctx, id, 'updated', { revision: fields });
      }),
    async changePublication(ctx, id, action, at) {
      const now = ctx.now();
      if (action === 'programmer' && (!at || at.getTime() <= now.getTime())) {
        throw invalid('La date de publication doit être dans le futur.', {
          date: 'La date et l’heure de publication doivent être dans le futur.',
        });
      }
      await inTransaction(ctx, async (trx, scope) => {
        const current = await load(scope, id);
        const next = applyPublication(action, current, now, at);
        if (!next) {
          const state = PUBLICATION_LABELS[publicationState(current.status, current.publishAt, now)];
          throw new AppError('InvalidTransition', `Cette action n’est pas possible : ${words.the} est « ${state} ».`);
        }
        await repo.setPublication(scope, id, next, now.toISOString());
        await afterSave(trx, ctx, id, PUBLICATION_AUDIT_ACTIONS[action], { details: { publishAt: next.publishAt } });
      });
    },
    remove: (ctx, id) =>
      inTransaction(ctx, async (trx, scope) => {
        const item = await load(scope, id);
        await repo.remove(scope, id);
        await removePublicContent(trx, ctx.commune.id, entity, id);
        await appendAuditEvent(trx, {
          communeId: ctx.commune.id,
          occurredAt: ctx.now(),
          action: `${entity}.deleted`,
          actorUserId: actorUserId(ctx.actor),
          objectType: entity,
          objectId: id,
          details: { slug: item.slug },
        });
      }),
    restoreRevision: (ctx, id, revisionId) =>
      inTransaction(ctx, async (trx, scope) => {
        await load(scope, id);
        const data = (await getRevisionData(scope, entity, id, revisionId)) as Fields | undefined;
        if (!data) throw notFound('Cette version n’existe pas.');
        const base = data.slug || slugFromTitle(data.title) || entity;
        const fields = { ...data, slug: uniqueSlug(base, await repo.slugsLike(scope, base, id)) };
        await repo.update(scope, id, fields, ctx.now().toISOString());
        await afterSave(trx, ctx, id, 'restored', { revision: fields, details: { revisionId } });
      }),
  };
}
