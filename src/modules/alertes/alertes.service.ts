import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../core/audit/index.js';
import { indexDocument, saveRevision, unindexDocument } from '../../core/content/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { conflict, forbidden, notFound } from '../../core/errors.js';
import { bumpContentVersion, scheduleContentChange } from '../../core/http/page-cache.js';
import { scheduleJob } from '../../core/jobs/index.js';
import type { PublicContentCtx } from '../../core/module.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { DB } from '../../db/schema.js';
import { countConfirmedAbonnes } from './abonnement.repo.js';
import { canManageAlertes } from './alertes.policy.js';
import * as repo from './alertes.repo.js';
import { chooseBannerAlerte, isCurrent, splitByTiming } from './alertes.rules.js';
import type { AlerteInput } from './alertes.schemas.js';

export type { Alerte } from './alertes.repo.js';

/** Job that mails an alert to the confirmed subscribers when it starts. */
export const DIFFUSION_JOB = 'alertes.diffusion';

/** How many ended alerts the public list shows. */
export const PUBLIC_PAST_LIMIT = 5;

const scopeOf = (ctx: Pick<CommuneCtx, 'db' | 'commune'>) => new TenantScope(ctx.db, ctx.commune.id);

/** The banner's alert at `now` (most severe, then latest) and how many others are current. */
export async function bannerAlerte(ctx: PublicContentCtx): Promise<{ alerte: repo.Alerte; others: number } | null> {
  const current = await repo.listCurrentAlertes(scopeOf(ctx), ctx.now);
  const alerte = chooseBannerAlerte(current, ctx.now);
  return alerte ? { alerte, others: current.length - 1 } : null;
}

/** The public list: current and upcoming alerts, and the last ended ones. */
export async function listPublicAlertes(ctx: PublicContentCtx) {
  const scope = scopeOf(ctx);
  const [notEnded, past] = await Promise.all([
    repo.listAlertesNotEnded(scope, ctx.now),
    repo.listPastAlertes(scope, ctx.now, PUBLIC_PAST_LIMIT),
  ]);
  return { ...splitByTiming(notEnded, ctx.now), past };
}

/** One alert of the commune, whatever its period (the public page); 404 when unknown here. */
export async function getPublicAlerte(ctx: PublicContentCtx, id: number): Promise<repo.Alerte> {
  const alerte = await repo.findAlerte(scopeOf(ctx), id);
  if (!alerte) throw notFound('Cette alerte n’existe pas ou a été supprimée.');
  return alerte;
}

/** Refuses (403) an actor whose role may not manage alerts. */
export function checkPolicy(ctx: CommuneCtx): void {
  if (!canManageAlertes(ctx.actor)) throw forbidden('Votre rôle ne permet pas de gérer les alertes.');
}

/** The back-office list: current, upcoming and past alerts, and the number of confirmed subscribers. */
export async function listAdminAlertes(ctx: CommuneCtx) {
  checkPolicy(ctx);
  const scope = scopeOf(ctx);
  const now = ctx.now();
  const [notEnded, past, abonnes] = await Promise.all([
    repo.listAlertesNotEnded(scope, now),
    repo.listPastAlertes(scope, now, 100),
    countConfirmedAbonnes(scope),
  ]);
  return { ...splitByTiming(notEnded, now), past, abonnes, now };
}

/** One alert, for the back-office. */
export async function getAlerte(ctx: CommuneCtx, id: number): Promise<repo.Alerte> {
  checkPolicy(ctx);
  const alerte = await repo.findAlerte(scopeOf(ctx), id);
  if (!alerte) throw notFound('Cette alerte n’existe pas dans cette commune.');
  return alerte;
}

const fieldsOf = (input: AlerteInput): repo.AlerteFields => ({
  kind: input.kind,
  severity: input.severity,
  title: input.title,
  body: input.body,
  startsAt: input.startsAt.toISOString(),
  endsAt: input.endsAt.toISOString(),
});

/**
 * What every save does in its transaction: a revision, the search index, the content version,
 * the page cache's scheduled changes at the start and the end, the mail job, the audit event.
 */
