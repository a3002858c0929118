import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../core/audit/index.js';
import { normalizeEmail } from '../../core/auth/index.js';
import type { CommuneCtx } from '../../core/context.js';
import { randomToken, sha256Hex } from '../../core/crypto.js';
import { notFound } from '../../core/errors.js';
import { enqueueMail } from '../../core/mail/index.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { lockForTransaction } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import * as repo from './abonnement.repo.js';
import { alreadySubscribedMail, confirmationMail } from './alertes.mails.js';
import { CONFIRMATION_DAYS, isTokenShape, mayMailAgain } from './alertes.rules.js';

/** Advisory-lock space of the subscriptions (PostgreSQL): one request per commune at a time. */
const ABONNEMENT_LOCK_SPACE = 0x0a1e47;
const DAY_MS = 24 * 3_600_000;

/** A new link: the token goes in the mail, only its SHA-256 is stored. */
export async function issueJeton(
  scope: TenantScope,
  abonneId: number,
  purpose: repo.JetonPurpose,
  now: Date,
): Promise<string> {
  const token = randomToken();
  const expiresAt = purpose === 'confirmation' ? new Date(now.getTime() + CONFIRMATION_DAYS * DAY_MS) : null;
  await repo.insertJeton(scope, {
    hash: sha256Hex(token),
    abonneId,
    purpose,
    now: now.toISOString(),
    expiresAt: expiresAt?.toISOString() ?? null,
  });
  return token;
}

/** Erases the pending subscriptions never confirmed: their links have expired (RGPD: no reason to keep them). */
export async function purgeStalePending(scope: TenantScope, now: Date): Promise<void> {
  const before = new Date(now.getTime() - CONFIRMATION_DAYS * DAY_MS).toISOString();
  for (const id of await repo.listStalePending(scope, before)) await repo.deleteAbonne(scope, id);
}

/**
 * A visitor asks for the alerts by mail (double opt-in): a pending subscription is created or
 * refreshed and a confirmation mail queued; an address already subscribed gets a notice instead.
 * The caller answers the same in every case, so the form tells nobody who is subscribed.
 */
export async function demanderAbonnement(ctx: CommuneCtx, input: { email: string; baseUrl: string }): Promise<void> {
  const email = normalizeEmail(input.email);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, ABONNEMENT_LOCK_SPACE, ctx.commune.id);
    const scope = new TenantScope(trx, ctx.commune.id);
    await purgeStalePending(scope, now);
    const found = await repo.findAbonneByEmail(scope, email);
    if (found && !mayMailAgain(found.lastMailAt, now)) return;
    const abonneId = found?.id ?? (await repo.insertAbonne(scope, email, now.toISOString()));
    if (found) await repo.touchAbonneMail(scope, abonneId, now.toISOString());
    const unsubscribeToken = await issueJeton(scope, abonneId, 'desabonnement', now);
    const mail =
      found?.status === 'confirme'
        ? alreadySubscribedMail(ctx.commune, email, { baseUrl: input.baseUrl, unsubscribeToken })
        : confirmationMail(ctx.commune, email, {
            baseUrl: input.baseUrl,
            confirmToken: await issueJeton(scope, abonneId, 'confirmation', now),
            unsubscribeToken,
          });
    await enqueueMail(trx, mail, now);
  });
}

/** The subscriber behind a valid link of this purpose (not used, not expired), or null. */
async function validJeton(
  scope: TenantScope,
  token: string,
  purpose: repo.JetonPurpose,
  now: Date,
): Promise<{ hash: string; abonne: repo.Abonne } | null> {
  if (!isTokenShape(token)) return null;
  const hash = sha256Hex(token);
  const jeton = await repo.findJeton(scope, hash);
  if (!jeton || jeton.purpose !== purpose || jeton.usedAt !== null) return null;
  if (jeton.expiresAt !== null && Date.parse(jeton.expiresAt) <= now.getTime()) return null;
  const abonne = await repo.findAbonne(scope, jeton.abonneId);
  return abonne ? { hash, abonne } : null;
}

const LINK_GONE = 'Ce lien n’est plus valable : il a déjà servi, il a expiré ou il n’existe pas.';

/** The address a confirmation link is for, if the link is still valid (the page only shows a button). */
export async function findConfirmation(ctx: CommuneCtx, token: string): Promise<{ email: string }> {
  const found = await validJeton(new TenantScope(ctx.db, ctx.commune.id), token, 'confirmation', ctx.now());
  if (!found) throw notFound(LINK_GONE);
  return { email: found.abonne.email };
}

async function audit(trx: Kysely<DB>, ctx: CommuneCtx, action: string, abonneId: number, now: Date): Promise<void> {
  await appendAuditEvent(trx, {
    communeId: ctx.commune.id,
    occurredAt: now,
    action,
    actorUserId: null,
    objectType: 'alerte_abonne',
    objectId: abonneId,
  });
}

/** Confirms a subscription through its link, once. */
export async function confirmerAbonnement(ctx: CommuneCtx, token: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const found = await validJeton(scope, token, 'confirmation', now);
    if (!found || !(await repo.useJeton(scope, found.hash, now.toISOString()))) throw notFound(LINK_GONE);
    if (found.abonne.status !== 'confirme') await repo.confirmAbonne(scope, found.abonne.id, now.toISOString());
    await audit(trx, ctx, 'alertes.abonnement_confirme', found.abonne.id, now);
  });
}

/** The address an unsubscribe link is for, if the subscription still exists. */
export async function findDesabonnement(ctx: CommuneCtx, token: string): Promise<{ email: string }> {
  const found = await validJeton(new TenantScope(ctx.db, ctx.commune.id), token, 'desabonnement', ctx.now());
  if (!found) throw notFound(LINK_GONE);
  return { email: found.abonne.email };
}

/** Unsubscribes through a link from a mail: the address and its links are erased. */
export async function desabonner(ctx: CommuneCtx, token: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const found = await validJeton(scope, token, 'desabonnement', now);
    if (!found || !(await repo.deleteAbonne(scope, found.abonne.id))) throw notFound(LINK_GONE);
    await audit(trx, ctx, 'alertes.desabonnement', found.abonne.id, now);
  });
}
