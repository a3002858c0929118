import { appendAuditEvent } from '../audit/index.js';
import { actorUserId, type CommuneCtx } from '../context.js';
import { bumpContentVersion } from '../http/page-cache.js';
import type { CommuneTheme, MairieInfo } from './commune.js';

/**
 * Saves what the commune shows of itself: theme (colour, logo, photo) and the mairie's details
 * (address, hours, closures, accessibility statement). The caller has checked the policy and the
 * values; public pages are refreshed.
 */
export async function saveCommuneSettings(
  ctx: CommuneCtx,
  v: { theme: CommuneTheme; info: MairieInfo },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('commune')
      .set({ theme: JSON.stringify(v.theme), info: JSON.stringify(v.info), updated_at: ctx.now().toISOString() })
      .where('id', '=', ctx.commune.id)
      .execute();
    await bumpContentVersion(trx, ctx.commune.id);
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'commune.settings_changed',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'commune',
      objectId: ctx.commune.id,
      details: { fields: Object.keys(v.info).concat(Object.keys(v.theme)) },
    });
  });
}
