import { appendAuditEvent } from '../../core/audit/index.js';
import { hasRole, listCommuneMembers, usersWithSecondFactor } from '../../core/auth/index.js';
import { backupStatus } from '../../core/backup/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { forbidden, invalid } from '../../core/errors.js';
import { toParisLocal } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { CHECKLIST, DORMANT_DAYS, type Indicators } from './securite.rules.js';

export const canSeeSecurity = (ctx: CommuneCtx) => hasRole(ctx.actor, ['administrateur', 'secretaire']);

export interface SecurityOverview {
  indicators: Indicators;
  points: Record<string, { doneOn: string }>;
}

/** Where the commune stands, computed from the platform, with its checklist. */
export async function securityOverview(ctx: CommuneCtx, https: boolean): Promise<SecurityOverview> {
  if (!canSeeSecurity(ctx)) throw forbidden();
  const members = (await listCommuneMembers({ ...ctx, actor: { kind: 'system', label: 'security-overview' } })).filter(
    (m) => m.active && !m.userDisabled,
  );
  const mfa = await usersWithSecondFactor(
    ctx.db,
    members.map((m) => m.userId),
  );
  const limit = ctx.now().getTime() - DORMANT_DAYS * 86_400_000;
  const rows = await new TenantScope(ctx.db, ctx.commune.id)
    .selectFrom('securite_point')
    .select(['item', 'done_on'])
    .execute();
  return {
    indicators: {
      accounts: members.length,
      withSecondFactor: members.filter((m) => mfa.has(m.userId)).length,
      dormant: members.filter((m) => m.lastSignInAt === null || Date.parse(m.lastSignInAt) < limit).length,
      administrators: members.filter((m) => m.role === 'administrateur').length,
      https,
      lastVerifiedBackup: (await backupStatus(ctx.db, ctx.now())).lastVerifiedOk?.finishedAt ?? null,
    },
    points: Object.fromEntries(rows.map((r) => [r.item, { doneOn: r.done_on }])),
  };
}

/** Ticks (with its date) or unticks a point of the checklist. */
export async function setChecklistPoint(ctx: CommuneCtx, item: string, done: boolean): Promise<void> {
  if (!canSeeSecurity(ctx)) throw forbidden();
  if (!CHECKLIST.some((c) => c.key === item)) throw invalid('Ce point n’existe pas dans la liste.');
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    await scope.deleteFrom('securite_point').where('item', '=', item).execute();
    if (done) {
      await scope
        .insertInto('securite_point', {
          item,
          done_on: toParisLocal(ctx.now()).date,
          done_by: actorUserId(ctx.actor),
        })
        .execute();
    }
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: done ? 'securite.point_checked' : 'securite.point_unchecked',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'securite_point',
      objectId: item,
    });
  });
}