async function afterSave(
  trx: Kysely<DB>,
  ctx: CommuneCtx,
  alerte: { id: number; fields: repo.AlerteFields; diffusee: boolean },
  action: string,
  now: Date,
): Promise<void> {
  const communeId = ctx.commune.id;
  const scope = new TenantScope(trx, communeId);
  const { id, fields } = alerte;
  await saveRevision(scope, {
    entityType: 'alerte',
    entityId: id,
    authorUserId: actorUserId(ctx.actor),
    data: fields,
    now,
  });
  await indexDocument(trx, communeId, {
    kind: 'alerte',
    refId: id,
    title: fields.title,
    body: fields.body,
    url: `/alertes/${id}`,
    visibleFrom: now,
  });
  await bumpContentVersion(trx, communeId);
  await scheduleContentChange(trx, communeId, new Date(fields.startsAt), now);
  await scheduleContentChange(trx, communeId, new Date(fields.endsAt), now);
  if (!alerte.diffusee && Date.parse(fields.endsAt) > now.getTime()) {
    const runAt = new Date(Math.max(Date.parse(fields.startsAt), now.getTime()));
    const dedupeKey = `alertes:diffusion:${id}:${runAt.toISOString()}`;
    await scheduleJob(trx, { name: DIFFUSION_JOB, runAt, communeId, payload: { alerteId: id }, dedupeKey }, now);
  }
  await appendAuditEvent(trx, {
    communeId,
    occurredAt: now,
    action,
    actorUserId: actorUserId(ctx.actor),
    objectType: 'alerte',
    objectId: id,
    details: { severity: fields.severity, startsAt: fields.startsAt, endsAt: fields.endsAt },
  });
}

/** Publishes an alert; its subscribers get it by mail when it starts (at once if it has). */
export async function creerAlerte(ctx: CommuneCtx, input: AlerteInput): Promise<number> {
  checkPolicy(ctx);
  const now = ctx.now();
  const fields = fieldsOf(input);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertAlerte(new TenantScope(trx, ctx.commune.id), fields, now.toISOString());
    await afterSave(trx, ctx, { id, fields, diffusee: false }, 'alerte.created', now);
    return id;
  });
}

/** Changes an alert; a mail already sent is not sent again. */
export async function modifierAlerte(ctx: CommuneCtx, id: number, input: AlerteInput): Promise<void> {
  checkPolicy(ctx);
  const now = ctx.now();
  const fields = fieldsOf(input);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const before = await repo.findAlerte(scope, id);
    if (!before) throw notFound('Cette alerte n’existe pas dans cette commune.');
    await repo.updateAlerte(scope, id, fields, now.toISOString());
    await afterSave(trx, ctx, { id, fields, diffusee: before.diffuseeAt !== null }, 'alerte.updated', now);
  });
}

/** Ends a current alert now: the banner disappears at once. */
export async function terminerAlerte(ctx: CommuneCtx, id: number): Promise<void> {
  checkPolicy(ctx);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const alerte = await repo.findAlerte(scope, id);
    if (!alerte) throw notFound('Cette alerte n’existe pas dans cette commune.');
    if (!isCurrent(alerte, now)) throw conflict('Seule une alerte en cours peut être terminée.');
    const { kind, severity, title, body, startsAt } = alerte;
    const fields = { kind, severity, title, body, startsAt, endsAt: now.toISOString() };
    await repo.updateAlerte(scope, id, fields, now.toISOString());
    await afterSave(trx, ctx, { id, fields, diffusee: true }, 'alerte.ended', now);
  });
}

/** Deletes an alert (its revisions stay, as the audit log does). */
export async function supprimerAlerte(ctx: CommuneCtx, id: number): Promise<void> {
  checkPolicy(ctx);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const alerte = await repo.findAlerte(scope, id);
    if (!alerte) throw notFound('Cette alerte n’existe pas dans cette commune.');
    await repo.deleteAlerte(scope, id);
    await unindexDocument(trx, ctx.commune.id, 'alerte', id);
    await bumpContentVersion(trx, ctx.commune.id);
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: now,
      action: 'alerte.deleted',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'alerte',
      objectId: id,
      details: { title: alerte.title },
    });
  });
}
