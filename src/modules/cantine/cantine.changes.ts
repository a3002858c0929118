import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { bumpContentVersion, scheduleContentChange } from '../../core/http/page-cache.js';
import { addDays, parisToUtc } from '../../core/paris-time.js';
import type { DB } from '../../db/schema.js';

/**
 * Records a change of the canteen's public content, in the transaction of the change: the audit
 * event, and the new content version that makes cached public pages stale.
 */
export async function recordChange(
  trx: Kysely<DB>,
  ctx: CommuneCtx,
  event: { action: string; objectType: string; objectId: number | string | null; details?: Record<string, unknown> },
): Promise<void> {
  await appendAuditEvent(trx, {
    communeId: ctx.commune.id,
    occurredAt: ctx.now(),
    action: event.action,
    actorUserId: actorUserId(ctx.actor),
    objectType: event.objectType,
    objectId: event.objectId,
    details: event.details ?? {},
  });
  await bumpContentVersion(trx, ctx.commune.id);
}

/**
 * The home page shows today's menu, or the next school day's: it changes at midnight (Paris) at
 * the start of each menu day and of the day after. Those instants are announced to the page cache.
 */
export async function scheduleMenuDays(trx: Kysely<DB>, ctx: CommuneCtx, dates: Iterable<string>): Promise<void> {
  const now = ctx.now();
  const instants = new Set<string>();
  for (const date of dates) for (const d of [date, addDays(date, 1)]) instants.add(d);
  for (const d of instants) {
    const at = parisToUtc(d, '00:00');
    if (at) await scheduleContentChange(trx, ctx.commune.id, at, now);
  }
}
