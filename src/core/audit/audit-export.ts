import { actorUserId, type CommuneCtx } from '../context.js';
import { appendAuditEvent } from './audit.js';

/**
 * Records an export of personal data (CSV of requests, the journal…): who, when, from where, what
 * and how many rows. Call it when the file is produced, from the route or service that builds it.
 */
export async function recordExport(
  ctx: CommuneCtx,
  e: { what: string; rows: number; filter?: Record<string, unknown> },
): Promise<void> {
  await ctx.db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: `export.${e.what}`,
      actorUserId: actorUserId(ctx.actor),
      objectType: 'export',
      objectId: e.what,
      details: { rows: e.rows, filter: e.filter ?? {} },
      personal: { ip: ctx.ip ?? null },
    }),
  );
}
