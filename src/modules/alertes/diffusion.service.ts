import { z } from 'zod';
import { appendAuditEvent } from '../../core/audit/index.js';
import type { JobCtx, JobHandler } from '../../core/jobs/index.js';
import { enqueueMail } from '../../core/mail/index.js';
import { findCommuneById, TenantScope } from '../../core/tenancy/index.js';
import { listConfirmedAbonnes } from './abonnement.repo.js';
import { issueJeton, purgeStalePending } from './abonnement.service.js';
import { alerteMail } from './alertes.mails.js';
import { claimDiffusion, findAlerte } from './alertes.repo.js';
import { isCurrent } from './alertes.rules.js';
import { DIFFUSION_JOB } from './alertes.service.js';

const payloadSchema = z.object({ alerteId: z.number().int().positive() });

/**
 * Mails a current alert to every confirmed subscriber of its commune, once: the alert is claimed
 * with a compare-and-set in the transaction that queues the mails. An alert not current (moved
 * later, ended, deleted) is skipped: the job of its new start will send it.
 */
export async function diffuserAlerte(ctx: JobCtx, payload: unknown, baseUrl: string): Promise<number> {
  const { alerteId } = payloadSchema.parse(payload);
  if (ctx.communeId === null) return 0;
  const commune = await findCommuneById(ctx.db, ctx.communeId);
  if (!commune) return 0;
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, commune.id);
    const alerte = await findAlerte(scope, alerteId);
    if (!alerte || !isCurrent(alerte, now)) return 0;
    if (!(await claimDiffusion(scope, alerteId, now.toISOString()))) return 0;
    await purgeStalePending(scope, now);
    const abonnes = await listConfirmedAbonnes(scope);
    for (const abonne of abonnes) {
      const unsubscribeToken = await issueJeton(scope, abonne.id, 'desabonnement', now);
      await enqueueMail(trx, alerteMail(commune, alerte, abonne.email, { baseUrl, unsubscribeToken }), now);
    }
    await appendAuditEvent(trx, {
      communeId: commune.id,
      occurredAt: now,
      action: 'alerte.diffusee',
      actorUserId: null,
      objectType: 'alerte',
      objectId: alerteId,
      details: { destinataires: abonnes.length },
    });
    ctx.log.info({ alerteId, destinataires: abonnes.length }, 'alert mailed to its subscribers');
    return abonnes.length;
  });
}

/** The module's job handlers, for the job runner (src/core/background.ts). */
export function alertesJobHandlers(opts: { publicUrl: string }): Record<string, JobHandler> {
  return {
    [DIFFUSION_JOB]: async (payload, ctx) => {
      await diffuserAlerte(ctx, payload, opts.publicUrl);
    },
  };
}
