import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { conflict, forbidden, notFound } from '../../core/errors.js';
import { retryMail } from '../../core/mail/index.js';
import { canVoirCourriels } from './courriels.policy.js';
import * as repo from './courriels.repo.js';

function check(ctx: CommuneCtx): void {
  if (!canVoirCourriels(ctx.actor)) {
    throw forbidden('Les courriels de la commune sont réservés à l’administrateur et au secrétariat de mairie.');
  }
}

/** The commune's outbox (sent, pending, failed), filtered, with the count of each status. */
export async function listCourriels(ctx: CommuneCtx, filter: repo.CourrielFilter) {
  check(ctx);
  const scope = new repo.CommuneMails(ctx.db, ctx.commune.id);
  const [courriels, counts] = await Promise.all([repo.listCourriels(scope, filter), repo.countByStatus(scope)]);
  return { courriels, counts };
}

/** Puts a failed mail of the commune back in the queue; the worker sends it at its next pass. */
export async function relancerCourriel(ctx: CommuneCtx, id: number): Promise<void> {
  check(ctx);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new repo.CommuneMails(trx, ctx.commune.id);
    const status = await repo.findStatus(scope, id);
    if (status === null) throw notFound('Ce courriel est introuvable.');
    if (!(await retryMail(trx, id, ctx.commune.id, now))) {
      throw conflict(status === 'sent' ? 'Ce courriel est déjà parti.' : 'Ce courriel est déjà en attente d’envoi.');
    }
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: now,
      action: 'courriels.relance',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'courriel',
      objectId: id,
    });
  });
}
